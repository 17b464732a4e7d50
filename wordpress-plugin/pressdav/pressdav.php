<?php
/**
 * Plugin Name: pressdav companion
 * Description: Adds to the WordPress REST API what the pressdav drive needs beyond core: a change
 *              feed that keeps the drive's caches coherent with every edit made in WordPress, and an
 *              index that lists a whole collection in one request, and the media library as a
 *              drive (folders, renames and moves that keep every URL, replacing a file's bytes), and
 *              many reads in one request for clients that walk the whole drive.
 * Version: 0.3.0
 * Requires at least: 6.1
 * Requires PHP: 8.0
 * License: Apache-2.0
 * Text Domain: pressdav
 */

if (!defined('ABSPATH')) {
    exit;
}

const PRESSDAV_PLUGIN_VERSION = '0.3.0';
// 3: abandoned chunked uploads are cleaned up every five minutes (the schedule is set up again).
const PRESSDAV_SCHEMA_VERSION = 3;
const PRESSDAV_REST_NAMESPACE = 'pressdav/v1';

require_once __DIR__ . '/includes/class-pressdav-named-lock.php';
require_once __DIR__ . '/includes/class-pressdav-schema.php';
require_once __DIR__ . '/includes/class-pressdav-change-feed.php';
require_once __DIR__ . '/includes/class-pressdav-upload-rule.php';
require_once __DIR__ . '/includes/class-pressdav-failed-upload.php';
require_once __DIR__ . '/includes/class-pressdav-media-drive.php';
require_once __DIR__ . '/includes/class-pressdav-chunked-upload.php';
require_once __DIR__ . '/includes/class-pressdav-index.php';
require_once __DIR__ . '/includes/index/class-pressdav-index-posts.php';
require_once __DIR__ . '/includes/index/class-pressdav-index-media.php';
require_once __DIR__ . '/includes/index/class-pressdav-index-terms.php';
require_once __DIR__ . '/includes/index/class-pressdav-index-users.php';
require_once __DIR__ . '/includes/index/class-pressdav-index-comments.php';
require_once __DIR__ . '/includes/class-pressdav-rest.php';
require_once __DIR__ . '/includes/class-pressdav-trash.php';
require_once __DIR__ . '/includes/class-pressdav-sites.php';
require_once __DIR__ . '/includes/class-pressdav-reads.php';

// Set up on activation, and again after an update of the plugin's files (which WordPress does not activate again): the tables, the clean-up's schedule.
$pressdav_set_up = static function (): void {
    Pressdav_Schema::install();
    Pressdav_Chunked_Upload::schedule();
};
register_activation_hook(__FILE__, $pressdav_set_up);
add_action('plugins_loaded', static function () use ($pressdav_set_up): void {
    if (Pressdav_Schema::outdated()) {
        $pressdav_set_up();
    }
});
register_deactivation_hook(__FILE__, ['Pressdav_Chunked_Upload', 'unschedule']);
Pressdav_Change_Feed::listen();
Pressdav_Upload_Rule::listen();
Pressdav_Failed_Upload::listen();
Pressdav_Media_Drive::listen();
Pressdav_Chunked_Upload::listen();
Pressdav_Trash::listen();
Pressdav_Reads::listen();
add_action('rest_api_init', ['Pressdav_Rest', 'register_routes']);
