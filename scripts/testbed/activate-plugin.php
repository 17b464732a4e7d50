<?php
// Activates the companion plugin (copied into wp-content/plugins by scripts/wordpress).
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$result = activate_plugin('pressdav/pressdav.php');
if (is_wp_error($result)) {
    testbed_fail('activating the companion plugin failed: ' . $result->get_error_message());
}
// The test bed stores any file type on the drive (off by default on a real site; see the README).
update_option('pressdav_any_file', '1');
testbed_print(['active' => is_plugin_active('pressdav/pressdav.php'), 'any_file' => true]);
