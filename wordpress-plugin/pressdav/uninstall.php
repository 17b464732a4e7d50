<?php
/**
 * Removing the plugin removes its tables, options and the drive paths of media (which then show at
 * their upload paths again, as without the plugin). Files on disk are never touched.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

global $wpdb;
$wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'pressdav_changes');
$wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'pressdav_media_folders');
delete_post_meta_by_key('_pressdav_path');
delete_option('pressdav_any_file');
wp_clear_scheduled_hook('pressdav_expire_uploads');
foreach (glob(WP_CONTENT_DIR . '/pressdav-uploads/*', GLOB_ONLYDIR) ?: [] as $upload) {
    array_map('unlink', glob($upload . '/*') ?: []);
    rmdir($upload);
}
@unlink(WP_CONTENT_DIR . '/pressdav-uploads/.htaccess');
@unlink(WP_CONTENT_DIR . '/pressdav-uploads/index.php');
@unlink(WP_CONTENT_DIR . '/pressdav-uploads/.swept');
@rmdir(WP_CONTENT_DIR . '/pressdav-uploads');
delete_option('pressdav_schema_version');
delete_option('pressdav_feed_max_rows');
delete_option('pressdav_feed_max_age_days');
