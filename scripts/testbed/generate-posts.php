<?php
// Adds N generated posts quickly, for benchmarks: php generate-posts.php N [TYPE [EVERY]]
// TYPE: a post type (post by default; book, the test bed's custom type, for the custom-type figures).
// Dated like a real blog's, one every EVERY seconds (3600: an hour) back in time: post i (from 0)
// EVERY before the oldest dated object of TYPE already there (or now), minus i times EVERY, so
// 5,000 posts an hour apart span about 7 months and 50,000 about 5.7 years (about 730 a month),
// and adding in steps (1,000, then 9,000 more) continues the same line instead of crowding the
// same months. Both post_date and post_date_gmt.
define('WP_IMPORTING', true);
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$count = (int) ($argv[1] ?? 0);
if ($count < 1) {
    testbed_fail('usage: generate-posts.php N [TYPE] (N >= 1)');
}
$type = $argv[2] ?? 'post';
$every = (int) ($argv[3] ?? HOUR_IN_SECONDS);
if ($every < 1) {
    testbed_fail('usage: generate-posts.php N [TYPE [EVERY]] (EVERY >= 1 second)');
}
if (!post_type_exists($type)) {
    testbed_fail("no post type $type");
}
wp_set_current_user(1);
wp_defer_term_counting(true);
wp_suspend_cache_addition(true);
global $wpdb;
$categories = get_terms(['taxonomy' => 'category', 'fields' => 'ids', 'hide_empty' => false]);
$paragraph = '<!-- wp:paragraph --><p>' . str_repeat('Generated words for a benchmark post. ', 12) . '</p><!-- /wp:paragraph -->';
// Drafts never saved with a date have none (0000-00-00); scheduled ones lie ahead: neither moves the start.
$oldest = $wpdb->get_var($wpdb->prepare(
    "SELECT UNIX_TIMESTAMP(MIN(post_date_gmt)) FROM $wpdb->posts WHERE post_type = %s AND post_date_gmt > '1970-01-01'", $type));
$start = min(time(), $oldest === null ? time() : (int) $oldest) - $every;
$batch = 500;  // one transaction per batch: InnoDB would otherwise flush the log on every post
$first = null;
for ($i = 0; $i < $count; $i++) {
    if ($i % $batch === 0) {
        $wpdb->query('START TRANSACTION');
    }
    $date_gmt = gmdate('Y-m-d H:i:s', $start - $i * $every);
    $id = wp_insert_post([
        'post_type' => $type,
        'post_date_gmt' => $date_gmt,
        'post_date' => get_date_from_gmt($date_gmt),
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
testbed_print(['added' => $count, 'first_id' => $first, 'newest_gmt' => gmdate('Y-m-d H:i:s', $start),
    'oldest_gmt' => gmdate('Y-m-d H:i:s', $start - ($count - 1) * $every)]);
