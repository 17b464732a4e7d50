<?php
/**
 * Uploads larger than PHP lets one request carry: an upload is opened (its drive path, or the
 * attachment whose bytes it replaces, its size and the size of its chunks), its chunks are sent one
 * request each and each stored as its own piece (a chunk sent twice replaces its piece, never
 * appends), then it is finished: the pieces are joined on disk, never in memory, and become the
 * attachment. Pieces live outside the web root's reach (a folder of wp-content that denies every
 * request), belong to the user who opened the upload, and are removed when it finishes or is
 * aborted, or once nothing has been sent to it for a few minutes.
 *
 * Bounded: a chunk has exactly its size (the last one the rest), at an index the upload has, so
 * the pieces never hold more than the size announced; that size is at most the largest upload
 * this site takes, and a user keeps only so many uploads, of so many bytes, open at once.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Chunked_Upload
{
    public const EXPIRY_HOOK = 'pressdav_expire_uploads';
    private const EVERY_FIVE_MINUTES = 'pressdav_five_minutes';
    /** No chunk is smaller (but a whole upload may be): a chunk a byte would make a piece a byte, and a file of each. */
    private const MIN_CHUNK = 64 * KB_IN_BYTES;
    /** How often a request that sends a chunk also removes abandoned uploads: a stat of a marker file, no more, between. */
    private const SWEEP_EVERY = MINUTE_IN_SECONDS;

    public static function listen(): void
    {
        add_filter('cron_schedules', static function (array $schedules): array {
            $schedules[self::EVERY_FIVE_MINUTES] = ['interval' => 5 * MINUTE_IN_SECONDS, 'display' => __('Every five minutes', 'pressdav')];
            return $schedules;
        });
        add_action(self::EXPIRY_HOOK, [self::class, 'expire']);
    }

    /** On activation (and upgrade): the clean-up every five minutes, in place of any earlier schedule. */
    public static function schedule(): void
    {
        wp_clear_scheduled_hook(self::EXPIRY_HOOK);
        wp_schedule_event(time() + 5 * MINUTE_IN_SECONDS, self::EVERY_FIVE_MINUTES, self::EXPIRY_HOOK);
    }

    public static function unschedule(): void
    {
        wp_clear_scheduled_hook(self::EXPIRY_HOOK);
    }

    /** How long an upload nobody sends to is kept (PRESSDAV_UPLOAD_IDLE_SECONDS, filter pressdav_upload_idle_seconds; 10 minutes). */
    public static function idle_seconds(): int
    {
        $default = defined('PRESSDAV_UPLOAD_IDLE_SECONDS') ? (int) PRESSDAV_UPLOAD_IDLE_SECONDS : 10 * MINUTE_IN_SECONDS;
        return max(MINUTE_IN_SECONDS, (int) apply_filters('pressdav_upload_idle_seconds', $default));
    }

    /** The largest upload (PRESSDAV_MAX_UPLOAD_BYTES, filter pressdav_max_upload_bytes; 4 GiB). */
    public static function max_upload(): int
    {
        $default = defined('PRESSDAV_MAX_UPLOAD_BYTES') ? (int) PRESSDAV_MAX_UPLOAD_BYTES : 4 * GB_IN_BYTES;
        return (int) apply_filters('pressdav_max_upload_bytes', $default);
    }

    /** How many uploads, of how many bytes in all, one user may have open at once (filter pressdav_open_uploads_per_user; 10 and 8 GiB). */
    private static function per_user(): array
    {
        $limits = (array) apply_filters('pressdav_open_uploads_per_user', ['count' => 10, 'bytes' => 8 * GB_IN_BYTES]);
        return [(int) ($limits['count'] ?? 10), (int) ($limits['bytes'] ?? 8 * GB_IN_BYTES)];
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
        // Made once, with what keeps it unserved (a folder made by someone else, empty, gets it too).
        if (!is_file($root . '/.htaccess') && wp_mkdir_p($root) && wp_is_writable($root)) {
            // Never served, whatever the web server: Apache reads this, and nothing here has a name a server runs.
            file_put_contents($root . '/.htaccess', "Require all denied\nDeny from all\n");
            file_put_contents($root . '/index.php', "<?php\n// Silence is golden.\n");
        }
        return $root;
    }

    /**
     * Where an upload's pieces lie: a folder named by an HMAC of its id with the site's salt, so that
     * nobody, the uploader included, can point a browser at a piece (where the web server ignores
     * the folder's .htaccess, a piece of HTML would otherwise be served from the site's origin).
     */
    public static function dir(string $id): string
    {
        return self::root() . '/' . hash_hmac('sha256', $id, wp_salt('auth'));
    }

    /** The open upload of this id, if it is this user's. */
    private static function session(string $id)
    {
        $meta = self::dir($id) . '/upload.json';
        $session = preg_match('/^[a-f0-9]{32}$/', $id) && is_file($meta) ? json_decode((string) file_get_contents($meta), true) : null;
        if (!is_array($session) || (int) ($session['user'] ?? 0) !== get_current_user_id()) {
            return new WP_Error('pressdav_no_upload', __('There is no such upload; it may have expired.', 'pressdav'), ['status' => 404]);
        }
        $session['chunk'] = (int) ($session['chunk'] ?? self::max_chunk());
        return $session;
    }

    /** How many chunks an upload has: its size in chunks, the last one holding the rest. */
    private static function chunks_of(array $session): int
    {
        return intdiv((int) $session['size'] + $session['chunk'] - 1, $session['chunk']);
    }

    /**
     * Opens an upload of $size bytes sent in chunks of $chunk bytes (0: the largest this PHP takes):
     * a new file at a drive path, or new bytes for an attachment.
     */
    public static function open(string $name, int $size, ?string $path, int $replace, int $chunk = 0)
    {
        if ($replace > 0 ? !current_user_can('edit_post', $replace) : !current_user_can('upload_files')) {
            return new WP_Error('rest_cannot_create', __('Sorry, you are not allowed to upload files.', 'pressdav'), ['status' => rest_authorization_required_code()]);
        }
        $chunk = $chunk > 0 ? $chunk : self::max_chunk();
        $bounds = self::refusal_of_size($size, $chunk);
        if ($bounds) {
            return $bounds;
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
        // Counted and opened under one lock, or two uploads opened at once would each see room for one.
        return Pressdav_Named_Lock::holding('uploads-of-' . get_current_user_id(), static function () use ($name, $size, $path, $replace, $chunk) {
            $crowded = self::refusal_for_user($size);
            if ($crowded) {
                return $crowded;
            }
            $id = bin2hex(random_bytes(16));
            $session = wp_json_encode(['id' => $id, 'user' => get_current_user_id(), 'name' => Pressdav_Upload_Rule::written($name), 'size' => $size, 'chunk' => $chunk,
                'path' => $path, 'replace' => $replace, 'opened' => time()]);
            if (!wp_mkdir_p(self::dir($id)) || file_put_contents(self::dir($id) . '/upload.json', $session) === false) {
                return new WP_Error('pressdav_cannot_store', __('The upload cannot be stored: wp-content/pressdav-uploads is not writable by the web server.', 'pressdav'),
                    ['status' => 500]);
            }
            return ['id' => $id, 'max_chunk' => self::max_chunk(), 'chunk' => $chunk, 'chunks' => intdiv($size + $chunk - 1, $chunk)];
        });
    }

    /** Why an upload of $size bytes in chunks of $chunk cannot be opened at all, or null. */
    private static function refusal_of_size(int $size, int $chunk): ?WP_Error
    {
        if ($size > self::max_upload()) {
            return new WP_Error('pressdav_upload_too_large', sprintf(/* translators: 1: bytes announced, 2: the largest upload in bytes */
                __('An upload of %1$d bytes is larger than this site takes (%2$d bytes).', 'pressdav'), $size, self::max_upload()), ['status' => 413]);
        }
        if ($chunk > self::max_chunk() || ($chunk < self::MIN_CHUNK && $chunk < $size)) {
            return new WP_Error('pressdav_bad_chunk_size', sprintf(/* translators: 1: smallest chunk in bytes, 2: largest chunk in bytes */
                __('A chunk has %1$d to %2$d bytes (the only chunk of a smaller upload may be smaller).', 'pressdav'), self::MIN_CHUNK, self::max_chunk()),
                ['status' => 400]);
        }
        $free = function_exists('disk_free_space') ? @disk_free_space(self::root()) : false;
        if ($free !== false && $free < $size) {
            return new WP_Error('pressdav_no_space', __('There is not enough room on the site\'s disk for this upload.', 'pressdav'), ['status' => 507]);
        }
        return null;
    }

    /** Why this user may not open one more upload of $size bytes now, or null: too many open, or too many bytes. */
    private static function refusal_for_user(int $size): ?WP_Error
    {
        [$max_count, $max_bytes] = self::per_user();
        $count = 0;
        $bytes = 0;
        foreach (glob(self::root() . '/*/upload.json') ?: [] as $meta) {
            $session = json_decode((string) file_get_contents($meta), true);
            if (is_array($session) && (int) ($session['user'] ?? 0) === get_current_user_id()) {
                $count++;
                $bytes += (int) ($session['size'] ?? 0);
            }
        }
        if ($count >= $max_count) {
            return new WP_Error('pressdav_too_many_uploads', sprintf(/* translators: %d: how many uploads a user may have open */
                __('You already have %d uploads open: finish or abort one first.', 'pressdav'), $count), ['status' => 409]);
        }
        if ($bytes + $size > $max_bytes) {
            return new WP_Error('pressdav_uploads_too_large', sprintf(/* translators: 1: bytes of the user's open uploads, 2: the most they may hold */
                __('Your open uploads already hold %1$d bytes of at most %2$d: finish or abort one first.', 'pressdav'), $bytes, $max_bytes), ['status' => 507]);
        }
        return null;
    }

    /**
     * Chunk $index (from 0): its own piece, of exactly its size, written beside and renamed into
     * place, so a retry replaces it.
     */
    public static function chunk(string $id, int $index, string $bytes)
    {
        self::sweep();
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        $chunks = self::chunks_of($session);
        if ($index >= $chunks) {
            return new WP_Error('pressdav_no_such_chunk', sprintf(/* translators: 1: a chunk's index, 2: how many chunks the upload has */
                __('This upload has no chunk %1$d: its chunks are 0 to %2$d.', 'pressdav'), $index, $chunks - 1), ['status' => 400]);
        }
        $expected = $index === $chunks - 1 ? (int) $session['size'] - $index * $session['chunk'] : $session['chunk'];
        if (strlen($bytes) !== $expected) {
            return new WP_Error(strlen($bytes) > $expected ? 'pressdav_chunk_too_large' : 'pressdav_chunk_too_small', sprintf(
                /* translators: 1: a chunk's index, 2: bytes it must have, 3: bytes it has */
                __('Chunk %1$d must have exactly %2$d bytes, not %3$d.', 'pressdav'), $index, $expected, strlen($bytes)),
                ['status' => strlen($bytes) > $expected ? 413 : 400]);
        }
        $dir = self::dir($id);
        $piece = $dir . '/' . $index . '.piece';
        $beside = $piece . '.' . wp_generate_password(8, false);
        if (file_put_contents($beside, $bytes) !== strlen($bytes) || !rename($beside, $piece)) {
            @unlink($beside);
            return new WP_Error('pressdav_write_failed', __('The chunk could not be stored.', 'pressdav'), ['status' => 500]);
        }
        clearstatcache();
        if (!is_file($dir . '/upload.json')) {
            // Aborted or expired while this chunk was being written: it must not outlive its upload.
            self::remove($dir);
            return new WP_Error('pressdav_no_upload', __('There is no such upload; it may have expired.', 'pressdav'), ['status' => 404]);
        }
        // What the clean-up reads as the upload's last use.
        touch($dir . '/upload.json');
        return ['id' => $id, 'index' => $index, 'size' => strlen($bytes)];
    }

    /**
     * What an open upload holds: its size, chunk size and count, and the SHA-256 of each piece
     * stored so far (a piece still being written is not one yet). What lets another pressdav go on
     * with an upload the one that opened it could not finish: it sends only the chunks missing or
     * different, then finishes.
     */
    public static function status(string $id)
    {
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        $chunks = self::chunks_of($session);
        $pieces = [];
        foreach (glob(self::dir($id) . '/*.piece') ?: [] as $piece) {
            $index = (int) basename($piece, '.piece');
            $hash = $index < $chunks ? @hash_file('sha256', $piece) : false;
            if ($hash !== false) {
                $pieces[(string) $index] = $hash;
            }
        }
        // Asked about: in use, not abandoned while the asker goes on.
        touch(self::dir($id) . '/upload.json');
        return ['id' => $id, 'size' => (int) $session['size'], 'chunk' => $session['chunk'], 'chunks' => $chunks, 'pieces' => (object) $pieces];
    }

    /** Joins the pieces on disk and makes them the attachment (new, or the replaced one's new bytes); the pieces go either way. */
    public static function finish(string $id, int $chunks)
    {
        $session = self::session($id);
        if (is_wp_error($session)) {
            return $session;
        }
        if ($chunks !== self::chunks_of($session)) {
            return new WP_Error('pressdav_chunk_count', sprintf(/* translators: 1: chunks named, 2: chunks the upload has */
                __('This upload has %2$d chunks, not %1$d.', 'pressdav'), $chunks, self::chunks_of($session)), ['status' => 400]);
        }
        // In use: not abandoned while its pieces are joined.
        touch(self::dir($id) . '/upload.json');
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
                    return new WP_Error('pressdav_missing_chunk', sprintf(/* translators: %d: a chunk's index */
                        __('Chunk %d never arrived; send it and finish again.', 'pressdav'), $i), ['status' => 409]);
                }
                stream_copy_to_stream($in, $out);
                fclose($in);
            }
            fclose($out);
            clearstatcache();
            if (filesize($joined) !== (int) $session['size']) {
                return new WP_Error('pressdav_size_mismatch', sprintf(/* translators: 1: bytes received, 2: bytes announced */
                    __('The chunks hold %1$d bytes, not the %2$d announced.', 'pressdav'), filesize($joined), $session['size']),
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

    /** Removes every upload nothing was sent to for idle_seconds(): what a client that died or was cut off left behind. */
    public static function expire(): void
    {
        $oldest = time() - self::idle_seconds();
        clearstatcache();
        foreach (glob(self::root() . '/*', GLOB_ONLYDIR) ?: [] as $dir) {
            $meta = $dir . '/upload.json';
            $used = max((int) @filemtime($dir), is_file($meta) ? (int) @filemtime($meta) : 0);
            if ($used < $oldest) {
                self::remove($dir);
            }
        }
    }

    /** expire(), at most once a minute, from a request that sends a chunk: the clean-up runs even where WP-Cron waits for visitors. */
    private static function sweep(): void
    {
        $mark = self::root() . '/.swept';
        $last = @filemtime($mark);
        if ($last === false || $last < time() - self::SWEEP_EVERY) {
            @touch($mark);
            self::expire();
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
