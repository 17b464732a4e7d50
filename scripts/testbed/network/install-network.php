<?php
// Installs a fresh subdirectory multisite network at URL (its main site only):
// php install-network.php URL TITLE LOGIN EMAIL PASSWORD. The host of URL keeps its port: WordPress
// finds a network's sites by the request's host, port included, when the port is not 80 or 443.
define('WP_INSTALLING', true);
define('PRESSDAV_INSTALLING_NETWORK', true); // the config leaves MULTISITE off until the network's tables exist
require __DIR__ . '/../bootstrap.php';
[, $url, $title, $login, $email, $password] = $argv + array_fill(0, 6, null);
if ($password === null) {
    testbed_fail('usage: install-network.php URL TITLE LOGIN EMAIL PASSWORD');
}

// Not sending the "your new site" mail; there is no mail server.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/network.php';

if (is_blog_installed()) {
    testbed_fail('already installed');
}
$result = wp_install($title, $login, $email, true, '', wp_slash($password));
$admin_id = (int) $result['user_id'];
// From the command line WordPress cannot guess its own address.
update_option('siteurl', $url);
update_option('home', $url);
update_option('timezone_string', 'UTC');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');

// As WP-CLI's multisite-install does: the network's tables are not known to $wpdb before MULTISITE.
global $wpdb;
foreach ($wpdb->tables('ms_global') as $table => $prefixed) {
    $wpdb->$table = $prefixed;
}
install_network();
$host = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$made = populate_network(1, $host, $email, $title, '/', false);
if (is_wp_error($made)) {
    testbed_fail('populate_network: ' . $made->get_error_message());
}
update_site_option('site_admins', [$login]);
flush_rewrite_rules(false);

testbed_print(['admin_id' => $admin_id, 'admin_app_password' => testbed_app_password($admin_id)]);
