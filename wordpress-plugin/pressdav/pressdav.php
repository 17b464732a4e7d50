<?php
/**
 * Plugin Name: pressdav companion
 * Description: Adds to the WordPress REST API what pressdav needs beyond core. For now it only
 *              registers its namespace, so that pressdav can tell the plugin is active.
 * Version: 0.1.0
 * Requires at least: 6.1
 * Requires PHP: 8.0
 * License: Apache-2.0
 */

if (!defined('ABSPATH')) {
    exit;
}

const PRESSDAV_PLUGIN_VERSION = '0.1.0';
const PRESSDAV_REST_NAMESPACE = 'pressdav/v1';

add_action('rest_api_init', static function (): void {
    register_rest_route(PRESSDAV_REST_NAMESPACE, '/status', [
        'methods' => 'GET',
        'permission_callback' => '__return_true',
        'callback' => static fn() => ['plugin' => 'pressdav', 'version' => PRESSDAV_PLUGIN_VERSION],
    ]);
});
