<?php
/**
 * Every post type and taxonomy, tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests), whose must-use plugin registers book, guide and genre: the index
 * lists each type core REST serves as posts or terms, one registered at run time too, and shows
 * each role what core REST's collection shows it; the feed names a change of any type, of its
 * terms and of the meta core REST shows, by the object's type, and leaves out meta shown nowhere;
 * a plugin activated or deactivated and a theme switched are a change of settings.
 */
require __DIR__ . '/check.php';

$users = ['anonymous' => 0];
foreach (['admin', 'editor', 'author', 'contributor', 'subscriber'] as $role) {
    $login = $role === 'author' ? 'ana author' : $role;
    $users[$role] = get_user_by('login', $login)->ID;
}
$admin = $users['admin'];

/** The ids and statuses the index shows this user, or the refusal's status. */
function indexed(string $type, int $user)
{
    $answer = rest('GET', '/pressdav/v1/index', ['type' => $type], $user);
    if ($answer->is_error()) {
        return $answer->get_status();
    }
    $items = $answer->get_data()['items'];
    // A term has no status: null, as core_rest() gives for terms.
    return array_combine(array_column($items, 'id'), array_map(static fn($item) => $item['status'] ?? null, $items));
}

/** The ids and statuses core REST's collection shows this user, status by status (a status refused to them adds nothing). */
function core_rest(string $route, int $user, bool $terms = false)
{
    $shown = [];
    foreach ($terms ? [null] : ['publish', 'future', 'draft', 'pending', 'private'] as $status) {
        $params = ['per_page' => 100] + ($terms ? ['hide_empty' => false] : ['status' => $status]);
        $answer = rest('GET', $route, $params, $user);
        if ($answer->is_error()) {
            if ($terms) {
                return $answer->get_status();
            }
            continue;
        }
        foreach ($answer->get_data() as $item) {
            $shown[$item['id']] = $terms ? null : $item['status'];
        }
    }
    ksort($shown);
    return $shown;
}

// The test bed's types are listed, and so is a type registered now; what core serves otherwise is left to core REST.
register_post_type('types_test_late', ['show_in_rest' => true, 'public' => true, 'rest_base' => 'types-test-late']);
register_post_type('types_test_hidden', ['show_in_rest' => false, 'public' => true]);
$features = rest('GET', '/pressdav/v1/status', [], 0)->get_data()['features'];
foreach (['index:book', 'index:guide', 'index:genre', 'index:post', 'index:page', 'index:category', 'index:post_tag', 'index:attachment',
    'index:user', 'index:comment', 'index:wp_block', 'index:wp_navigation', 'index:types_test_late'] as $feature) {
    check("the status offers $feature", in_array($feature, $features, true), json_encode($features));
}
foreach (['index:nav_menu_item', 'index:wp_template', 'index:wp_template_part', 'index:nav_menu', 'index:types_test_hidden', 'index:revision'] as $feature) {
    check("but not $feature (not served as posts or terms by core REST)", !in_array($feature, $features, true));
}
check('a type core REST does not serve is refused', indexed('types_test_hidden', $admin) === 400);
check('so is a menu item (core serves it, shaped as a menu entry)', indexed('nav_menu_item', $admin) === 400);
$late = wp_insert_post(['post_type' => 'types_test_late', 'post_title' => 'late', 'post_status' => 'publish', 'post_author' => $admin]);
check('a type registered at run time is listed', array_keys((array) indexed('types_test_late', 0)) === [$late]);

// Traps the seed lacks: a password book, a scheduled one, a pending one of the contributor, a draft guide of the author, a block.
$extra = [
    wp_insert_post(['post_type' => 'book', 'post_title' => 'types-test password', 'post_status' => 'publish', 'post_password' => 'pw', 'post_author' => $admin]),
    wp_insert_post(['post_type' => 'book', 'post_title' => 'types-test future', 'post_status' => 'future', 'post_date' => '2031-01-01 10:00:00',
        'post_author' => $users['author']]),
    wp_insert_post(['post_type' => 'book', 'post_title' => 'types-test pending', 'post_status' => 'pending', 'post_author' => $users['contributor']]),
    wp_insert_post(['post_type' => 'book', 'post_title' => 'types-test author private', 'post_status' => 'private', 'post_author' => $users['author']]),
    wp_insert_post(['post_type' => 'guide', 'post_title' => 'types-test guide draft', 'post_status' => 'draft', 'post_author' => $users['author']]),
    wp_insert_post(['post_type' => 'guide', 'post_title' => 'types-test guide private', 'post_status' => 'private', 'post_author' => $admin]),
    wp_insert_post(['post_type' => 'wp_block', 'post_title' => 'types-test block', 'post_status' => 'publish', 'post_author' => $admin,
        'post_content' => '<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->']),
    wp_insert_post(['post_type' => 'wp_navigation', 'post_title' => 'types-test navigation', 'post_status' => 'publish', 'post_author' => $admin]),
    wp_insert_post(['post_type' => 'wp_navigation', 'post_title' => 'types-test navigation draft', 'post_status' => 'draft', 'post_author' => $admin]),
];
$parity = ['book' => '/wp/v2/books', 'guide' => '/wp/v2/guides', 'wp_block' => '/wp/v2/blocks', 'wp_navigation' => '/wp/v2/navigation',
    'types_test_late' => '/wp/v2/types-test-late'];
