<?php
/**
 * A MySQL named lock (GET_LOCK): one writer at a time for what spans several rows, such as a
 * folder move (every attachment below it and the folder rows) or a user's count of open uploads.
 * The database holds it for the connection, so a PHP process that dies lets it go.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Named_Lock
{
    /** How long a writer waits for another to finish before it is told to try again. */
    private const WAIT_SECONDS = 10;

    /**
     * Runs $write holding the lock $name, and returns what it returns; a WP_Error (503) if the lock
     * was not had in time.
     */
    public static function holding(string $name, callable $write)
    {
        global $wpdb;
        // Lock names are server-wide and at most 64 characters: the database and prefix keep two sites of one server apart.
        $lock = 'pressdav:' . substr(hash('sha256', DB_NAME . ':' . $wpdb->prefix . ':' . $name), 0, 40);
        if ((string) $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $lock, self::WAIT_SECONDS)) !== '1') {
            return new WP_Error('pressdav_busy', __('Another change of the same files is still being made; try again in a moment.', 'pressdav'),
                ['status' => 503]);
        }
        try {
            return $write();
        } finally {
            $wpdb->query($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $lock));
        }
    }
}
