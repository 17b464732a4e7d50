<?php
// Writes seed-data.json into a freshly installed site and prints what it made
// (ids, application passwords, media checksums) as JSON.
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once __DIR__ . '/media-files.php';

$data = json_decode(file_get_contents(__DIR__ . '/seed-data.json'), true, 512, JSON_THROW_ON_ERROR);
$admin = get_user_by('id', 1) ?: testbed_fail('the site has no administrator with id 1');
// As the administrator (unfiltered_html): what the seed writes is stored as it is, not through kses.
wp_set_current_user($admin->ID);
add_filter('wp_insert_post_empty_content', '__return_false');
wp_defer_term_counting(true);

$made = ['users' => [], 'categories' => [], 'tags' => [], 'genres' => [], 'pages' => [], 'posts' => [], 'books' => [], 'guides' => [],
    'comments' => [], 'media' => []];
// Each list of the seed with terms, and the taxonomy it fills.
$taxonomies = ['categories' => 'category', 'tags' => 'post_tag', 'genres' => 'genre'];
$user_ids = ['admin' => $admin->ID];

foreach ($data['users'] as $u) {
    $id = wp_insert_user(wp_slash([
        'user_login' => $u['login'],
        'user_pass' => wp_generate_password(24),
        'user_email' => $u['email'],
        'display_name' => $u['display_name'],
        'first_name' => explode(' ', $u['display_name'])[0],
        'last_name' => explode(' ', $u['display_name'])[1] ?? '',
        'description' => 'Seeded ' . $u['role'] . ' ✍️',
        'user_url' => 'https://example.test/' . rawurlencode($u['login']),
        'role' => $u['role'],
    ]));
    if (is_wp_error($id)) {
        testbed_fail('user ' . $u['login'] . ': ' . $id->get_error_message());
    }
    $user_ids[$u['key']] = $id;
    foreach ($u['meta'] ?? [] as $key => $value) {
        update_user_meta($id, $key, wp_slash($value));
    }
    $made['users'][$u['key']] = ['id' => $id, 'login' => $u['login'], 'role' => $u['role'], 'app_password' => testbed_app_password($id)];
}

foreach ($taxonomies as $list => $taxonomy) {
    foreach ($data[$list] as $t) {
        $args = ['slug' => $t['slug'], 'description' => $t['description'] ?? ''];
        if (isset($t['parent'])) {
            $args['parent'] = $made[$list][$t['parent']]['id'];
        }
        $term = wp_insert_term(wp_slash($t['name']), $taxonomy, wp_slash($args));
        if (is_wp_error($term)) {
            testbed_fail("$taxonomy {$t['slug']}: " . $term->get_error_message());
        }
        foreach ($t['meta'] ?? [] as $key => $value) {
            update_term_meta($term['term_id'], $key, wp_slash($value));
        }
        $made[$list][$t['slug']] = ['id' => $term['term_id']];
    }
}

/** One object of a post type from its seed list ($list: where its parent is found). */
function testbed_insert_post(array $p, string $type, string $list, array $user_ids, array $made, array $taxonomies): int
{
    $post = [
        'post_type' => $type,
        'post_title' => $p['title'],
        'post_content' => $p['content'],
        'post_status' => $p['status'] ?? 'publish',
        'post_author' => $user_ids[$p['author'] ?? 'admin'],
        'post_password' => $p['password'] ?? '',
        'post_excerpt' => $p['excerpt'] ?? '',
    ];
    if (isset($p['date_gmt'])) {
        $post['post_date_gmt'] = $p['date_gmt'];
        $post['post_date'] = get_date_from_gmt($p['date_gmt']);
    }
    if (isset($p['parent'])) {
        $post['post_parent'] = $made[$list][$p['parent']]['id'];
    }
    // wp_insert_post expects slashed input; without this, every backslash is lost.
    $id = wp_insert_post(wp_slash($post), true);
    if (is_wp_error($id)) {
        testbed_fail("$type {$p['key']}: " . $id->get_error_message());
    }
    foreach ($taxonomies as $terms => $taxonomy) {
        if (isset($p[$terms])) {
            $ids = array_map(fn($slug) => (int) $made[$terms][$slug]['id'], $p[$terms]);
            wp_set_object_terms($id, $ids, $taxonomy);
        }
    }
    foreach ($p['meta'] ?? [] as $key => $value) {
        update_post_meta($id, $key, wp_slash($value));
    }
    // A second save, so that the object has a revision before this one.
    if (isset($p['revised'])) {
        wp_update_post(wp_slash(['ID' => $id, 'post_content' => $p['revised']]));
    }
    return $id;
}

foreach (['pages' => 'page', 'posts' => 'post', 'books' => 'book', 'guides' => 'guide'] as $list => $type) {
    foreach ($data[$list] as $p) {
        $made[$list][$p['key']] = ['id' => testbed_insert_post($p, $type, $list, $user_ids, $made, $taxonomies)];
    }
}

foreach ($data['comments'] as $c) {
    $id = wp_insert_comment(wp_slash([
        'comment_post_ID' => $made['posts'][$c['post']]['id'],
        'comment_parent' => isset($c['parent']) ? $made['comments'][$c['parent']]['id'] : 0,
        'comment_author' => $c['author_name'],
        'comment_author_email' => $c['author_email'],
        'comment_content' => $c['content'],
        'comment_approved' => $c['status'],
        'comment_date_gmt' => gmdate('Y-m-d H:i:s'),
        'comment_date' => current_time('mysql'),
    ]));
    if (!$id) {
        testbed_fail("comment {$c['key']} was not inserted");
    }
    $made['comments'][$c['key']] = ['id' => $id];
}

foreach ($data['media'] as $m) {
    $made['media'][$m['key']] = testbed_insert_media($m);
}

wp_defer_term_counting(false);
testbed_print($made);
