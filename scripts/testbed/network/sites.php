<?php
// Sites of the test bed's network, made and removed as wp-admin's Network Admin does.

/** A new site at /SLUG/ of the current network, its administrator the network's super admin; its id. */
function testbed_add_site(string $slug, string $title): int
{
    $network = get_network();
    $_SERVER['REMOTE_ADDR'] ??= '127.0.0.1'; // WordPress logs who made a site; from the command line, this machine
    $admin = get_user_by('login', get_super_admins()[0]);
    // WordPress makes a site's domain a user name (sanitize_user), which drops the colon before the network's port.
    $keep_port = static fn($sanitized, $raw) => $raw === $network->domain ? $raw : $sanitized;
    add_filter('sanitize_user', $keep_port, 10, 2);
    $id = wp_insert_site(['domain' => $network->domain, 'path' => $network->path . $slug . '/', 'network_id' => $network->id,
        'title' => $title, 'user_id' => $admin->ID, 'public' => 1]);
    remove_filter('sanitize_user', $keep_port, 10);
    if (is_wp_error($id)) {
        testbed_fail("site $slug: " . $id->get_error_message());
    }
    // The site's posts live under the same permalinks as the main site's.
    switch_to_blog($id);
    update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
    update_option('timezone_string', 'UTC');
    restore_current_blog();
    return $id;
}

/** The site at /SLUG/ of the current network, or 0. */
function testbed_site_id(string $slug): int
{
    $network = get_network();
    $site = get_site_by_path($network->domain, $network->path . $slug . '/');
    return $site && $site->path === $network->path . $slug . '/' ? (int) $site->blog_id : 0;
}
