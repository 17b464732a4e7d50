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
 *
 * It makes only what pressdav sends, nothing more, for logged-in users only (pressdav never batches
 * for the public): one post of a type shown in REST, or that post's revisions, with no query key but
 * the context and the paging and order of a listing. Open to any GET for anyone, one uncached request
 * could make a hundred listings of a hundred rendered posts, a hundred outgoing fetches through
 * oEmbed's proxy, and reach routes a site closes to some callers in rest_authentication_errors,
 * which runs once, for this route, never for the reads made inside it. Any other read is answered in
 * its slot with a 400, without being made.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Reads
{
    /** The most reads one request makes: a hundred posts, as many as one page of a core REST listing. */
    const MAX_READS = 100;

    /** The query keys a read may carry: what pressdav sends for a post (context) and for its revisions (a listing's paging and order). */
    const QUERY_KEYS = ['context', 'per_page', 'page', 'orderby', 'order'];

    public static function listen(): void
    {
        add_action('rest_api_init', [self::class, 'register_routes']);
    }

    public static function register_routes(): void
    {
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/reads', [
            'methods' => 'POST',
            // Each read is also checked by its own route's permission callback, for this user, as if sent alone.
            'permission_callback' => [self::class, 'logged_in'],
            'args' => [
                'reads' => [
                    'type' => 'array',
                    'required' => true,
                    'minItems' => 1,
                    'maxItems' => self::MAX_READS,
                    // A REST route (/wp/v2/posts/12), with its query string if any.
                    'items' => ['type' => 'string', 'pattern' => '^/'],
                ],
            ],
            'callback' => static function (WP_REST_Request $r): array {
                $collections = self::post_collections();
                return ['reads' => array_map(static fn(string $path) => self::read($path, $collections), $r['reads'])];
            },
        ]);
    }

    /** @return true|WP_Error */
    public static function logged_in()
    {
        return is_user_logged_in() ?: new WP_Error('rest_forbidden',
            __('Many reads in one request are made for logged-in users only: log in, or send each GET alone.', 'pressdav'), ['status' => 401]);
    }

    /** @return array<string, true> the REST collection of each post type shown in REST, as namespace/rest_base (wp/v2/posts). */
    private static function post_collections(): array
    {
        $collections = [];
        foreach (get_post_types(['show_in_rest' => true], 'objects') as $type) {
            $namespace = trim($type->rest_namespace ?: 'wp/v2', '/');
            $collections[$namespace . '/' . ($type->rest_base ?: $type->name)] = true;
        }
        return $collections;
    }

    /** One GET of a route as the current user, answered as rest_preload_api_request (core's preloading of the editor) does. */
    private static function read(string $path, array $collections): array
    {
        $read = self::accepted($path, $collections);
        if ($read === null) {
            return ['status' => 400, 'body' => ['code' => 'rest_invalid_param', 'message' => sprintf(
                /* translators: 1: the accepted routes, 2: the accepted query keys */
                __('Only a read of one post, or of its revisions, is made here: %1$s, with no query key but %2$s.', 'pressdav'),
                '/<namespace>/<rest_base>/<id>, /<namespace>/<rest_base>/<id>/revisions', implode(', ', self::QUERY_KEYS)),
                'data' => ['status' => 400]], 'total' => null];
        }
        [$route, $query] = $read;
        $get = new WP_REST_Request('GET', $route);
        $get->set_query_params($query);
        $server = rest_get_server();
        // What the server applies to every answer before it sends it, as core's own batch does.
        $response = apply_filters('rest_post_dispatch', rest_ensure_response(rest_do_request($get)), $server, $get);
        $total = $response->get_headers()['X-WP-Total'] ?? null;
        return ['status' => $response->get_status(), 'body' => $server->response_to_data($response, false),
            'total' => $total === null ? null : (int) $total];
    }

    /**
     * The route and query of a read pressdav sends: /<namespace>/<rest_base>/<id> or its /revisions, of a post type in
     * $collections, its query of string values under QUERY_KEYS only. Null for any other read.
     */
    private static function accepted(string $path, array $collections): ?array
    {
        $url = wp_parse_url($path);
        if ($url === false || !isset($url['path']) || array_diff(array_keys($url), ['path', 'query']) !== []
            || !preg_match('#^/(.+)/\d+(/revisions)?$#D', $url['path'], $route) || !isset($collections[$route[1]])) {
            return null;
        }
        wp_parse_str($url['query'] ?? '', $query);
        foreach ($query as $key => $value) {
            if (!in_array($key, self::QUERY_KEYS, true) || !is_string($value)) {
                return null;
            }
        }
        return [$url['path'], $query];
    }
}
