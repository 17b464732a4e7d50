<?php
/**
 * The companion plugin's routes, tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): the change feed's batching, its visibility rules for
 * each role, its bounds, and the resync answer for a reader the pruned feed left behind.
 * Plain PHP: each check prints a line; the last line counts them; the exit code is the failures.
 */
require __DIR__ . '/check.php';

function feed(int $since, ?int $user = null, int $limit = 500)
{
    wp_set_current_user($user ?? 0);
    $request = new WP_REST_Request('GET', '/pressdav/v1/changes');
    $request->set_query_params(['since' => $since, 'limit' => $limit]);
    return rest_do_request($request);
}

$admin = get_user_by('login', 'admin')->ID;
$subscriber = get_user_by('login', 'subscriber')->ID;
$head = Pressdav_Change_Feed::head();

// One request's changes are one row per object, written at its end.
$draft = wp_insert_post(['post_title' => 'feed-test draft', 'post_status' => 'draft', 'post_author' => $admin]);
wp_update_post(['ID' => $draft, 'post_content' => 'twice']);
wp_update_post(['ID' => $draft, 'post_content' => 'three times']);
check('nothing is written before the end of the request', Pressdav_Change_Feed::head() === $head);
Pressdav_Change_Feed::flush();
$rows = feed($head, $admin)->get_data()['changes'];
$mine = array_values(array_filter($rows, fn($c) => $c['type'] === 'post' && $c['id'] === $draft));
check('three saves of one post in one request are one change', count($mine) === 1, json_encode($rows));

// Each caller sees the ids of what they may read, and only the type of the rest.
$seen_by_subscriber = feed($head, $subscriber)->get_data()['changes'];
check('a subscriber does not learn a draft\'s id', !in_array($draft, array_column($seen_by_subscriber, 'id'), true));
check('but learns that a post changed', in_array(0, array_column(array_filter($seen_by_subscriber, fn($c) => $c['type'] === 'post'), 'id'), true));
$published = wp_insert_post(['post_title' => 'feed-test published', 'post_status' => 'publish', 'post_author' => $admin]);
Pressdav_Change_Feed::flush();
check('anyone learns a published post\'s id', in_array($published, array_column(feed($head, 0)->get_data()['changes'], 'id'), true));

// Arguments are checked by their schema.
check('since below 0 is refused', feed(-1)->get_status() === 400);
check('a limit above 1000 is refused', feed(0, null, 5000)->get_status() === 400);

// Bounded: past pressdav_feed_max_rows the oldest rows go, and a reader behind them must resync.
update_option('pressdav_feed_max_rows', 3);
for ($i = 0; $i < 5; $i++) {
    Pressdav_Change_Feed::record('post', 900000 + $i, 'saved');
    Pressdav_Change_Feed::flush();
}
global $wpdb;
$count = (int) $wpdb->get_var('SELECT COUNT(*) FROM ' . Pressdav_Schema::changes_table());
check('the feed keeps at most pressdav_feed_max_rows rows', $count <= 3, "$count rows");
$behind = feed($head);
check('a reader behind the oldest row kept is told to resync (410)', $behind->get_status() === 410
    && $behind->as_error()->get_error_code() === 'pressdav_feed_resync');
$ahead = feed(Pressdav_Change_Feed::head() + 100);
check('so is a reader ahead of the head (a restored database)', $ahead->get_status() === 410);
check('a reader at the head gets nothing new', feed(Pressdav_Change_Feed::head())->get_data()['changes'] === []);
delete_option('pressdav_feed_max_rows');

// The index shows each user what core REST shows them, and checks its arguments.
function index_of(string $type, int $user)
{
    wp_set_current_user($user);
    $request = new WP_REST_Request('GET', '/pressdav/v1/index');
    $request->set_query_params(['type' => $type]);
    return rest_do_request($request);
}
$admin_ids = array_column(index_of('post', $admin)->get_data()['items'], 'id');
$subscriber_ids = array_column(index_of('post', $subscriber)->get_data()['items'], 'id');
check('the index shows an administrator the draft', in_array($draft, $admin_ids, true));
check('and a subscriber only what is published', !in_array($draft, $subscriber_ids, true) && in_array($published, $subscriber_ids, true));
check('an unknown type is refused', index_of('nav_menu_item', $admin)->get_status() === 400);

