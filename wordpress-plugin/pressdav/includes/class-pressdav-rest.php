<?php
/**
 * The plugin's REST routes under pressdav/v1: what the plugin is and offers (status), the index of
 * a collection (index), the change feed (changes), the media library as a drive (media-folders,
 * media/<id>/move, media/<id>/file), and on a multisite network the sites a caller may open (sites). Inputs are checked by their args schemas.
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
            // pressdav asks before any user has logged in: the public learns what the drive needs, no more.
            'permission_callback' => '__return_true',
            'callback' => [self::class, 'status'],
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/index', [
            'methods' => 'GET',
            // Anyone may ask: each caller is shown what core REST shows them, and refused a collection where core refuses it.
            'permission_callback' => static fn(WP_REST_Request $r) => Pressdav_Index::permitted($r['type']),
            'args' => [
                // The types the index lists are asked when the request comes, not when the route is made: a type registered late is listed too.
                'type' => ['type' => 'string', 'required' => true, 'validate_callback' => static fn($type) => is_string($type) && Pressdav_Index::lists($type)
                    ? true : new WP_Error('rest_invalid_param', sprintf(/* translators: %s: the type asked for */ __('The index lists no %s.', 'pressdav'), $type),
                        ['status' => 400])],
                'after' => ['type' => 'integer', 'minimum' => 0, 'default' => 0],
                'limit' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 10000, 'default' => 5000],
            ],
            'callback' => [self::class, 'index'],
        ]);
        $path = ['type' => 'string', 'required' => true, 'minLength' => 1, 'maxLength' => 1000];
        // Every route of the media drive is for those who may upload; each object is checked again by its own rule.
        $uploader = static fn() => current_user_can('upload_files');
        // What changes the tree of folders is made one at a time: checked and written under one lock, so of two moves of one folder one wins.
        $one_at_a_time = static fn(callable $write) => static fn(WP_REST_Request $r) => Pressdav_Named_Lock::holding('media-tree', static fn() => $write($r));
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/media-folders', [
            [
                'methods' => 'GET',
                'permission_callback' => '__return_true',
                'callback' => static fn() => ['folders' => Pressdav_Media_Drive::folders()],
            ],
            [
                'methods' => 'POST',
                'permission_callback' => $uploader,
                'args' => ['path' => $path],
                'callback' => $one_at_a_time(static fn(WP_REST_Request $r) => Pressdav_Media_Drive::make_folder($r['path'])),
            ],
            [
                'methods' => 'DELETE',
                'permission_callback' => $uploader,
                'args' => ['path' => $path],
                'callback' => $one_at_a_time(static fn(WP_REST_Request $r) => Pressdav_Media_Drive::delete_folder($r['path'])),
            ],
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/media-folders/move', [
            'methods' => 'POST',
            'permission_callback' => $uploader,
            'args' => ['from' => $path, 'to' => $path],
            'callback' => $one_at_a_time(static fn(WP_REST_Request $r) => Pressdav_Media_Drive::move_folder($r['from'], $r['to'])),
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/media/(?P<id>\\d+)/move', [
            'methods' => 'POST',
            'permission_callback' => $uploader,
            'args' => ['id' => ['type' => 'integer', 'minimum' => 1], 'path' => $path],
            'callback' => $one_at_a_time(static fn(WP_REST_Request $r) => Pressdav_Media_Drive::move_file((int) $r['id'], $r['path'])),
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/media/(?P<id>\\d+)/file', [
            'methods' => 'PUT',
            'permission_callback' => $uploader,
            'args' => ['id' => ['type' => 'integer', 'minimum' => 1]],
            'callback' => [self::class, 'replace_file'],
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/uploads', [
            'methods' => 'POST',
            'permission_callback' => $uploader,
            'args' => [
                'name' => ['type' => 'string', 'required' => true, 'minLength' => 1, 'maxLength' => 255],
                'size' => ['type' => 'integer', 'required' => true, 'minimum' => 1],
                'path' => ['type' => 'string', 'minLength' => 1, 'maxLength' => 1000],
                'replace' => ['type' => 'integer', 'minimum' => 1],
                'chunk' => ['type' => 'integer', 'minimum' => 1],
            ],
            'callback' => static fn(WP_REST_Request $r) => Pressdav_Chunked_Upload::open($r['name'], (int) $r['size'], $r['path'], (int) $r['replace'],
                (int) $r['chunk']),
        ]);
        $upload = ['type' => 'string', 'pattern' => '^[a-f0-9]{32}$'];
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/uploads/(?P<id>[a-f0-9]{32})', [
            [
                'methods' => 'GET',
                'permission_callback' => $uploader,
                'args' => ['id' => $upload],
                'callback' => static fn(WP_REST_Request $r) => Pressdav_Chunked_Upload::status($r['id']),
            ],
            [
                'methods' => 'DELETE',
                'permission_callback' => $uploader,
                'args' => ['id' => $upload],
                'callback' => static fn(WP_REST_Request $r) => Pressdav_Chunked_Upload::abort($r['id']),
            ],
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/uploads/(?P<id>[a-f0-9]{32})/(?P<index>\\d+)', [
            'methods' => 'PUT',
            'permission_callback' => $uploader,
            'args' => ['id' => $upload, 'index' => ['type' => 'integer', 'minimum' => 0, 'maximum' => 100000]],
            'callback' => static fn(WP_REST_Request $r) => Pressdav_Chunked_Upload::chunk($r['id'], (int) $r['index'], $r->get_body()),
        ]);
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/uploads/(?P<id>[a-f0-9]{32})/finish', [
            'methods' => 'POST',
            'permission_callback' => $uploader,
            'args' => ['id' => $upload, 'chunks' => ['type' => 'integer', 'required' => true, 'minimum' => 1, 'maximum' => 100001]],
            'callback' => static fn(WP_REST_Request $r) => Pressdav_Chunked_Upload::finish($r['id'], (int) $r['chunks']),
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
        if (is_multisite()) {
            register_rest_route(PRESSDAV_REST_NAMESPACE, '/sites', [
                'methods' => 'GET',
                // Anyone may ask: each caller is shown the sites they may open (the public, the public sites).
                'permission_callback' => '__return_true',
                'callback' => static fn() => ['sites' => Pressdav_Sites::visible()],
            ]);
        }
    }

    /**
     * What the plugin is and offers. The public (pressdav itself, before any login) gets what the
     * drive needs: the features, the largest chunk, the feed's head; a logged-in user also the
     * version, the schema and the any-file option.
     */
    public static function status(): array
    {
        $status = [
            'plugin' => 'pressdav',
            // One feature a collection the index lists: a newer pressdav asks only for what this version offers.
            'features' => array_merge(['changes', 'media-folders', 'media-replace', 'chunked-uploads', 'resumable-uploads', 'reads'], array_map(static fn($type) => 'index:' . $type, Pressdav_Index::types())),
            'max_chunk' => Pressdav_Chunked_Upload::max_chunk(),
            'head' => Pressdav_Change_Feed::head(),
        ];
        $status['features'] = Pressdav_Trash::features($status['features']);
        if (is_multisite()) {
            $status['features'][] = 'sites';
        }
        if (is_user_logged_in()) {
            $status += [
                'version' => PRESSDAV_PLUGIN_VERSION,
                'schema' => (int) get_option(Pressdav_Schema::VERSION_OPTION, 0),
                'any_file' => (bool) get_option(Pressdav_Media_Drive::ANY_FILE_OPTION),
            ];
        }
        return $status;
    }

    /** One page of the index; an unchanged page answers 304 to its ETag. */
    public static function index(WP_REST_Request $request)
    {
        $page = Pressdav_Index::list($request['type'], (int) $request['after'], (int) $request['limit']);
        $response = new WP_REST_Response(['items' => $page['items'], 'next' => $page['next']]);
        $response->header('ETag', $page['etag']);
        $response->header('Cache-Control', 'private, no-cache');
        if (trim((string) $request->get_header('if_none_match')) === $page['etag']) {
            $response->set_data(null);
            $response->set_status(304);
        }
        return $response;
    }

    /** New bytes for an attachment: the raw body, kept in a temporary file while it is checked and put in place. */
    public static function replace_file(WP_REST_Request $request)
    {
        require_once ABSPATH . 'wp-admin/includes/file.php';
        $incoming = wp_tempnam('pressdav-replace');
        file_put_contents($incoming, $request->get_body());
        try {
            return Pressdav_Media_Drive::replace_file((int) $request['id'], $incoming);
        } finally {
            @unlink($incoming);
        }
    }

    /** Changes after since; a reader behind the oldest row kept (or ahead of the head: a restored database) must resync. */
    public static function changes(WP_REST_Request $request)
    {
        $since = (int) $request['since'];
        $feed = Pressdav_Change_Feed::since($since, (int) $request['limit']);
        $behind = $feed['oldest'] > 0 && $since < $feed['oldest'] - 1;
        if ($behind || $since > $feed['head']) {
            return new WP_Error('pressdav_feed_resync', sprintf(/* translators: %d: a sequence number of the change feed */
                __('The change feed no longer holds what came after %d; start again from the head.', 'pressdav'), $since),
                ['status' => 410, 'head' => $feed['head']]);
        }
        return $feed;
    }
}