foreach ($users as $role => $user) {
    foreach ($parity as $type => $route) {
        $index = indexed($type, $user);
        if (is_array($index)) {
            ksort($index);
        }
        $core = core_rest($route, $user);
        check("$role: the $type index shows what core REST shows", $index === $core, json_encode(['index' => $index, 'core' => $core]));
    }
    $genres = indexed('genre', $user);
    $core_genres = core_rest('/wp/v2/genres', $user, true);
    check("$role: the genre index shows what core REST shows", $genres === $core_genres && count($genres) >= 3, json_encode([$genres, $core_genres]));
}
$subscriber_books = indexed('book', $users['subscriber']);
check('a password book is listed to anyone, as core does', isset($subscriber_books[$extra[0]]));
check('a private book is not listed to a subscriber', is_array($subscriber_books) && !in_array('private', $subscriber_books, true));
check('an author sees their own private book', (indexed('book', $users['author'])[$extra[3]] ?? null) === 'private');
check('a contributor sees their own pending book but not the author\'s scheduled one',
    (indexed('book', $users['contributor'])[$extra[2]] ?? null) === 'pending' && !isset(indexed('book', $users['contributor'])[$extra[1]]));
check('a private guide (capability_type page) is not an author\'s', !isset(indexed('guide', $users['author'])[$extra[5]]));
check('a reusable block is listed to who may edit it, not to a subscriber or the public',
    isset(indexed('wp_block', $users['contributor'])[$extra[6]]) && !isset(indexed('wp_block', $users['subscriber'])[$extra[6]])
    && !isset(indexed('wp_block', 0)[$extra[6]]));

// The feed: a change of any type, its terms and its shown meta, by the object's type.
function changes_since(int $head): array
{
    Pressdav_Change_Feed::flush();
    wp_set_current_user(get_user_by('login', 'admin')->ID);
    return array_map(static fn($c) => $c['type'] . ':' . $c['id'], Pressdav_Change_Feed::since($head, 1000)['changes']);
}
$novel = get_page_by_path('the-long-novel', OBJECT, 'book')->ID;
$fiction = get_term_by('slug', 'fiction', 'genre')->term_id;
$poetry = get_term_by('slug', 'poetry', 'genre')->term_id;
$contributor = $users['contributor'];
Pressdav_Change_Feed::flush();

$head = Pressdav_Change_Feed::head();
update_post_meta($novel, 'isbn', '978-0-00-000000-2');
check('a book\'s registered meta changed is a change of the book', changes_since($head) === ["book:$novel"], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
update_post_meta($novel, 'awards', ['types-test award']);
delete_post_meta($novel, 'pages');
add_post_meta($novel, 'pages', 7, true);
check('so are an array meta set and an integer one deleted and added again', changes_since($head) === ["book:$novel"], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
update_post_meta($novel, '_edit_lock', time() . ':1');
update_post_meta($novel, 'types_test_unregistered', 'x');
update_post_meta($novel, 'level', 3); // registered, but for guides
check('meta core REST does not show on a book is no change', changes_since($head) === [], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
update_post_meta($novel, '_thumbnail_id', $extra[0]); // any id will do: the key is what is followed
check('the featured image (meta core REST shows as a field) is a change of the book', changes_since($head) === ["book:$novel"], json_encode(changes_since($head)));
delete_post_meta($novel, '_thumbnail_id');
$head = Pressdav_Change_Feed::head();
wp_set_object_terms($novel, [$poetry], 'genre');
$changed = changes_since($head);
check('a book\'s genres set are a change of the book and of the genres\' counts', in_array("book:$novel", $changed, true) && in_array('genre:0', $changed, true),
    json_encode($changed));
$head = Pressdav_Change_Feed::head();
update_term_meta($fiction, 'shelf', 'G');
update_term_meta($fiction, 'types_test_unregistered', 'x');
check('a genre\'s registered meta is a change of the genre', changes_since($head) === ["genre:$fiction"], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
update_user_meta($contributor, 'pen_name', 'types-test pen');
update_user_meta($contributor, 'types_test_unregistered', 'x');
check('a user\'s registered meta is a change of the user; an unregistered key is none', changes_since($head) === ["user:$contributor"],
    json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
register_post_meta('types_test_late', 'types_test_mood', ['type' => 'string', 'single' => true, 'show_in_rest' => true]);
update_post_meta($late, 'types_test_mood', 'late');
check('a type and a meta key registered at run time are followed too', changes_since($head) === ["types_test_late:$late"], json_encode(changes_since($head)));

// A plugin activated or deactivated, or a theme switched, may bring or take types: the drive reads them again at a change of settings.
// The plugin hooks are fired as activate_plugin() and deactivate_plugins() fire them (the test bed has no plugin to spare).
$head = Pressdav_Change_Feed::head();
do_action('activated_plugin', 'types-test/types-test.php', false);
check('a plugin activated is a change of settings', changes_since($head) === ['settings:0'], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
do_action('deactivated_plugin', 'types-test/types-test.php', false);
check('so is a plugin deactivated', changes_since($head) === ['settings:0'], json_encode(changes_since($head)));
$head = Pressdav_Change_Feed::head();
switch_theme(get_stylesheet());
check('and a theme switched', changes_since($head) === ['settings:0'], json_encode(changes_since($head)));

wp_delete_post($late, true);
foreach ($extra as $id) {
    wp_delete_post($id, true);
}
delete_user_meta($contributor, 'types_test_unregistered');
delete_term_meta($fiction, 'types_test_unregistered');
delete_post_meta($novel, 'types_test_unregistered');
report('types and meta');
