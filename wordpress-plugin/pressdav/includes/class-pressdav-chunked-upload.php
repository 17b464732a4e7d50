<?php
/**
 * Uploads larger than PHP lets one request carry: an upload is opened (its drive path, or the
 * attachment whose bytes it replaces, and its size), its chunks are sent one request each and
 * each stored as its own piece (a chunk sent twice replaces its piece, never appends), then it is
 * finished: the pieces are joined on disk, never in memory, and become the attachment. Pieces
 * live outside the web root's reach (a folder of wp-content that denies every request), belong to
 * the user who opened the upload, and are removed when it finishes or is aborted, or after a day.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Chunked_Upload
{
    public const EXPIRY_HOOK = 'pressdav_expire_uploads';
    private const MAX_AGE = DAY_IN_SECONDS;

    public static function listen(): void
    {
        add_action(self::EXPIRY_HOOK, [self::class, 'expire']);
        if (!wp_next_scheduled(self::EXPIRY_HOOK)) {
            wp_schedule_event(time() + HOUR_IN_SECONDS, 'hourly', self::EXPIRY_HOOK);
        }
    }

    /** The largest chunk this PHP takes: under post_max_size and upload_max_filesize, and a small part of memory_limit (WordPress reads a body whole). */
    public static function max_chunk(): int
    {
        $limits = [wp_convert_hr_to_bytes(ini_get('post_max_size')), wp_convert_hr_to_bytes(ini_get('upload_max_filesize')), 8 * MB_IN_BYTES];
        $memory = wp_convert_hr_to_bytes(ini_get('memory_limit'));
        if ($memory > 0) {
            $limits[] = intdiv($memory, 8);
        }
        $limits = array_filter($limits, static fn($limit) => $limit > 0);
        return max(64 * KB_IN_BYTES, min($limits) - 64 * KB_IN_BYTES);
    }

    private static function root(): string
    {
        $root = WP_CONTENT_DIR . '/pressdav-uploads';
        if (!is_dir($root)) {
            wp_mkdir_p($root);
            // Never served, whatever the web server: Apache reads this, and nothing here has a name a server runs.
            file_put_contents($root . '/.htaccess', "Require all denied\nDeny from all\n");
            file_put_contents($root . '/index.php', "<?php\n// Silence is golden.\n");
        }
        return $root;
    }

    private static function dir(string $id): string
    {
        return self::root() . '/' . $id;
    }

    /** The open upload of this id, if it is this user's. */
    private static function session(string $id)
    {
        if (!preg_match('/^[a-f0-9]{32}$/', $id) || !is_file(self::dir($id) . '/upload.json')) {
            return new WP_Error('pressdav_no_upload', 'There is no such upload; it may have expired.', ['status' => 404]);
        }
        $session = json_decode((string) file_get_contents(self::dir($id) . '/upload.json'), true);
        if (!is_array($session) || (int) $session['user'] !== get_current_user_id()) {
            return new WP_Error('pressdav_no_upload', 'There is no such upload; it may have expired.', ['status' => 404]);
        }
        return $session;
    }

    /** Opens an upload of $size bytes: a new file at a drive path, or new bytes for an attachment. */
    public static function open(string $name, int $size, ?string $path, int $replace)
    {
        if ($replace > 0 ? !current_user_can('edit_post', $replace) : !current_user_can('upload_files')) {
            return new WP_Error('rest_cannot_create', 'Sorry, you are not allowed to upload files.', ['status' => rest_authorization_required_code()]);
        }
        if ($path !== null) {
            $names = Pressdav_Media_Drive::parse($path);
            if (is_wp_error($names)) {
                return $names;
            }
            $refused = Pressdav_Upload_Rule::refusal(end($names)) ?? Pressdav_Media_Drive::refusal_at($path);
            if ($refused) {
                return $refused;
            }
        }
        // A new file's name, checked before a piece is stored (a replace keeps the name on disk, checked when it finishes).
        $refused = $replace > 0 ? null : Pressdav_Upload_Rule::refusal($name);
        if ($refused) {
            return $refused;
        }
        self::expire();
        $id = bin2hex(random_bytes(16));
        $session = wp_json_encode(['user' => get_current_user_id(), 'name' => Pressdav_Upload_Rule::written($name), 'size' => $size, 'path' => $path,
            'replace' => $replace, 'opened' => time()]);
        if (!wp_mkdir_p(self::dir($id)) || file_put_contents(self::dir($id) . '/upload.json', $session) === false) {
            return new WP_Error('pressdav_cannot_store', 'The upload cannot be stored: ' . self::root() . ' is not writable by the web server.',
                ['status' => 500]);
        }
        return ['id' => $id, 'max_chunk' => self::max_chunk()];
    }

    /** Chunk $index (from 0): its own piece, written beside and renamed into place, so a retry replaces it. */
    public static function chunk(string $id, int $index, string $bytes)
    {
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        if (strlen($bytes) > self::max_chunk()) {
            return new WP_Error('pressdav_chunk_too_large', 'A chunk may have at most ' . self::max_chunk() . ' bytes.', ['status' => 413]);
        }
        $piece = self::dir($id) . '/' . $index . '.piece';
        $beside = $piece . '.' . wp_generate_password(8, false);
        if (file_put_contents($beside, $bytes) !== strlen($bytes) || !rename($beside, $piece)) {
            @unlink($beside);
            return new WP_Error('pressdav_write_failed', 'The chunk could not be stored.', ['status' => 500]);
        }
        return ['id' => $id, 'index' => $index, 'size' => strlen($bytes)];
    }

    /** Joins the pieces on disk and makes them the attachment (new, or the replaced one's new bytes); the pieces go either way. */
    public static function finish(string $id, int $chunks)
    {
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        require_once ABSPATH . 'wp-admin/includes/file.php';
        require_once ABSPATH . 'wp-admin/includes/media.php';
        require_once ABSPATH . 'wp-admin/includes/image.php';
        $joined = wp_tempnam($session['name']);
        try {
            $out = fopen($joined, 'wb');
            for ($i = 0; $i < $chunks; $i++) {
                $piece = self::dir($id) . '/' . $i . '.piece';
                $in = is_file($piece) ? fopen($piece, 'rb') : false;
                if ($in === false) {
                    fclose($out);
                    return new WP_Error('pressdav_missing_chunk', 'Chunk ' . $i . ' never arrived; send it and finish again.', ['status' => 409]);
                }
                stream_copy_to_stream($in, $out);
                fclose($in);
            }
            fclose($out);
            clearstatcache();
            if (filesize($joined) !== (int) $session['size']) {
                return new WP_Error('pressdav_size_mismatch', sprintf('The chunks hold %d bytes, not the %d announced.', filesize($joined), $session['size']),
                    ['status' => 409]);
            }
            if ((int) $session['replace'] > 0) {
                $result = Pressdav_Media_Drive::replace_file((int) $session['replace'], $joined);
            } else {
                $result = self::attach($session, $joined);
            }
            if (!is_wp_error($result)) {
                self::remove(self::dir($id));
            }
            return $result;
        } finally {
            @unlink($joined);
        }
    }

    /** The joined file as a new attachment at its drive path, as core REST's upload makes one. */
    private static function attach(array $session, string $joined)
    {
        if ($session['path'] !== null) {
            $refused = Pressdav_Media_Drive::refusal_at($session['path']);
            if ($refused) {
                return $refused;
            }
            Pressdav_Media_Drive::uploading_to_drive();
        }
        $file = ['name' => $session['name'], 'tmp_name' => $joined, 'size' => filesize($joined)];
        $id = media_handle_sideload($file, 0);
        if (is_wp_error($id)) {
            $id->add_data(['status' => 415]);
            return $id;
        }
        if ($session['path'] !== null) {
            update_post_meta($id, Pressdav_Media_Drive::PATH_META, trim($session['path'], '/'));
        }
        return ['id' => $id];
    }

    public static function abort(string $id)
    {
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        self::remove(self::dir($id));
        return ['aborted' => true];
    }

    /** Removes uploads left open longer than a day. */
    public static function expire(): void
    {
        foreach (glob(self::root() . '/*', GLOB_ONLYDIR) ?: [] as $dir) {
            $meta = $dir . '/upload.json';
            $opened = is_file($meta) ? (int) (json_decode((string) file_get_contents($meta), true)['opened'] ?? 0) : (int) filemtime($dir);
            if ($opened < time() - self::MAX_AGE) {
                self::remove($dir);
            }
        }
    }

    private static function remove(string $dir): void
    {
        foreach (glob($dir . '/*') ?: [] as $file) {
            @unlink($file);
        }
        @rmdir($dir);
    }
}
