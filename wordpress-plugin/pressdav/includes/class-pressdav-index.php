<?php
/**
 * The index: the compact listing of a whole collection of posts or pages in one request, with
 * exactly the fields the drive's listings need, read with one SQL query a page (paged by id),
 * never building WP_Post objects. It shows each caller what core REST shows them in its view
 * context: the published posts to everyone, and, to those who may edit posts, the others they may
 * read (their own drafts; everyone's, and private ones, where they may edit others' posts). Someone
 * else's unpublished post is checked once more with core's own read_post rule.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index
{
    public const TYPES = ['post', 'page'];

    /**
     * @return array{items: list<array<string, mixed>>, next: int|null, etag: string}
     */
    public static function list(string $type, int $after, int $limit): array
    {
        global $wpdb;
        $object = get_post_type_object($type);
        $user = get_current_user_id();
        $where = ['post_type = %s', 'ID > %d'];
        $args = [$type, $after];
        if ($user && current_user_can($object->cap->edit_posts)) {
            $visible = ["post_status = 'publish'", $wpdb->prepare("(post_author = %d AND post_status IN ('future', 'draft', 'pending', 'private'))", $user)];
            if (current_user_can($object->cap->edit_others_posts)) {
                $visible[] = "post_status IN ('future', 'draft', 'pending')";
            }
            if (current_user_can($object->cap->read_private_posts)) {
                $visible[] = "post_status = 'private'";
            }
            $where[] = '(' . implode(' OR ', $visible) . ')';
        } else {
            $where[] = "post_status = 'publish'";
        }
        $sql = "SELECT ID, post_name, post_title, post_status, post_author, post_date, post_date_gmt, post_modified, post_modified_gmt, post_parent FROM {$wpdb->posts} WHERE "
            . implode(' AND ', $where) . ' ORDER BY ID ASC LIMIT %d';
        $args[] = $limit + 1;
        $rows = $wpdb->get_results($wpdb->prepare($sql, $args));
        $next = null;
        if (count($rows) > $limit) {
            array_pop($rows);
            $next = (int) end($rows)->ID;
        }
        $items = [];
        $hash = hash_init('sha256');
        foreach ($rows as $row) {
            if ($row->post_status !== 'publish' && (int) $row->post_author !== $user && !current_user_can('read_post', (int) $row->ID)) {
                // Someone else's unpublished post that core's own rules keep from this user (the privacy policy page
                // asks for manage_privacy_options): the SQL above is the rule, this is the exception, checked as core does.
                continue;
            }
            $item = [
                'id' => (int) $row->ID,
                'slug' => $row->post_name,
                'status' => $row->post_status,
                'date_gmt' => self::gmt($row->post_date_gmt, $row->post_date),
                'modified_gmt' => self::gmt($row->post_modified_gmt, $row->post_modified),
            ];
            if ($row->post_name === '') {
                // What core REST calls generated_slug, only for what has no slug yet (drafts).
                $item['generated_slug'] = wp_unique_post_slug(sanitize_title($row->post_title ?: $row->ID, (int) $row->ID), (int) $row->ID,
                    'publish', $type, (int) $row->post_parent);
                $item['title'] = ['rendered' => $row->post_title];
            }
            $items[] = $item;
            hash_update($hash, $row->ID . ':' . $row->post_modified_gmt . ':' . $row->post_status . ':' . $row->post_name . "\n");
        }
        return ['items' => $items, 'next' => $next, 'etag' => '"' . substr(hash_final($hash), 0, 32) . '"'];
    }

    /**
     * The REST API's GMT date, without a zone. A draft keeps no GMT date (its date follows its
     * saves); core REST then derives one from the local date and the site's offset, and so does this.
     */
    private static function gmt(string $gmt, string $local): string
    {
        return str_replace(' ', 'T', $gmt === '0000-00-00 00:00:00' ? get_gmt_from_date($local) : $gmt);
    }
}
