<?php
/**
 * Many GETs in one request (POST pressdav/v1/reads, feature reads): a client that walks into every
 * post (ls -R, find over the drive) makes pressdav read each post and its revisions, one WordPress
 * bootstrap a read; here up to a hundred reads share one. Core's batch route (batch/v1) cannot
 * serve them: it takes no GET.
 * Each read is made inside WordPress as a GET by the current user, through the REST server's own
 * dispatch, so every permission check applies exactly as if the user had sent that GET alone, and
 * each answers what that GET would: its status, its JSON body, its X-WP-Total. No read can reach
 * this route again: it takes POST only, and a GET of it is no route.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Reads
{
    /** The most reads one request makes: a hundred posts, as many as one page of a core REST listing. */
    const MAX_READS = 100;

    public static function listen(): void
    {
        add_action('rest_api_init', [self::class, 'register_routes']);
    }

    public static function register_routes(): void
    {
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/reads', [
            'methods' => 'POST',
            // Anyone may ask: each read is checked by its own route's permission callback, for this user, as if sent alone.
            'permission_callback' => '__return_true',
            'args' => [
                'reads' => [
                    'type' => 'array',
                    'required' => true,
                    'minItems' => 1,
                    'maxItems' => self::MAX_READS,
                    // A REST route (wp/v2/posts/12), with its query string if any.
                    'items' => ['type' => 'string', 'pattern' => '^/'],
                ],
            ],
            'callback' => static fn(WP_REST_Request $r) => ['reads' => array_map([self::class, 'read'], $r['reads'])],
        ]);
    }

    /** One GET of a route as the current user, answered as rest_preload_api_request (core's preloading of the editor) does. */
    private static function read(string $path): array
    {
        $url = wp_parse_url($path);
        if ($url === false || !isset($url['path'])) {
            return ['status' => 400, 'body' => ['code' => 'rest_invalid_param', 'message' => __('The route could not be read.', 'pressdav'),
                'data' => ['status' => 400]], 'total' => null];
        }
        $get = new WP_REST_Request('GET', $url['path']);
        if (!empty($url['query'])) {
            wp_parse_str($url['query'], $query);
            $get->set_query_params($query);
        }
        $server = rest_get_server();
        // What the server applies to every answer before it sends it (_fields among others), as core's own batch does.
        $response = apply_filters('rest_post_dispatch', rest_ensure_response(rest_do_request($get)), $server, $get);
        $total = $response->get_headers()['X-WP-Total'] ?? null;
        return ['status' => $response->get_status(), 'body' => $server->response_to_data($response, false),
            'total' => $total === null ? null : (int) $total];
    }
}
