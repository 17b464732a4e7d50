<?php
// Fills one folder of the media library for bench/run: php media-folder.php COUNT MONTH
// COUNT small real PNG files (sizes differ a little) in the uploads folder MONTH (yyyy/mm), each an
// attachment with its metadata (size included, as WordPress 6 records it), as an upload would leave
// them, so the companion plugin's index lists them and the drive shows them in media/MONTH/.
// No thumbnails: every image is smaller than WordPress's smallest size. Undone by scripts/wordpress reset.
define('WP_IMPORTING', true);
require __DIR__ . '/../scripts/testbed/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
[, $count, $month] = $argv + [null, null, null];
$count = (int) $count;
if ($count < 1 || !preg_match('#^\d{4}/\d{2}$#', (string) $month)) {
    testbed_fail('usage: media-folder.php COUNT yyyy/mm');
}
wp_set_current_user(1);
wp_suspend_cache_addition(true);
global $wpdb;
$uploads = wp_upload_dir($month);
if (!empty($uploads['error'])) {
    testbed_fail('uploads: ' . $uploads['error']);
}
$date = str_replace('/', '-', $month) . '-10 12:00:00';
$batch = 500;  // one transaction per batch, as generate-posts.php
for ($i = 1; $i <= $count; $i++) {
    if ($i % $batch === 1) {
        $wpdb->query('START TRANSACTION');
    }
    $name = sprintf('bench-%04d.png', $i);
    $path = $uploads['path'] . '/' . $name;
    $img = imagecreatetruecolor(64, 40);
    imagefilledrectangle($img, 0, 0, 63, 39, imagecolorallocate($img, $i % 256, ($i * 7) % 256, ($i * 13) % 256));
    imagestring($img, 3, 4, 12, (string) $i, imagecolorallocate($img, 255, 255, 255));
    imagepng($img, $path);
    $id = wp_insert_attachment([
        'post_title' => "Bench $i",
        'post_mime_type' => 'image/png',
        'post_status' => 'inherit',
        'post_date' => $date,
        'post_date_gmt' => $date,
    ], $path, 0, true);
    if (is_wp_error($id)) {
        $wpdb->query('ROLLBACK');
        testbed_fail("attachment $i: " . $id->get_error_message());
    }
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $path));
    if ($i % $batch === 0 || $i === $count) {
        $wpdb->query('COMMIT');
    }
}
testbed_print(['added' => $count, 'folder' => $month, 'path' => $uploads['path']]);