// An attachment is readable as its parent is: on a draft, only to those who may read the draft.
$upload = wp_upload_bits('feed-test-on-draft.txt', null, 'attached to a draft');
$attachment = wp_insert_attachment(['post_title' => 'feed-test attachment', 'post_mime_type' => 'text/plain', 'post_status' => 'inherit'],
    $upload['file'], $draft);
$by_admin = array_column(index_of('attachment', $admin)->get_data()['items'], null, 'id');
check('an administrator sees the attachment of a draft', isset($by_admin[$attachment]));
check('with its path below uploads and its size', isset($by_admin[$attachment])
    && $by_admin[$attachment]['media_details']->file === _wp_relative_upload_path($upload['file'])
    && $by_admin[$attachment]['media_details']->filesize === strlen('attached to a draft'), json_encode($by_admin[$attachment] ?? null));
check('a subscriber does not see it', !in_array($attachment, array_column(index_of('attachment', $subscriber)->get_data()['items'], 'id'), true));
wp_delete_attachment($attachment, true);

// A held comment shows to moderators only; an approved one on a published post to anyone.
$held = wp_insert_comment(['comment_post_ID' => $published, 'comment_content' => 'feed-test held', 'comment_approved' => 0]);
$approved = wp_insert_comment(['comment_post_ID' => $published, 'comment_content' => 'feed-test approved', 'comment_approved' => 1]);
$on_draft = wp_insert_comment(['comment_post_ID' => $draft, 'comment_content' => 'feed-test on a draft', 'comment_approved' => 1]);
$admin_comments = array_column(index_of('comment', $admin)->get_data()['items'], 'status', 'id');
$public_comments = array_column(index_of('comment', 0)->get_data()['items'], 'status', 'id');
check('a moderator sees a held comment as hold', ($admin_comments[$held] ?? null) === 'hold');
check('the public does not see it', !isset($public_comments[$held]));
check('the public sees an approved comment on a published post', ($public_comments[$approved] ?? null) === 'approved');
check('but not one on a draft (core\'s own rule)', !isset($public_comments[$on_draft]) && isset($admin_comments[$on_draft]));
foreach ([$held, $approved, $on_draft] as $comment) {
    wp_delete_comment($comment, true);
}

// Users: everyone to those who may list users, with logins; the public only authors of published posts.
$lurker = wp_insert_user(['user_login' => 'feed-test-lurker', 'user_pass' => wp_generate_password(), 'role' => 'contributor']);
$admin_users = array_column(index_of('user', $admin)->get_data()['items'], null, 'id');
$public_users = array_column(index_of('user', 0)->get_data()['items'], null, 'id');
check('an administrator sees a user without posts, by login', ($admin_users[$lurker]['username'] ?? null) === 'feed-test-lurker');
check('the public does not', !isset($public_users[$lurker]));
check('and learns no login', isset($public_users[$admin]) && !isset($public_users[$admin]['username']));
require_once ABSPATH . 'wp-admin/includes/user.php';
wp_delete_user($lurker);

// Terms: every one, empty ones too, to anyone.
$term = wp_insert_term('feed-test empty tag', 'post_tag');
check('an empty tag is listed to the public', in_array($term['term_id'], array_column(index_of('post_tag', 0)->get_data()['items'], 'id'), true));
wp_delete_term($term['term_id'], 'post_tag');

// An attachment is as readable as its parent: the feed names one on a private post to those who may read the post only.
$private = wp_insert_post(['post_title' => 'feed-test private', 'post_status' => 'private', 'post_author' => $admin]);
$hidden_upload = wp_upload_bits('feed-test-on-private.txt', null, 'attached to a private post');
$head = Pressdav_Change_Feed::head();
$hidden = wp_insert_attachment(['post_title' => 'feed-test hidden', 'post_mime_type' => 'text/plain', 'post_status' => 'inherit'],
    $hidden_upload['file'], $private);
