<?php
/**
 * The companion plugin's routes, tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): the change feed's batching, its visibility rules for
 * each role, its bounds, and the resync answer for a reader the pruned feed left behind.
 * Plain PHP: each check prints a line; the last line counts them; the exit code is the failures.
 */
require getenv('PRESSDAV_TESTBED_HELPERS') . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';

$passed = 0;
$failed = 0;
function check(string $what, bool $ok, string $detail = ''): void
{
    global $passed, $failed;
    $ok ? $passed++ : $failed++;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . ($ok || $detail === '' ? '' : ' — ' . $detail) . "\n";
}

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
check('an unknown type is refused', index_of('attachment', $admin)->get_status() === 400);

wp_delete_post($draft, true);
wp_delete_post($published, true);
echo "plugin: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
