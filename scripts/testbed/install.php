<?php
// Installs a fresh site: php install.php TITLE ADMIN_LOGIN ADMIN_EMAIL ADMIN_PASSWORD
define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';
[, $title, $login, $email, $password] = $argv + [null, null, null, null, null];
if ($password === null) {
    testbed_fail('usage: install.php TITLE LOGIN EMAIL PASSWORD');
}

// Not sending the "your new site" mail; there is no mail server.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if (is_blog_installed()) {
    testbed_fail('already installed');
}
$result = wp_install($title, $login, $email, true, '', wp_slash($password));
$admin_id = (int) $result['user_id'];

update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('blogdescription', 'A WordPress that pressdav serves as a drive');
update_option('timezone_string', 'UTC');
update_option('uploads_use_yearmonth_folders', 1);
flush_rewrite_rules(false);

testbed_print([
    'admin_id' => $admin_id,
    'admin_app_password' => testbed_app_password($admin_id),
]);
