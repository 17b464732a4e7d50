<?php
// Deletes the site at /SLUG/ of the network, its tables and files: php remove-site.php SLUG
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once __DIR__ . '/sites.php';
$slug = $argv[1] ?? '';
$id = testbed_site_id($slug);
if ($id === 0 || $id === get_main_site_id()) {
    testbed_fail("the network has no site at /$slug/ to remove");
}
wpmu_delete_blog($id, true);
testbed_print(['removed' => $id]);
