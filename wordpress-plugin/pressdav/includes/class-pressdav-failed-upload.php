<?php
/**
 * A REST upload that fails after WordPress wrote its file leaves no file behind. Core REST moves the
 * file into uploads/ and only then makes the attachment; when that fails (a database error, a value
 * too long for its column), the file stays, unknown to WordPress and served by the web server to
 * anyone who guesses its URL. Files written during a REST request that ends in an error, and that no
 * attachment names, are removed.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Failed_Upload
{
    /** Files WordPress wrote into uploads/ during this request. @var list<string> */
    private static array $written = [];

    public static function listen(): void
    {
        add_filter('wp_handle_upload', [self::class, 'remember'], 10, 2);
        add_filter('rest_request_after_callbacks', [self::class, 'clean_up_after'], 10, 3);
    }

    public static function remember(array $upload, string $context): array
    {
        if (!empty($upload['file']) && empty($upload['error'])) {
            self::$written[] = $upload['file'];
        }
        return $upload;
    }

    public static function clean_up_after($response, $handler, WP_REST_Request $request)
    {
        $failed = is_wp_error($response) || ($response instanceof WP_REST_Response && $response->is_error());
        if ($failed) {
            foreach (self::$written as $file) {
                if (is_file($file) && !self::attached($file)) {
                    wp_delete_file($file);
                }
            }
        }
        self::$written = [];
        return $response;
    }

    private static function attached(string $file): bool
    {
        global $wpdb;
        return (bool) $wpdb->get_var($wpdb->prepare("SELECT 1 FROM {$wpdb->postmeta} WHERE meta_key = '_wp_attached_file' AND meta_value = %s LIMIT 1",
            _wp_relative_upload_path($file)));
    }
}
