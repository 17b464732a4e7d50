<?php
// Adds N generated posts quickly, for benchmarks: php generate-posts.php N [TYPE]
// TYPE: a post type (post by default; book, the test bed's custom type, for the custom-type figures).
define('WP_IMPORTING', true);
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$count = (int) ($argv[1] ?? 0);
if ($count < 1) {
    testbed_fail('usage: generate-posts.php N [TYPE] (N >= 1)');
}
$type = $argv[2] ?? 'post';
if (!post_type_exists($type)) {
    testbed_fail("no post type $type");
}
wp_set_current_user(1);
wp_defer_term_counting(true);
wp_suspend_cache_addition(true);
global $wpdb;
$categories = get_terms(['taxonomy' => 'category', 'fields' => 'ids', 'hide_empty' => false]);
$paragraph = '<!-- wp:paragraph --><p>' . str_repeat('Generated words for a benchmark post. ', 12) . '</p><!-- /wp:paragraph -->';
$batch = 500;  // one transaction per batch: InnoDB would otherwise flush the log on every post
$first = null;
for ($i = 0; $i < $count; $i++) {
    if ($i % $batch === 0) {
        $wpdb->query('START TRANSACTION');
    }
    $id = wp_insert_post([
        'post_type' => $type,
        'post_title' => 'Generated ' . $type . ' ' . ($i + 1),
        'post_content' => $paragraph . "\n\n" . $paragraph,
        'post_status' => 'publish',
        'post_author' => 1,
        'post_category' => [$categories[$i % count($categories)]],
    ], true);
    if (is_wp_error($id)) {
        $wpdb->query('ROLLBACK');
        testbed_fail('post ' . ($i + 1) . ': ' . $id->get_error_message());
    }
    $first ??= $id;
    if ($i % $batch === $batch - 1 || $i === $count - 1) {
        $wpdb->query('COMMIT');
    }
}
wp_defer_term_counting(false);
testbed_print(['added' => $count, 'first_id' => $first]);
