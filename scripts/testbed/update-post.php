<?php
// Updates a post the way a plugin or wp-admin would, from PHP (wp_update_post), not over REST:
// scripts/wordpress update-post ID TITLE
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$id = (int) ($argv[1] ?? 0);
$result = wp_update_post(['ID' => $id, 'post_title' => $argv[2] ?? ''], true);
if (is_wp_error($result)) {
    testbed_fail('updating post ' . $id . ' failed: ' . $result->get_error_message());
}
testbed_print(['updated' => $id]);
