<?php
/**
 * The objects of one post type (posts, pages, books, reusable blocks, ...), never building WP_Post
 * objects for what core shows outright. Each caller sees what core REST's collection shows them in
 * its view context, by the type's own capabilities: the published objects to everyone; to those
 * who may edit the type, their own unpublished ones, and everyone's where they may edit others';
 * the private ones to those who may read them. Anything else the query lets through (someone
 * else's unpublished object) is asked of the type's REST controller, as core asks it; a type
 * whose controller has a read rule of its own (reusable blocks: only for who may edit them) asks
 * it of every object.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Posts implements Pressdav_Index_Source
{
    private string $type;
    private int $user;
    private WP_REST_Posts_Controller $controller;
    /** Whether the controller is core's plain one, whose read rule shows a published object to anyone. */
    private bool $plain_rule;

    public function __construct(string $type, WP_REST_Posts_Controller $controller)
    {
        $this->type = $type;
        $this->user = get_current_user_id();
        $this->controller = $controller;
        $this->plain_rule = get_class($controller) === WP_REST_Posts_Controller::class;
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        $cap = get_post_type_object($this->type)->cap;
        // Core REST takes a status other than publish from those who may edit the type, and private from those who may read it.
        $visible = ["post_status = 'publish'"];
        if ($this->user && current_user_can($cap->edit_posts)) {
            $visible[] = $wpdb->prepare("(post_author = %d AND post_status IN ('future', 'draft', 'pending', 'private'))", $this->user);
            if (current_user_can($cap->edit_others_posts)) {
                $visible[] = "post_status IN ('future', 'draft', 'pending')";
            }
        }
        if ($this->user && current_user_can($cap->read_private_posts)) {
            $visible[] = "post_status = 'private'";
        }
        return $wpdb->get_results($wpdb->prepare(
            "SELECT ID AS id, post_name, post_title, post_status, post_author, post_date, post_date_gmt, post_modified, post_modified_gmt, post_parent FROM {$wpdb->posts}
             WHERE post_type = %s AND ID > %d AND (" . implode(' OR ', $visible) . ') ORDER BY ID ASC LIMIT %d', $this->type, $after, $limit));
    }

    public function item(object $row): ?array
    {
        $id = (int) $row->id;
        $plain = $this->plain_rule && ($row->post_status === 'publish' || (int) $row->post_author === $this->user);
        if (!$plain && !$this->controller->check_read_permission(get_post($id))) {
            // What the query lets through but core's own rule keeps from this user (the privacy policy page asks for
            // manage_privacy_options; a reusable block, edit_posts): the SQL is the rule, this is the exception, checked as core does.
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
