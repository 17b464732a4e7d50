<?php
// Adds a site at /SLUG/ to the network: php add-site.php SLUG
require __DIR__ . '/../bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once __DIR__ . '/sites.php';
$slug = $argv[1] ?? '';
if (!preg_match('/^[a-z0-9-]+$/', $slug)) {
    testbed_fail('usage: add-site.php SLUG (lowercase letters, digits, dashes)');
}
if (testbed_site_id($slug) !== 0) {
    testbed_fail("the network has a site at /$slug/");
}
$id = testbed_add_site($slug, ucfirst($slug));
testbed_print(['id' => $id, 'url' => get_home_url($id, '/')]);
