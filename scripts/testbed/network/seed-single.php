<?php
// Seeds the single site beside the network, freshly installed with the test bed's administrator login:
// php seed-single.php APP_PASSWORD. The administrator's application password becomes the test bed
// administrator's (what a user who keeps one login for several sites has), then an author and two posts.
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$plain = $argv[1] ?? testbed_fail('usage: seed-single.php APP_PASSWORD');
$admin = get_user_by('id', 1) ?: testbed_fail('the site has no administrator with id 1');
wp_set_current_user($admin->ID);

// As WP_Application_Passwords stores one: the hash of the password, without the spaces it is shown with.
// (The install made the one changed here.)
$items = WP_Application_Passwords::get_user_application_passwords($admin->ID);
$items[0]['password'] = wp_hash_password(preg_replace('/[^a-z\d]/i', '', $plain));
update_user_meta($admin->ID, WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS, $items);

$solo = wp_insert_user(['user_login' => 'solo', 'user_pass' => wp_generate_password(24), 'user_email' => 'solo@example.test',
    'display_name' => 'Solo', 'role' => 'author']);
if (is_wp_error($solo)) {
    testbed_fail('user solo: ' . $solo->get_error_message());
}
$posts = [];
foreach (['first post' => $solo, 'second post' => $admin->ID] as $what => $author) {
    $posts[str_replace(' ', '_', $what)] = wp_insert_post(wp_slash(['post_title' => "Single: $what", 'post_status' => 'publish',
        'post_author' => $author, 'post_content' => "<!-- wp:paragraph -->\n<p>The single site's $what.</p>\n<!-- /wp:paragraph -->"]));
}
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'author' => $admin->ID, 'numberposts' => -1]) as $p) {
    if (!in_array($p->ID, $posts, true)) {
        wp_delete_post($p->ID, true);
    }
}

testbed_print([
    'users' => [
        'admin' => ['id' => $admin->ID, 'login' => $admin->user_login, 'app_password' => $plain],
        'solo' => ['id' => $solo, 'login' => 'solo', 'app_password' => testbed_app_password($solo)],
    ],
    'posts' => $posts,
]);
