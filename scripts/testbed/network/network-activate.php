<?php
// Activates the companion plugin on every site of the network (its tables are made per site, on a site's first request).
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$result = activate_plugin('pressdav/pressdav.php', '', true);
if (is_wp_error($result)) {
    testbed_fail('activating the companion plugin network-wide failed: ' . $result->get_error_message());
}
testbed_print(['network_active' => is_plugin_active_for_network('pressdav/pressdav.php')]);
