<?php
/**
 * Posts and pages, never building WP_Post objects. Each caller sees what core REST shows them in
 * its view context: the published posts to everyone, and, to those who may edit posts, the others
 * they may read (their own drafts; everyone's, and private ones, where they may edit others'
 * posts). Someone else's unpublished post is checked once more with core's own read_post rule.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Posts implements Pressdav_Index_Source
{
    private string $type;
    private int $user;

    public function __construct(string $type)
    {
        $this->type = $type;
        $this->user = get_current_user_id();
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        $object = get_post_type_object($this->type);
        $where = ['post_type = %s', 'ID > %d'];
        $args = [$this->type, $after];
        if ($this->user && current_user_can($object->cap->edit_posts)) {
            $visible = ["post_status = 'publish'",
                $wpdb->prepare("(post_author = %d AND post_status IN ('future', 'draft', 'pending', 'private'))", $this->user)];
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
        $args[] = $limit;
        return $wpdb->get_results($wpdb->prepare(
            "SELECT ID AS id, post_name, post_title, post_status, post_author, post_date, post_date_gmt, post_modified, post_modified_gmt, post_parent FROM {$wpdb->posts} WHERE "
            . implode(' AND ', $where) . ' ORDER BY ID ASC LIMIT %d', $args));
    }

    public function item(object $row): ?array
    {
        $id = (int) $row->id;
        if ($row->post_status !== 'publish' && (int) $row->post_author !== $this->user && !current_user_can('read_post', $id)) {
            // Someone else's unpublished post that core's own rules keep from this user (the privacy policy page
            // asks for manage_privacy_options): the SQL is the rule, this is the exception, checked as core does.
            return null;
        }
        $item = [
            'id' => $id,
            'slug' => $row->post_name,
            'status' => $row->post_status,
            'date_gmt' => Pressdav_Index::gmt($row->post_date_gmt, $row->post_date),
            'modified_gmt' => Pressdav_Index::gmt($row->post_modified_gmt, $row->post_modified),
        ];
        if ($row->post_name === '') {
            // What core REST calls generated_slug, only for what has no slug yet (drafts).
            $item['generated_slug'] = wp_unique_post_slug(sanitize_title($row->post_title ?: $row->id, $id), $id, 'publish',
                $this->type, (int) $row->post_parent);
            $item['title'] = ['rendered' => $row->post_title];
        }
        return $item;
    }

    public function fingerprint(object $row): string
    {
        return $row->id . ':' . $row->post_modified_gmt . ':' . $row->post_status . ':' . $row->post_name;
    }
}
