<?php
/**
 * The sites of a multisite network a caller may open (GET pressdav/v1/sites, on a network only): a
 * user's are the sites they are a member of, a super admin's every site, an anonymous visitor's the
 * public ones. Archived, deleted and spam sites are no one's. The answer is the same on every site
 * of the network: it is about the caller and the network, not the site asked.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Sites
{
    /** @return list<array{id: int, url: string, name: string}> ordered by id, as get_sites orders them */
    public static function visible(): array
    {
        $ids = array_map('intval', self::ids());
        return array_map(static fn(int $id) => [
            'id' => $id,
            'url' => get_home_url($id, '/'),
            'name' => (string) get_site($id)->blogname,
        ], $ids);
    }

    /** @return list<int|string> */
    private static function ids(): array
    {
        $open = ['number' => 0, 'fields' => 'ids', 'network_id' => get_current_network_id(), 'archived' => 0, 'deleted' => 0, 'spam' => 0];
        if (!is_user_logged_in()) {
            return get_sites($open + ['public' => 1, 'mature' => 0]);
        }
        if (is_super_admin()) {
            return get_sites($open);
        }
        // Without archived, deleted and spam sites (get_blogs_of_user's $all false); of this network only (an install may hold several).
        $network = get_current_network_id();
        $sites = array_filter(get_blogs_of_user(get_current_user_id()), static fn($site) => (int) $site->site_id === $network);
        return array_map(static fn($site) => $site->userblog_id, array_values($sites));
    }
}
