<?php
// Gives the single site's administrator (id 1, who has the test bed administrator's login) the test bed
// administrator's application password too: php shared-admin.php APP_PASSWORD. Stored as
// WP_Application_Passwords stores one: the hash of the password without the spaces it is shown with.
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$plain = $argv[1] ?? testbed_fail('usage: shared-admin.php APP_PASSWORD');
$admin = get_user_by('id', 1) ?: testbed_fail('the site has no administrator with id 1');
$items = WP_Application_Passwords::get_user_application_passwords($admin->ID);
if ($items === []) {
    testbed_app_password($admin->ID);
    $items = WP_Application_Passwords::get_user_application_passwords($admin->ID);
}
$items[0]['password'] = wp_hash_password(preg_replace('/[^a-z\d]/i', '', $plain));
update_user_meta($admin->ID, WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS, $items);
testbed_print(['login' => $admin->user_login]);