Pressdav_Change_Feed::flush();
check('the public is not told the id of an attachment of a private post', !in_array($hidden, array_column(feed($head, 0)->get_data()['changes'], 'id'), true));
check('nor is a subscriber', !in_array($hidden, array_column(feed($head, $subscriber)->get_data()['changes'], 'id'), true));
check('an administrator is', in_array($hidden, array_column(feed($head, $admin)->get_data()['changes'], 'id'), true));
wp_delete_attachment($hidden, true);
wp_delete_post($private, true);

// A term of a custom taxonomy is a term, not a post: shown as core REST shows the taxonomy.
register_taxonomy('feed_test_genre', 'post', ['show_in_rest' => true, 'public' => true]);
register_taxonomy('feed_test_secret', 'post', ['show_in_rest' => false, 'public' => false]);
$head = Pressdav_Change_Feed::head();
$genre = wp_insert_term('feed-test genre', 'feed_test_genre')['term_id'];
$secret = wp_insert_term('feed-test secret', 'feed_test_secret')['term_id'];
Pressdav_Change_Feed::flush();
$public_terms = array_column(array_filter(feed($head, 0)->get_data()['changes'], fn($c) => str_starts_with($c['type'], 'feed_test_')), 'id', 'type');
$admin_terms = array_column(array_filter(feed($head, $admin)->get_data()['changes'], fn($c) => str_starts_with($c['type'], 'feed_test_')), 'id', 'type');
check('the public learns a term of a taxonomy core REST shows', ($public_terms['feed_test_genre'] ?? null) === $genre, json_encode($public_terms));
check('but not one of a taxonomy it does not', ($public_terms['feed_test_secret'] ?? null) === 0, json_encode($public_terms));
check('which those who manage its terms do', ($admin_terms['feed_test_secret'] ?? null) === $secret, json_encode($admin_terms));
wp_delete_term($genre, 'feed_test_genre');
wp_delete_term($secret, 'feed_test_secret');

// The status: what the drive needs for anyone (pressdav asks before a login); the version and the options for logged-in users only.
$public_status = rest('GET', '/pressdav/v1/status', [], 0)->get_data();
$admin_status = rest('GET', '/pressdav/v1/status', [], $admin)->get_data();
check('the public is told the features, the largest chunk and the feed\'s head', in_array('changes', $public_status['features'] ?? [], true)
    && ($public_status['max_chunk'] ?? 0) > 0 && isset($public_status['head']), json_encode($public_status));
check('but not the version or the any-file option', !isset($public_status['version']) && !isset($public_status['any_file']) && !isset($public_status['schema']),
    json_encode($public_status));
check('a logged-in user is', ($admin_status['version'] ?? null) === PRESSDAV_PLUGIN_VERSION && array_key_exists('any_file', $admin_status)
    && ($admin_status['schema'] ?? null) === PRESSDAV_SCHEMA_VERSION, json_encode($admin_status));

// Messages are translatable, in the plugin's text domain.
require_once ABSPATH . 'wp-admin/includes/plugin.php';
check('the plugin names its text domain', get_plugin_data(WP_PLUGIN_DIR . '/pressdav/pressdav.php', false, false)['TextDomain'] === 'pressdav');
$translate = static fn($translation, $text, $domain) => $domain === 'pressdav' ? 'übersetzt: ' . $text : $translation;
add_filter('gettext', $translate, 10, 3);
$behind_message = feed(Pressdav_Change_Feed::head() + 100)->as_error()->get_error_message();
$folder_message = rest('DELETE', '/pressdav/v1/media-folders', ['path' => 'feed-test-nowhere'], $admin)->as_error()->get_error_message();
$upload_message = rest('PUT', '/pressdav/v1/uploads/' . str_repeat('f', 32) . '/0', [], $admin, 'x')->as_error()->get_error_message();
remove_filter('gettext', $translate, 10);
check('the feed\'s, the media drive\'s and the uploads\' messages go through __()', str_starts_with($behind_message, 'übersetzt: ')
    && str_starts_with($folder_message, 'übersetzt: ') && str_starts_with($upload_message, 'übersetzt: '),
    json_encode([$behind_message, $folder_message, $upload_message], JSON_UNESCAPED_UNICODE));

wp_delete_post($draft, true);
wp_delete_post($published, true);
report('feed and index');
