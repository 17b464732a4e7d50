<?php
// Sets a post's meta value the way a plugin or wp-admin would, from PHP (update_post_meta), not over REST:
// scripts/wordpress update-post-meta ID KEY JSON-VALUE
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$id = (int) ($argv[1] ?? 0);
$key = $argv[2] ?? '';
$value = json_decode($argv[3] ?? 'null', true);
if (!get_post($id) || $key === '' || $value === null) {
    testbed_fail('usage: update-post-meta ID KEY JSON-VALUE (an existing post, a key, a JSON value)');
}
if (update_post_meta($id, $key, $value) === false) {
    testbed_fail('updating meta ' . $key . ' of post ' . $id . ' changed nothing');
}
testbed_print(['updated' => $id, 'key' => $key]);
