<?php
/**
 * Users, as core REST lists them: to those who may list users, every user of the site with their
 * login and registration date (the edit context); to everyone else, the authors of published posts
 * of the REST post types, by name and slug only (the view context). One query a page.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Index_Users implements Pressdav_Index_Source
{
    private bool $lists_users;

    public function __construct()
    {
        $this->lists_users = current_user_can('list_users');
    }

    public function rows(int $after, int $limit): array
    {
        global $wpdb;
        $where = [$wpdb->prepare('u.ID > %d', $after)];
        if (is_multisite()) {
            // Members of this site only, as WP_User_Query asks on a network.
            $where[] = $wpdb->prepare("EXISTS (SELECT 1 FROM {$wpdb->usermeta} c WHERE c.user_id = u.ID AND c.meta_key = %s)",
                $wpdb->get_blog_prefix() . 'capabilities');
        }
        if (!$this->lists_users) {
            $types = Pressdav_Index::rest_post_types();
            $where[] = "u.ID IN (SELECT DISTINCT post_author FROM {$wpdb->posts} WHERE post_status = 'publish' AND post_type IN ("
                . implode(', ', array_fill(0, count($types), '%s')) . '))';
            $where[count($where) - 1] = $wpdb->prepare($where[count($where) - 1], $types);
        }
        return $wpdb->get_results($wpdb->prepare(
            "SELECT u.ID AS id, u.user_login, u.user_nicename, u.display_name, u.user_registered FROM {$wpdb->users} u WHERE "
            . implode(' AND ', $where) . ' ORDER BY u.ID ASC LIMIT %d', $limit));
    }

    public function item(object $row): ?array
    {
        $item = ['id' => (int) $row->id, 'name' => $row->display_name, 'slug' => $row->user_nicename];
        if ($this->lists_users) {
            $item['username'] = $row->user_login;
            $item['registered_date'] = gmdate('c', strtotime($row->user_registered));
        }
        return $item;
    }

    public function fingerprint(object $row): string
    {
        return implode(':', [$row->id, $row->user_login, $row->user_nicename, md5($row->display_name)]);
    }
}
