<?php
/**
 * The plugin's REST routes under pressdav/v1: what the plugin is and offers (status), and the
 * change feed (changes). Inputs are checked by their args schemas.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Rest
{
    public static function register_routes(): void
    {
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/status', [
            'methods' => 'GET',
            'permission_callback' => '__return_true',
            'callback' => static fn() => [
                'plugin' => 'pressdav',
                'version' => PRESSDAV_PLUGIN_VERSION,
                'schema' => (int) get_option(Pressdav_Schema::VERSION_OPTION, 0),
                'features' => ['changes'],
                'head' => Pressdav_Change_Feed::head(),
            ],
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/changes', [
            'methods' => 'GET',
            // Anyone may follow the feed: each caller sees the ids of what they may read, and only the type of the rest.
            'permission_callback' => '__return_true',
            'args' => [
                'since' => ['type' => 'integer', 'minimum' => 0, 'required' => true],
                'limit' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 1000, 'default' => 500],
            ],
            'callback' => [self::class, 'changes'],
        ]);
    }

    /** Changes after since; a reader behind the oldest row kept (or ahead of the head: a restored database) must resync. */
    public static function changes(WP_REST_Request $request)
    {
        $since = (int) $request['since'];
        $feed = Pressdav_Change_Feed::since($since, (int) $request['limit']);
        $behind = $feed['oldest'] > 0 && $since < $feed['oldest'] - 1;
        if ($behind || $since > $feed['head']) {
            return new WP_Error('pressdav_feed_resync', 'The change feed no longer holds what came after ' . $since . '; start again from the head.',
                ['status' => 410, 'head' => $feed['head']]);
        }
        return $feed;
    }
}
