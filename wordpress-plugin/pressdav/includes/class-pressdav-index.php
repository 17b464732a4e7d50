<?php
/**
 * The index: the compact listing of a whole collection in one request, with exactly the fields
 * the drive's listings need, shaped as core REST shapes them. Each collection is a source (one
 * class under index/) that reads its rows with one SQL query a page, paged by id, and shows each
 * caller what core REST shows them; this class pages, fingerprints and shapes the answer.
 */

if (!defined('ABSPATH')) {
    exit;
}

interface Pressdav_Index_Source
{
    /**
     * The rows after this id, at most $limit, by ascending id, each with its id in ->id; what this
     * caller may never see is left out by the query.
     *
     * @return list<object>
     */
    public function rows(int $after, int $limit): array;

    /** The row as the listing shows it, or null where core's own rule keeps it from this caller. */
    public function item(object $row): ?array;

    /** What changes when the row's listing would: folded into the page's ETag. */
    public function fingerprint(object $row): string;
}

final class Pressdav_Index
{
    /** The collections every WordPress has once, beside its post types and taxonomies. */
    private const FIXED = ['attachment', 'user', 'comment'];

    /** The fields of an object of a post type, or of a term, that the index gives: a controller whose items lack one lists something else. */
    private const POST_FIELDS = ['slug', 'status', 'date_gmt', 'modified_gmt'];
    private const TERM_FIELDS = ['name', 'slug', 'taxonomy', 'count'];

    /**
     * Every object type the index lists now: media, users, comments, and each post type and
     * taxonomy core REST serves as posts and terms (see source()). Asked at each request, so that a
     * type registered late (by a theme, by another plugin, at run time) is listed as soon as it exists.
     *
     * @return list<string>
     */
    public static function types(): array
    {
        $types = self::FIXED;
        foreach (get_post_types(['show_in_rest' => true]) as $type) {
            if (self::post_controller($type) !== null) {
                $types[] = $type;
            }
        }
        foreach (get_taxonomies(['show_in_rest' => true]) as $taxonomy) {
            if (self::term_controller($taxonomy) !== null) {
                $types[] = $taxonomy;
            }
        }
        return array_values(array_unique($types));
    }

    /** Whether the index lists this object type now. */
    public static function lists(string $type): bool
    {
        return in_array($type, self::FIXED, true) || self::post_controller($type) !== null || self::term_controller($type) !== null;
    }

    /**
     * Whether this caller may list the type at all, as core REST's collection answers it (true,
     * false or its error): the route's permission, so that a refusal is core's own.
     *
     * @return bool|WP_Error
     */
    public static function permitted(string $type)
    {
        $posts = self::post_controller($type);
        $terms = $posts === null ? self::term_controller($type) : null;
        if ($posts === null && $terms === null) {
            return true;
        }
        $route = $posts !== null ? rest_get_route_for_post_type_items($type) : rest_get_route_for_taxonomy_items($type);
        return ($posts ?? $terms)->get_items_permissions_check(new WP_REST_Request('GET', $route));
    }

    private static function source(string $type): Pressdav_Index_Source
    {
        switch ($type) {
            case 'attachment':
                return new Pressdav_Index_Media();
            case 'user':
                return new Pressdav_Index_Users();
            case 'comment':
                return new Pressdav_Index_Comments();
        }
        $posts = self::post_controller($type);
        if ($posts !== null) {
            return new Pressdav_Index_Posts($type, $posts);
        }
        if (self::term_controller($type) !== null) {
            return new Pressdav_Index_Terms($type);
        }
        throw new InvalidArgumentException('No index for ' . $type);
    }

    /**
     * The REST controller of a post type the index lists as posts: one core REST serves with its
     * posts controller (or one made from it, as reusable blocks are) whose items carry a slug, a
     * status and dates. Attachments are media (their own source); menu items, templates, global
     * styles and font families are served by other controllers or carry other fields, and are
     * left to core REST.
     */
    private static function post_controller(string $type): ?WP_REST_Posts_Controller
    {
        $object = get_post_type_object($type);
        if (!$object || !$object->show_in_rest || $type === 'attachment') {
            return null;
        }
        $controller = $object->get_rest_controller();
        if (!$controller instanceof WP_REST_Posts_Controller || $controller instanceof WP_REST_Attachments_Controller
            || !self::has_fields($controller, self::POST_FIELDS)) {
            return null;
        }
        return $controller;
    }

    /** The REST controller of a taxonomy the index lists as terms: its terms controller, where its items are shaped as terms (menus are not). */
    private static function term_controller(string $taxonomy): ?WP_REST_Terms_Controller
    {
        $object = get_taxonomy($taxonomy);
        if (!$object || !$object->show_in_rest) {
            return null;
        }
        $controller = $object->get_rest_controller();
        return $controller instanceof WP_REST_Terms_Controller && self::has_fields($controller, self::TERM_FIELDS) ? $controller : null;
    }

    private static function has_fields(WP_REST_Controller $controller, array $fields): bool
    {
        $properties = $controller->get_item_schema()['properties'] ?? [];
        return !array_diff($fields, array_keys($properties));
    }

    /**
     * @return array{items: list<array<string, mixed>>, next: int|null, etag: string}
     */
    public static function list(string $type, int $after, int $limit): array
    {
        $source = self::source($type);
        $rows = $source->rows($after, $limit + 1);
        $next = null;
        if (count($rows) > $limit) {
            array_pop($rows);
            $next = (int) end($rows)->id;
        }
        $items = [];
        // The caller is part of the fingerprint: two users' pages with the same rows may differ in what they show.
        $hash = hash_init('sha256');
        hash_update($hash, $type . ':' . get_current_user_id() . "\n");
        foreach ($rows as $row) {
            $item = $source->item($row);
            if ($item === null) {
                continue;
            }
            $items[] = $item;
            hash_update($hash, $source->fingerprint($row) . "\n");
        }
        return ['items' => $items, 'next' => $next, 'etag' => '"' . substr(hash_final($hash), 0, 32) . '"'];
    }

    /**
     * The REST API's GMT date, without a zone. A draft keeps no GMT date (its date follows its
     * saves); core REST then derives one from the local date and the site's offset, and so does this.
     */
    public static function gmt(string $gmt, string $local): string
    {
        return str_replace(' ', 'T', $gmt === '0000-00-00 00:00:00' ? get_gmt_from_date($local) : $gmt);
    }

    /** The post types core REST serves with its posts controller, whose read rule the sources take as known. */
    public static function rest_post_types(): array
    {
        return array_values(get_post_types(['show_in_rest' => true], 'names'));
    }
}
