<?php
// Sets a post's terms of a taxonomy the way a plugin or wp-admin would, from PHP (wp_set_object_terms), not over REST:
// scripts/wordpress set-post-terms ID TAXONOMY SLUG...
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$id = (int) ($argv[1] ?? 0);
$taxonomy = $argv[2] ?? '';
if (!get_post($id) || !taxonomy_exists($taxonomy)) {
    testbed_fail('usage: set-post-terms ID TAXONOMY SLUG... (an existing post, a registered taxonomy)');
}
$result = wp_set_object_terms($id, array_slice($argv, 3), $taxonomy);
if (is_wp_error($result)) {
    testbed_fail('setting the ' . $taxonomy . ' of post ' . $id . ' failed: ' . $result->get_error_message());
}
testbed_print(['updated' => $id, 'taxonomy' => $taxonomy]);
