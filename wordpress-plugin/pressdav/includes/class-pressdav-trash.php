<?php
/**
 * Restoring from the trash, which core REST cannot: POST pressdav/v1/untrash/<id> is wp-admin's
 * "Restore" (wp_untrash_post) for a user WordPress lets delete the post, as wp-admin asks. The post
 * comes back with the status it had before the trash (_wp_trash_meta_status; since WordPress 5.6
 * wp_untrash_post alone would make it a draft), where the user may give it that status, and its slug
 * without __trashed; it is answered as core REST answers the post (context=edit).
 * An attachment (in the trash where the site keeps deleted media there, MEDIA_TRASH) comes back
 * attached as before (status inherit), at the drive path given (path), which must be free: a trashed
 * attachment is in no media folder.
 * Also says whether the site keeps deleted media in the trash (MEDIA_TRASH).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Trash
{
    public static function listen(): void
    {
        add_action('rest_api_init', [self::class, 'register_routes']);
    }

    public static function register_routes(): void
    {
        register_rest_route(PRESSDAV_REST_NAMESPACE, '/untrash/(?P<id>\\d+)', [
            'methods' => 'POST',
            'permission_callback' => [self::class, 'may_restore'],
            'args' => ['id' => ['type' => 'integer', 'minimum' => 1], 'path' => ['type' => 'string']],
            'callback' => [self::class, 'untrash'],
        ]);
    }

    /** The status's features, with the trash's: restores (untrash), and media kept in the trash where the site does (media-trash). */
    public static function features(array $features): array
    {
        $features[] = 'untrash';
        if (defined('MEDIA_TRASH') && MEDIA_TRASH) {
            $features[] = 'media-trash';
        }
        return $features;
    }

    /** As core REST: no such post (of a type shown in REST) is a 404; then wp-admin's own question for a restore. */
    public static function may_restore(WP_REST_Request $request)
    {
        $post = get_post((int) $request['id']);
        $type = $post ? get_post_type_object($post->post_type) : null;
        if (!$post || !$type || empty($type->show_in_rest)) {
            return new WP_Error('rest_post_invalid_id', __('Invalid post ID.'), ['status' => 404]);
        }
        return current_user_can('delete_post', $post->ID);
    }

    public static function untrash(WP_REST_Request $request)
    {
        $post = get_post((int) $request['id']);
        $type = get_post_type_object($post->post_type);
        if ($post->post_status !== 'trash') {
            return new WP_Error('pressdav_not_trashed', __('The post is not in the trash.', 'pressdav'), ['status' => 409]);
        }
        $path = $request['path'];
        if ($path !== null) {
            if ($post->post_type !== 'attachment') {
                return new WP_Error('pressdav_bad_path', __('Only a media file is restored at a path.', 'pressdav'), ['status' => 400]);
            }
            $refused = Pressdav_Media_Drive::refusal_at($path) ?? Pressdav_Upload_Rule::refusal(wp_basename($path));
            if ($refused) {
                return $refused;
            }
        }
        $previous = self::status_to_restore($post, $type);
        $keep = static fn() => $previous;
        add_filter('wp_untrash_post_status', $keep);
        try {
            $restored = wp_untrash_post($post->ID);
        } finally {
            remove_filter('wp_untrash_post_status', $keep);
        }
        if (!$restored) {
            return new WP_Error('pressdav_untrash_failed', __('The post could not be restored from the trash.', 'pressdav'), ['status' => 500]);
        }
        if ($path !== null) {
            Pressdav_Media_Drive::place($post->ID, $path);
        }
        $controller = $type->get_rest_controller();
        $request->set_param('context', 'edit');
        return $controller->prepare_item_for_response(get_post($post->ID), $request);
    }

    /**
     * The status it had before the trash; a draft where the user may not give it that status (a published post
     * restored by one who may not publish), as wp-admin's own restore gives a draft.
     */
    private static function status_to_restore(WP_Post $post, WP_Post_Type $type): string
    {
        if ($post->post_type === 'attachment') {
            return 'inherit'; // as wp_untrash_post gives it: an attachment's status is its parent's
        }
        $previous = (string) get_post_meta($post->ID, '_wp_trash_meta_status', true);
        if ($previous === '' || $previous === 'trash') {
            return 'draft';
        }
        if (in_array($previous, ['publish', 'future', 'private'], true) && !current_user_can($type->cap->publish_posts)) {
            return 'draft';
        }
        return $previous;
    }
}
