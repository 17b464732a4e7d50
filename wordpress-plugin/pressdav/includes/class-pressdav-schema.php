<?php
/**
 * The plugin's table and its schema version: created on activation with dbDelta, brought up to
 * date when the plugin's schema version changes, removed by uninstall.php.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Schema
{
    public const VERSION_OPTION = 'pressdav_schema_version';

    public static function changes_table(): string
    {
        global $wpdb;
        return $wpdb->prefix . 'pressdav_changes';
    }

    public static function install(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $table = self::changes_table();
        $charset = $wpdb->get_charset_collate();
        dbDelta("CREATE TABLE {$table} (
  seq bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  object_type varchar(32) NOT NULL,
  object_id bigint(20) unsigned NOT NULL DEFAULT 0,
  action varchar(16) NOT NULL,
  changed_gmt datetime NOT NULL,
  PRIMARY KEY  (seq),
  KEY changed_gmt (changed_gmt)
) {$charset};");
        update_option(self::VERSION_OPTION, PRESSDAV_SCHEMA_VERSION, false);
    }

    public static function upgrade_if_needed(): void
    {
        if ((int) get_option(self::VERSION_OPTION, 0) !== PRESSDAV_SCHEMA_VERSION) {
            self::install();
        }
    }
}
