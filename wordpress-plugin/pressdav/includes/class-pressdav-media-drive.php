<?php
/**
 * The media library as a drive: folders at any depth, each attachment at one path, renames and
 * moves that never touch a file on disk (so no URL breaks), and replacing a file's bytes in place.
 *
 * An attachment's drive path is its _pressdav_path meta, or, until it is placed, its upload path
 * (_wp_attached_file, for example 2026/11/photo.jpg). A folder exists while a row of the folders
 * table names it (an empty folder made on the drive) or an attachment lies below it. Moving a folder
 * places every attachment below it at its new path and renames the rows; nothing else changes.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Media_Drive
{
    public const PATH_META = '_pressdav_path';
    public const ANY_FILE_OPTION = 'pressdav_any_file';

    public static function listen(): void
    {
        add_filter('rest_request_before_callbacks', [self::class, 'check_upload_path'], 10, 3);
        add_action('rest_after_insert_attachment', [self::class, 'place_upload'], 10, 3);
        add_filter('wp_handle_sideload_prefilter', [self::class, 'name_on_disk']);
        add_action('rest_api_init', [self::class, 'register_field']);
    }

    /**
     * An attachment's drive path in core REST's edit context (drive_path, as the index names it): what the drive
     * names a trashed attachment by, which the index (of attachments in their folders) does not list.
     */
    public static function register_field(): void
    {
        register_rest_field('attachment', 'drive_path', [
            'get_callback' => static fn(array $attachment) => (string) (get_post_meta($attachment['id'], self::PATH_META, true)
                ?: get_post_meta($attachment['id'], '_wp_attached_file', true)),
            'schema' => ['description' => __('Where the drive shows the file, below media/.', 'pressdav'), 'type' => 'string',
                'context' => ['edit'], 'readonly' => true],
        ]);
    }

    /** Whether this request is an upload of the drive (it names a drive path). */
    private static bool $drive_upload = false;

    /** This request uploads a file to a drive path (a chunked upload being finished). */
    public static function uploading_to_drive(): void
    {
        self::$drive_upload = true;
    }

    /**
     * The file's name on disk for a drive upload without an extension: core REST takes the title
     * from the name less its extension and mangles a name without one, so it gets .bin on disk
     * (the drive still shows the name the user gave).
     */
    public static function name_on_disk(array $file): array
    {
        if (self::$drive_upload && pathinfo($file['name'], PATHINFO_EXTENSION) === '') {
            $file['name'] .= '.bin';
        }
        return $file;
    }

    public static function folders_table(): string
    {
        global $wpdb;
        return $wpdb->prefix . 'pressdav_media_folders';
    }

    /**
     * A drive path split into its names, or a WP_Error (400) for one that is not a path of the
     * drive: empty names, . and .., what Windows forbids in a name, control characters.
     *
     * @return list<string>|WP_Error
     */
    public static function parse(string $path)
    {
        $names = explode('/', trim($path, '/'));
        if ($path === '' || strlen($path) > 1000) {
            return new WP_Error('pressdav_bad_path', __('A media path is 1 to 1000 bytes long.', 'pressdav'), ['status' => 400]);
        }
        foreach ($names as $name) {
            if ($name === '' || $name === '.' || $name === '..' || strlen($name) > 255 || preg_match('/[\\\\:*?"<>|\x00-\x1f\x7f]/', $name)
                || preg_match('/[. ]$/', $name)) {
                return new WP_Error('pressdav_bad_name', sprintf(/* translators: %s: a file or folder name */ __('"%s" cannot be a name on the drive: no \\ : * ? " < > |, no control characters, no . or space at its end.', 'pressdav'), $name),
                    ['status' => 400]);
            }
        }
        return $names;
    }

    /** Every folder made on the drive, by path: shown to those who may upload (a name of an empty folder tells something). */
    public static function folders(): array
    {
        global $wpdb;
        if (!current_user_can('upload_files')) {
            return [];
        }
        return $wpdb->get_col('SELECT path FROM ' . self::folders_table() . ' ORDER BY path');
    }

    /**
     * The attachments whose drive path is $path exactly, or (with $below) lies below it: id => path. One in the
     * trash (MEDIA_TRASH) is in no folder: it keeps none from being deleted and takes no name; restored, it is
     * placed again (untrash, with a path).
     */
    private static function attachments_at(string $path, bool $below): array
    {
        global $wpdb;
        $match = $below ? $wpdb->esc_like($path . '/') . '%' : $wpdb->esc_like($path);
        $rows = $wpdb->get_results($wpdb->prepare(
            "SELECT a.ID AS id, COALESCE(d.meta_value, f.meta_value) AS path FROM {$wpdb->posts} a
             LEFT JOIN {$wpdb->postmeta} d ON d.post_id = a.ID AND d.meta_key = %s
             LEFT JOIN {$wpdb->postmeta} f ON f.post_id = a.ID AND f.meta_key = '_wp_attached_file'
             WHERE a.post_type = 'attachment' AND a.post_status NOT IN ('auto-draft', 'trash')
             HAVING BINARY path LIKE BINARY %s", self::PATH_META, $match));
        return array_column($rows, 'path', 'id');
    }

    private static function folder_row(string $path): bool
    {
        global $wpdb;
        return (bool) $wpdb->get_var($wpdb->prepare('SELECT 1 FROM ' . self::folders_table() . ' WHERE path_hash = %s', hash('sha256', $path)));
    }

    /** Whether a folder is at this path ('' is media/ itself; this month's upload folder always is, as WordPress files uploads there). */
    public static function folder_exists(string $path): bool
    {
        $month = trim(wp_upload_dir(null, false)['subdir'], '/');
        return $path === '' || ($month !== '' && ($path === $month || str_starts_with($month, $path . '/')))
            || self::folder_row($path) || self::attachments_at($path, true) !== [];
    }

    /** Whether anything, a file or a folder, is at this path. */
    public static function occupied(string $path): bool
    {
        return self::attachments_at($path, false) !== [] || self::folder_exists($path);
    }

    private static function parent(string $path): string
    {
        $slash = strrpos($path, '/');
        return $slash === false ? '' : substr($path, 0, $slash);
    }

    /** Why a file or folder cannot be put at this path, or null: a bad name, no parent, or something there already. */
    public static function refusal_at(string $path): ?WP_Error
    {
        $names = self::parse($path);
        if (is_wp_error($names)) {
            return $names;
        }
        $path = implode('/', $names);
        if (!self::folder_exists(self::parent($path))) {
            return new WP_Error('pressdav_no_folder', sprintf(/* translators: %s: a folder's path on the drive */ __('The folder %s does not exist.', 'pressdav'), self::parent($path)), ['status' => 409]);
        }
        if (self::occupied($path)) {
            return new WP_Error('pressdav_exists', sprintf(/* translators: %s: a path on the drive */ __('%s already exists.', 'pressdav'), $path), ['status' => 409]);
        }
        return null;
    }

    private static function add_row(string $path): bool
    {
        global $wpdb;
        return $wpdb->query($wpdb->prepare('INSERT IGNORE INTO ' . self::folders_table() . ' (path_hash, path, created_gmt) VALUES (%s, %s, %s)',
            hash('sha256', $path), $path, current_time('mysql', true))) !== false;
    }

    /** MKCOL: an empty folder. */
    public static function make_folder(string $path)
    {
        if (!current_user_can('upload_files')) {
            return new WP_Error('rest_cannot_create', __('Sorry, you are not allowed to upload files.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        $refused = self::refusal_at($path);
        if ($refused) {
            return $refused;
        }
        self::add_row(trim($path, '/'));
        Pressdav_Change_Feed::record('media_folder', 0, 'saved');
        return ['path' => trim($path, '/')];
    }

    /**
     * MOVE of a folder: every attachment below it placed at its new path (each one this user may
     * edit, or nothing moves), the folder rows renamed. No file on disk moves.
     */
    public static function move_folder(string $from, string $to)
    {
        global $wpdb;
        $from = trim($from, '/');
        $to = trim($to, '/');
        if (!current_user_can('upload_files')) {
            return new WP_Error('rest_cannot_edit', __('Sorry, you are not allowed to upload files.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        if (is_wp_error(self::parse($from)) || $from === '' || !self::folder_exists($from)) {
            return new WP_Error('pressdav_not_found', sprintf(/* translators: %s: a folder's path on the drive */ __('There is no folder %s.', 'pressdav'), $from), ['status' => 404]);
        }
        if ($to === $from || str_starts_with($to . '/', $from . '/')) {
            return new WP_Error('pressdav_into_itself', __('A folder cannot move into itself.', 'pressdav'), ['status' => 409]);
        }
        $refused = self::refusal_at($to);
        if ($refused) {
            return $refused;
        }
        $inside = self::attachments_at($from, true);
        foreach ($inside as $id => $path) {
            if (!current_user_can('edit_post', (int) $id)) {
                return new WP_Error('rest_cannot_edit', sprintf(/* translators: %s: a file's path on the drive */ __('Sorry, you are not allowed to move %s: nothing was moved.', 'pressdav'), $path),
                    ['status' => rest_authorization_required_code()]);
            }
        }
        $moved = self::in_transaction(static function () use ($wpdb, $inside, $from, $to): bool {
            foreach ($inside as $id => $path) {
                update_post_meta((int) $id, self::PATH_META, $to . substr($path, strlen($from)));
                if ($wpdb->last_error !== '') {
                    return false;
                }
            }
            $table = self::folders_table();
            $rows = $wpdb->get_col($wpdb->prepare("SELECT path FROM {$table} WHERE path_hash = %s OR BINARY path LIKE BINARY %s",
                hash('sha256', $from), $wpdb->esc_like($from . '/') . '%'));
            foreach ($rows as $row) {
                $renamed = $to . substr($row, strlen($from));
                if ($wpdb->query($wpdb->prepare("UPDATE {$table} SET path = %s, path_hash = %s WHERE path_hash = %s", $renamed, hash('sha256', $renamed),
                    hash('sha256', $row))) === false) {
                    return false;
                }
            }
            return self::add_row($to);
        });
        foreach ($inside as $id => $path) {
            // Moved or rolled back, the drive must read each one again.
            Pressdav_Change_Feed::record('attachment', (int) $id, 'moved');
        }
        if (!$moved) {
            foreach (array_keys($inside) as $id) {
                wp_cache_delete((int) $id, 'post_meta');
            }
            return new WP_Error('pressdav_move_failed', sprintf(/* translators: %s: a folder's path on the drive */
                __('The folder %s could not be moved: nothing was moved.', 'pressdav'), $from), ['status' => 500]);
        }
        Pressdav_Change_Feed::record('media_folder', 0, 'moved');
        return ['path' => $to];
    }

    /**
     * Runs $writes in one transaction: committed if they say they all succeeded, rolled back if one
     * failed or threw, so a folder move is whole or not at all.
     */
    private static function in_transaction(callable $writes): bool
    {
        global $wpdb;
        if ($wpdb->query('START TRANSACTION') === false) {
            return false;
        }
        try {
            $done = $writes();
        } catch (Throwable $e) {
            $wpdb->query('ROLLBACK');
            throw $e;
        }
        if (!$done || $wpdb->query('COMMIT') === false) {
            $wpdb->query('ROLLBACK');
            return false;
        }
        return true;
    }

    /** DELETE of a folder, only an empty one: what is inside is deleted first, file by file, by the drive. */
    public static function delete_folder(string $path)
    {
        global $wpdb;
        $path = trim($path, '/');
        if (!current_user_can('upload_files')) {
            return new WP_Error('rest_cannot_delete', __('Sorry, you are not allowed to upload files.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        if ($path === '' || !self::folder_exists($path)) {
            return new WP_Error('pressdav_not_found', sprintf(/* translators: %s: a folder's path on the drive */ __('There is no folder %s.', 'pressdav'), $path), ['status' => 404]);
        }
        $rows_below = (int) $wpdb->get_var($wpdb->prepare('SELECT COUNT(*) FROM ' . self::folders_table() . ' WHERE BINARY path LIKE BINARY %s',
            $wpdb->esc_like($path . '/') . '%'));
        if ($rows_below > 0 || self::attachments_at($path, true) !== []) {
            return new WP_Error('pressdav_not_empty', sprintf(/* translators: %s: a folder's path on the drive */ __('The folder %s is not empty.', 'pressdav'), $path), ['status' => 409]);
        }
        $wpdb->query($wpdb->prepare('DELETE FROM ' . self::folders_table() . ' WHERE path_hash = %s', hash('sha256', $path)));
        Pressdav_Change_Feed::record('media_folder', 0, 'deleted');
        return ['deleted' => true, 'path' => $path];
    }

    /** MOVE of a file: the attachment at a new drive path (a rename, or another folder); its file and URL stay. */
    public static function move_file(int $id, string $to)
    {
        $post = get_post($id);
        if (!$post || $post->post_type !== 'attachment') {
            return new WP_Error('rest_post_invalid_id', __('Invalid post ID.', 'pressdav'), ['status' => 404]);
        }
        if (!current_user_can('edit_post', $id)) {
            return new WP_Error('rest_cannot_edit', __('Sorry, you are not allowed to edit this post.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        $refused = self::refusal_at($to) ?? Pressdav_Upload_Rule::refusal(wp_basename($to));
        if ($refused) {
            return $refused;
        }
        self::place($id, $to);
        return ['id' => $id, 'path' => trim($to, '/')];
    }

    /** Upload routes of core REST (wp/v2/media) that name a drive path in X-Pressdav-Path: refused before the file is stored if it cannot go there. */
    public static function check_upload_path($response, $handler, WP_REST_Request $request)
    {
        $path = $request->get_header('x_pressdav_path');
        if ($path === null || !Pressdav_Upload_Rule::is_media_upload($request) || is_wp_error($response)) {
            return $response;
        }
        $path = rawurldecode($path);
        $names = self::parse($path);
        if (is_wp_error($names)) {
            return $names;
        }
        $refused = Pressdav_Upload_Rule::refusal(end($names));
        if ($refused) {
            return $refused;
        }
        self::$drive_upload = true;
        return self::refusal_at($path) ?? $response;
    }

    /** An attachment placed at a drive path refusal_at has let through (a move, a restore from the trash). */
    public static function place(int $id, string $path): void
    {
        update_post_meta($id, self::PATH_META, trim($path, '/'));
        Pressdav_Change_Feed::record('attachment', $id, 'moved');
    }

    /** Only a path check_upload_path let through is kept: a request that went around it names no place. */
    public static function place_upload(WP_Post $attachment, WP_REST_Request $request, bool $creating): void
    {
        $path = $request->get_header('x_pressdav_path');
        if ($creating && $path !== null && self::$drive_upload) {
            update_post_meta($attachment->ID, self::PATH_META, trim(rawurldecode($path), '/'));
        }
    }

    /**
     * PUT on an existing file: new bytes for the attachment, which keeps its id, URL, title, alt
     * text and caption. The bytes are written beside the file and renamed over it (so a failed
     * write leaves the old file whole); the sizes are made again from it, and only then are the old
     * sizes that are no longer used removed.
     */
    public static function replace_file(int $id, string $incoming)
    {
        global $wpdb;
        $post = get_post($id);
        if (!$post || $post->post_type !== 'attachment') {
            return new WP_Error('rest_post_invalid_id', __('Invalid post ID.', 'pressdav'), ['status' => 404]);
        }
        if (!current_user_can('edit_post', $id)) {
            return new WP_Error('rest_cannot_edit', __('Sorry, you are not allowed to edit this post.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        $attached = get_attached_file($id, true);
        $original = wp_attachment_is_image($id) ? (wp_get_original_image_path($id) ?: $attached) : $attached;
        if (!$original || !is_dir(dirname($original))) {
            return new WP_Error('pressdav_no_file', __('This attachment has no file to replace.', 'pressdav'), ['status' => 409]);
        }
        // The name on disk stays: bytes of a kind this user may not store go nowhere under it.
        $refused = Pressdav_Upload_Rule::refusal(wp_basename($original));
        if ($refused) {
            return $refused;
        }
        $checked = wp_check_filetype_and_ext($incoming, wp_basename($original));
        if ((empty($checked['ext']) || empty($checked['type'])) && !current_user_can('unfiltered_upload')) {
            return new WP_Error('rest_upload_sideload_error', __('Sorry, you are not allowed to upload this file type.', 'pressdav'), ['status' => 415]);
        }
        $dir = dirname($original);
        $old_meta = wp_get_attachment_metadata($id) ?: [];
        $old_files = self::files_of($dir, $old_meta, $attached, $original);
        $beside = $dir . '/.pressdav-replace-' . wp_generate_password(12, false);
        if (!@copy($incoming, $beside) || !@rename($beside, $original)) {
            @unlink($beside);
            return new WP_Error('pressdav_write_failed', __('The new bytes could not be written; the old file is untouched.', 'pressdav'), ['status' => 500]);
        }
        if ($original !== $attached) {
            update_attached_file($id, $original);
        }
        require_once ABSPATH . 'wp-admin/includes/image.php';
        $meta = wp_generate_attachment_metadata($id, $original);
        wp_update_attachment_metadata($id, $meta);
        $now = get_attached_file($id, true);
        foreach (array_diff($old_files, self::files_of($dir, $meta, $now, $original)) as $stale) {
            wp_delete_file_from_directory($stale, $dir);
        }
        $wpdb->update($wpdb->posts, ['post_modified' => current_time('mysql'), 'post_modified_gmt' => current_time('mysql', true),
            'post_mime_type' => $checked['type'] ?: $post->post_mime_type], ['ID' => $id]);
        clean_post_cache($id);
        Pressdav_Change_Feed::record('attachment', $id, 'replaced');
        return ['id' => $id, 'size' => filesize($now)];
    }

    /** The files of an attachment on disk: the main one, the original of a scaled image, every size. */
    private static function files_of(string $dir, array $meta, string $attached, string $original): array
    {
        $files = [$attached, $original];
        foreach ($meta['sizes'] ?? [] as $size) {
            if (!empty($size['file'])) {
                $files[] = $dir . '/' . $size['file'];
            }
        }
        return array_values(array_unique($files));
    }
}
