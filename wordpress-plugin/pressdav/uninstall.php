<?php
/** Removing the plugin removes its table and options. */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

global $wpdb;
$wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'pressdav_changes');
delete_option('pressdav_schema_version');
delete_option('pressdav_feed_max_rows');
delete_option('pressdav_feed_max_age_days');
