<?php
/**
 * The sites route (pressdav/v1/sites): on a multisite network (scripts/network plugin-tests, inside
 * its main site, as seeded by scripts/network seed) each user is shown the sites they are a member
 * of, a super admin every site, the public the public ones, never an archived one, the same on every
 * site of the network; on a single site (scripts/wordpress plugin-tests) the route does not exist.
 */
require __DIR__ . '/check.php';

if (!is_multisite()) {
    check('a single site has no sites route', rest('GET', '/pressdav/v1/sites')->get_status() === 404);
    check('nor the sites feature', !in_array('sites', rest('GET', '/pressdav/v1/status')->get_data()['features'], true));
    report('sites-test');
}
require_once getenv('PRESSDAV_TESTBED_HELPERS') . '/network/sites.php';
require_once ABSPATH . 'wp-admin/includes/ms.php';

$network = get_network();
$base = 'http://' . $network->domain . $network->path;
/** The sites a user is shown, each by its path under the network ('' the main site, 'two/', ...). */
function paths_seen(int $user): array
{
    global $base;
    return array_map(static fn($site) => substr($site['url'], strlen($base)), rest('GET', '/pressdav/v1/sites', [], $user)->get_data()['sites']);
}
$id = static fn(string $login) => get_user_by('login', $login)->ID;

check('the status offers the sites feature', in_array('sites', rest('GET', '/pressdav/v1/status')->get_data()['features'], true));
$sites = rest('GET', '/pressdav/v1/sites', [], $id('netadmin'))->get_data()['sites'];
check('each site is its id, home URL with a slash and name, ordered by id', $sites === [
    ['id' => 1, 'url' => $base, 'name' => 'Main'],
    ['id' => testbed_site_id('two'), 'url' => $base . 'two/', 'name' => 'Two'],
    ['id' => testbed_site_id('three'), 'url' => $base . 'three/', 'name' => 'Three'],
], json_encode($sites));

// Who is shown what, as the seed made them members.
$expected = ['netadmin' => ['', 'two/', 'three/'], 'alice' => ['', 'two/'], 'bob' => ['three/'], 'carol' => ['two/'], 'dave' => []];
foreach ($expected as $login => $paths) {
    check("$login is shown " . ($paths ? implode(', ', array_map(static fn($p) => "/$p", $paths)) : 'no site'),
        paths_seen($id($login)) === $paths, json_encode(paths_seen($id($login))));
}
check('the public is shown the public sites', paths_seen(0) === ['', 'two/', 'three/'], json_encode(paths_seen(0)));
wp_update_site(testbed_site_id('three'), ['public' => 0]);
check('but not one closed to search engines and visitors', paths_seen(0) === ['', 'two/'], json_encode(paths_seen(0)));
check('which its members still see', paths_seen($id('bob')) === ['three/'], json_encode(paths_seen($id('bob'))));
wp_update_site(testbed_site_id('three'), ['public' => 1]);

// An archived site is no one's, not even the super admin's.
wp_update_site(testbed_site_id('two'), ['archived' => 1]);
check('an archived site is hidden from its members', paths_seen($id('alice')) === [''], json_encode(paths_seen($id('alice'))));
check('from the super admin', paths_seen($id('netadmin')) === ['', 'three/'], json_encode(paths_seen($id('netadmin'))));
check('and from the public', paths_seen(0) === ['', 'three/'], json_encode(paths_seen(0)));
wp_update_site(testbed_site_id('two'), ['archived' => 0]);
check('and shown again when unarchived', paths_seen($id('carol')) === ['two/'], json_encode(paths_seen($id('carol'))));

// A site added to the network (as scripts/network add-site adds it) is the super admin's at once, and no member's.
$added = testbed_add_site('sites-test', 'Sites test');
remove_user_from_blog($id('netadmin'), $added); // shown as the super admin, not as a member
check('an added site is shown to the super admin', paths_seen($id('netadmin')) === ['', 'two/', 'three/', 'sites-test/'],
    json_encode(paths_seen($id('netadmin'))));
check('and to no one who is not its member', paths_seen($id('alice')) === ['', 'two/'], json_encode(paths_seen($id('alice'))));
wpmu_delete_blog($added, true);
check('and gone once deleted', !in_array('sites-test/', paths_seen($id('netadmin')), true));

// Over HTTP, on every site of the network: the same answer, and each site's own feed and index.
$env = [];
foreach (file(getenv('PRESSDAV_NETWORK_ENV'), FILE_IGNORE_NEW_LINES) as $line) {
    if (preg_match("/^(\\w+)='(.*)'$/", $line, $m)) {
        $env[$m[1]] = str_replace("'\\''", "'", $m[2]);
    }
}
function http_get(string $url, string $login = '', string $password = ''): array
{
    $auth = $login === '' ? '' : 'Authorization: Basic ' . base64_encode("$login:$password") . "\r\n";
    $body = @file_get_contents($url, false, stream_context_create(['http' => ['header' => $auth, 'ignore_errors' => true]]));
    return json_decode((string) $body, true) ?? [];
}
$alice_on_main = http_get($base . 'wp-json/pressdav/v1/sites', 'alice', $env['NET_ALICE_APP_PASSWORD']);
check('alice is shown her sites over HTTP', array_column($alice_on_main['sites'] ?? [], 'url') === [$base, $base . 'two/'], json_encode($alice_on_main));
foreach (['two', 'three'] as $site) {
    $url = $env['NET_' . strtoupper($site) . '_URL'] . '/wp-json/pressdav/v1/';
    check("the sites route answers alike on /$site/", http_get($url . 'sites', 'alice', $env['NET_ALICE_APP_PASSWORD']) === $alice_on_main);
    $status = http_get($url . 'status');
    check("/$site/ has the plugin, its sites feature and a feed", ($status['plugin'] ?? '') === 'pressdav'
        && in_array('sites', $status['features'], true) && is_int($status['head']), json_encode($status));
    check("/$site/'s feed answers", is_array(http_get($url . 'changes?since=0')['changes'] ?? null));
    $slugs = array_column(http_get($url . 'index?type=post')['items'] ?? [], 'slug');
    check("/$site/'s index lists its own posts", in_array("$site-first-post", $slugs, true) && !in_array('main-first-post', $slugs, true),
        json_encode($slugs));
}

// One request may write on several sites of a network: each change goes to the feed of the site it was made on.
$main_head = Pressdav_Change_Feed::head();
switch_to_blog(testbed_site_id('two'));
$two_head = Pressdav_Change_Feed::head();
$post = wp_insert_post(['post_title' => 'sites-test on two', 'post_status' => 'publish', 'post_author' => $id('alice')]);
restore_current_blog();
Pressdav_Change_Feed::flush();
switch_to_blog(testbed_site_id('two'));
$two_changes = Pressdav_Change_Feed::since($two_head, 100)['changes'];
wp_delete_post($post, true);
restore_current_blog();
check("a post saved on /two/ from the main site is in /two/'s feed", in_array($post, array_column($two_changes, 'id'), true), json_encode($two_changes));
check("and not in the main site's", Pressdav_Change_Feed::head() === $main_head);
Pressdav_Change_Feed::flush();

report('sites-test');
