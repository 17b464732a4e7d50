<?php
/**
 * The plugin's tables (the change feed, the media folders) and their schema version: created on activation with dbDelta, brought up to
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
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        // The change feed.
        self::table(self::changes_table(), "
  seq bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  object_type varchar(32) NOT NULL,
  object_id bigint(20) unsigned NOT NULL DEFAULT 0,
  action varchar(16) NOT NULL,
  changed_gmt datetime NOT NULL,
  PRIMARY KEY  (seq),
  KEY changed_gmt (changed_gmt)");
        // The folders made on the drive in media/, by path (the hash keeps each path unique, whatever its length).
        self::table(Pressdav_Media_Drive::folders_table(), "
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  path_hash char(64) NOT NULL,
  path text NOT NULL,
  created_gmt datetime NOT NULL,
  PRIMARY KEY  (id),
  UNIQUE KEY path_hash (path_hash)");
        update_option(self::VERSION_OPTION, PRESSDAV_SCHEMA_VERSION, false);
    }

    /** Creates the table, or brings it to these columns (dbDelta's format: two spaces after PRIMARY KEY). */
    private static function table(string $name, string $columns): void
    {
        global $wpdb;
        dbDelta("CREATE TABLE {$name} ({$columns}\n) {$wpdb->get_charset_collate()};");
    }

    /** Whether what the plugin set up is of an older version than its files. */
    public static function outdated(): bool
    {
        return (int) get_option(self::VERSION_OPTION, 0) !== PRESSDAV_SCHEMA_VERSION;
    }
}
