<?php
// Seeds the single site beside the network, freshly installed with the test bed's administrator login
// (shared-admin.php then gives it the test bed administrator's application password): an author and
// two posts. Prints the users and posts as JSON.
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$admin = get_user_by('id', 1) ?: testbed_fail('the site has no administrator with id 1');
wp_set_current_user($admin->ID);

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
        'admin' => ['id' => $admin->ID, 'login' => $admin->user_login],
        'solo' => ['id' => $solo, 'login' => 'solo', 'app_password' => testbed_app_password($solo)],
    ],
    'posts' => $posts,
]);
