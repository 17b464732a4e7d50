<?php
// Deactivates the companion plugin: the site answers as one with core REST only.
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
deactivate_plugins('pressdav/pressdav.php');
testbed_print(['active' => is_plugin_active('pressdav/pressdav.php')]);
