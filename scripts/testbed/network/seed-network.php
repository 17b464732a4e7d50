<?php
// Seeds a freshly installed network (its super admin has id 1): sites two and three beside the main
// site, users who belong to some sites and not others, a few posts a site, a media file on two.
// Prints what it made (site ids and URLs, users and their application passwords) as JSON.
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once __DIR__ . '/../media-files.php';
require_once __DIR__ . '/sites.php';

$netadmin = get_user_by('id', 1) ?: testbed_fail('the network has no super admin with id 1');
wp_set_current_user($netadmin->ID);
// The install made one under the test bed's name; the seed makes the one it reports.
WP_Application_Passwords::delete_all_application_passwords($netadmin->ID);
$sites = ['main' => get_main_site_id(), 'two' => testbed_add_site('two', 'Two'), 'three' => testbed_add_site('three', 'Three')];
switch_to_blog($sites['main']);
update_option('blogname', 'Main');
restore_current_blog();

// Who belongs where, with which role; a user of no site is a network user all the same.
$members = [
    'alice' => ['main' => 'editor', 'two' => 'editor'],
    'bob' => ['three' => 'author'],
    'carol' => ['two' => 'subscriber'],
    'dave' => [],
];
$users = ['netadmin' => ['id' => $netadmin->ID, 'login' => $netadmin->user_login, 'app_password' => testbed_app_password($netadmin->ID),
    'sites' => array_keys($sites)]];
foreach ($members as $login => $roles) {
    // Made on the main site (as a network user is), then given exactly their sites.
    $id = wpmu_create_user($login, wp_generate_password(24), "$login@example.test");
    if (!$id) {
        testbed_fail("user $login was not created");
    }
    wp_update_user(['ID' => $id, 'display_name' => ucfirst($login)]);
    remove_user_from_blog($id, $sites['main']);
    foreach ($roles as $site => $role) {
        add_user_to_blog($sites[$site], $id, $role);
    }
    if ($roles !== []) {
        update_user_meta($id, 'primary_blog', $sites[array_key_first($roles)]);
    }
    $users[$login] = ['id' => $id, 'login' => $login, 'app_password' => testbed_app_password($id), 'sites' => array_keys($roles)];
}

// Each site's posts name it, by a member who may write there; one draft a site.
$writers = ['main' => 'alice', 'two' => 'alice', 'three' => 'bob'];
$posts = [];
// Not $blog_id: that is WordPress's global of the current site, which switch_to_blog compares with.
foreach ($sites as $site => $target) {
    switch_to_blog($target);
    // As on the test bed: files of any type in media/ (litmus's files have none), the plugin's any-file option.
    update_option('pressdav_any_file', '1');
    $name = ucfirst($site);
    foreach (['first post' => 'publish', 'second post' => 'publish', 'draft' => 'draft'] as $what => $status) {
        $id = wp_insert_post(wp_slash([
            'post_title' => "$name: $what",
            'post_content' => "<!-- wp:paragraph -->\n<p>$name's $what, on the site at " . home_url('/') . ".</p>\n<!-- /wp:paragraph -->",
            'post_status' => $status,
            'post_author' => $users[$writers[$site]]['id'],
        ]), true);
        if (is_wp_error($id)) {
            testbed_fail("$site $what: " . $id->get_error_message());
        }
        $posts[$site][str_replace(' ', '_', $what)] = $id;
    }
    // The default "Hello world!" and sample page would be one more post of every site: gone.
    foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'author' => $netadmin->ID, 'numberposts' => -1]) as $p) {
        wp_delete_post($p->ID, true);
    }
    restore_current_blog();
}
switch_to_blog($sites['two']);
$media = ['two' => testbed_insert_media(['key' => 'png', 'file' => 'two-logo.png', 'kind' => 'png', 'title' => 'Two: logo', 'month' => '2025/02'])];
restore_current_blog();

testbed_print([
    'sites' => array_map(static fn($id) => ['id' => $id, 'url' => get_home_url($id, '/')], $sites),
    'users' => $users,
    'posts' => $posts,
    'media' => $media,
]);
