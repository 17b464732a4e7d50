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
    /** The type names the route takes: post types as WordPress names them, taxonomies, users and comments. */
    public const TYPES = ['post', 'page', 'attachment', 'category', 'post_tag', 'user', 'comment'];

    private static function source(string $type): Pressdav_Index_Source
    {
        switch ($type) {
            case 'post':
            case 'page':
                return new Pressdav_Index_Posts($type);
            case 'attachment':
                return new Pressdav_Index_Media();
            case 'category':
            case 'post_tag':
                return new Pressdav_Index_Terms($type);
            case 'user':
                return new Pressdav_Index_Users();
            case 'comment':
                return new Pressdav_Index_Comments();
        }
        throw new InvalidArgumentException('No index for ' . $type);
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
