<?php
/**
 * What may be stored in the uploads folder, decided in this one place for every way a name reaches
 * the disk: core REST uploads (the drive's PUT, COPY, a temporary file moved to a new name, the
 * browser form), chunked uploads, wp-admin's uploader, wp_upload_bits, and the drive's renames.
 *
 * The rule looks at the name as given AND at the name WordPress will write (sanitize_file_name strips
 * ; ' # $ ( ) ! + [ ] = , and ’, maps ĥ to h and a no-break space to a space, trims a trailing - or
 * _: x.php- is written as x.php), and at every extension in each, since Apache's mod_mime runs
 * x.php.jpg as PHP where a handler is added by extension. What a web server runs (PHP, CGI, SSI)
 * or reads as its configuration is refused to everyone, administrators too; what a browser renders
 * as a document with script on the site's origin (HTML, SVG, XML, JavaScript) only to those who may
 * already publish script (unfiltered_html, or unfiltered_upload), as WordPress core does.
 *
 * With the any-file option, a file WordPress would refuse is stored for such a user only under a name
 * ending in .bin, which web servers serve as application/octet-stream: a type the server does not know
 * gets no Content-Type from Apache, and browsers then sniff HTML in it.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Pressdav_Upload_Rule
{
    /** Run by a web server (PHP, CGI, SSI, ASP, JSP, ColdFusion, type maps, send-as-is), in any position of a name, for anyone. */
    private const RUN = ['php', 'php2', 'php3', 'php4', 'php5', 'php6', 'php7', 'php8', 'phtml', 'phtm', 'pht', 'phps', 'phar', 'pgif', 'inc',
        'hphp', 'ctp', 'module', 'cgi', 'fcgi', 'pl', 'py', 'pyc', 'pyo', 'rb', 'sh', 'bash', 'ksh', 'csh', 'zsh', 'asp', 'aspx', 'ascx', 'ashx',
        'asmx', 'asa', 'axd', 'cer', 'cdx', 'jsp', 'jspx', 'jspf', 'jsw', 'jsv', 'jhtml', 'shtml', 'shtm', 'stm', 'cfm', 'cfml', 'cfc', 'lasso',
        'var', 'asis', 'htaccess', 'htpasswd'];

    /** Files a web server reads as its configuration, whole names (compared without dots, case or separators). */
    private const CONFIG = ['htaccess', 'htpasswd', 'htgroup', 'htdigest', 'userini', 'phpini', 'webconfig'];

    /** Rendered by a browser as a document that runs script on the site's origin, or run by one: only for those who may publish script. */
    private const RENDER = ['html', 'htm', 'xhtml', 'xhtm', 'xht', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'xslt', 'xsd', 'rss', 'atom',
        'rdf', 'mml', 'xul', 'dfxp', 'ttml', 'js', 'mjs', 'swf'];

    public const BIN = 'bin';

    /**
     * Bytes kept free in a name on disk for what WordPress adds to it: a number to make it unique
     * (-12), -scaled, a size (-1536x1536), an edit's -e1700000000000, .bin; a file system takes 255.
     */
    private const ROOM_ON_DISK = 48;
    /** Characters kept free in a file's URL, which WordPress stores in the 255 characters of its guid: -12, .bin. */
    private const ROOM_IN_URL = 10;

    public static function listen(): void
    {
        add_filter('rest_request_before_callbacks', [self::class, 'check_rest_upload'], 5, 3);
        add_filter('wp_handle_upload_prefilter', [self::class, 'check_upload'], 20);
        add_filter('wp_handle_sideload_prefilter', [self::class, 'check_upload'], 20);
        add_filter('wp_check_filetype_and_ext', [self::class, 'allow_any_file'], 20, 4);
        add_filter('wp_unique_filename', [self::class, 'inert_if_refused'], 10, 3);
        add_filter('wp_upload_bits', [self::class, 'check_upload_bits']);
    }

    /**
     * Why a file of this name is not stored for the current user, or null: 415 with a message that
     * says why. $name is the name on the drive or in the upload; the rule also looks at the name
     * WordPress will write for it.
     */
    public static function refusal(string $name): ?WP_Error
    {
        $written = self::written($name);
        foreach (array_unique([$name, $written]) as $candidate) {
            if (self::is_config($candidate)) {
                return self::refused($name, $written, __('a web server reads a file of that name as its configuration', 'pressdav'));
            }
            foreach (self::extensions($candidate) as $extension) {
                if (in_array($extension, self::RUN, true)) {
                    return self::refused($name, $written, sprintf(/* translators: %s: an extension such as php */ __('a web server could run a file with .%s in its name', 'pressdav'), $extension));
                }
                if (in_array($extension, self::RENDER, true) && !self::may_publish_script()) {
                    return self::refused($name, $written, sprintf(/* translators: %s: an extension such as svg */ __('a browser runs the script in a .%s file on the site\'s own address, which needs the right to publish unfiltered HTML', 'pressdav'), $extension));
                }
            }
        }
        return null;
    }

    /** The name WordPress writes for $name (before a number is added to make it unique): sanitize_file_name, shortened to fit. */
    public static function written(string $name): string
    {
        return self::fit(sanitize_file_name($name));
    }

    /**
     * A name short enough for the disk and for the file's URL in WordPress's guid column: the part
     * before the extension is cut (at a character's boundary), the extension kept. A longer name
     * would be written and then fail to become an attachment, leaving a file WordPress does not know.
     */
    private static function fit(string $name): string
    {
        $max_bytes = 255 - self::ROOM_ON_DISK;
        $max_chars = 255 - self::ROOM_IN_URL - mb_strlen(wp_upload_dir(null, false)['url'] . '/');
        if (strlen($name) <= $max_bytes && mb_strlen($name) <= $max_chars) {
            return $name;
        }
        $dot = strrpos($name, '.');
        $ext = $dot === false || $dot === 0 || strlen($name) - $dot > 16 ? '' : substr($name, $dot);
        $base = substr($name, 0, strlen($name) - strlen($ext));
        $base = substr($base, 0, max(1, $max_bytes - strlen($ext)));
        while ($base !== '' && !preg_match('//u', $base)) {
            $base = substr($base, 0, -1); // a character cut in two
        }
        $base = mb_substr($base, 0, max(1, $max_chars - mb_strlen($ext)));
        return rtrim($base, '.-_ ') . $ext;
    }

    private static function refused(string $name, string $written, string $why): WP_Error
    {
        $as = $written === $name ? '' : sprintf(/* translators: %s: a file name */ __(' (WordPress would write it as %s)', 'pressdav'), $written);
        return new WP_Error('pressdav_not_stored', sprintf(/* translators: 1: a file name, 2: how WordPress would write it, 3: why */ __('%1$s is not stored%2$s: %3$s.', 'pressdav'), $name, $as, $why), ['status' => 415]);
    }

    /** Whether the current user may store what a browser runs as script: who may already publish it (or upload anything). */
    public static function may_publish_script(): bool
    {
        return current_user_can('unfiltered_html') || current_user_can('unfiltered_upload');
    }

    /**
     * Every extension of a name (all parts after the first dot), each also as a server or file
     * system could read it: lower case, accents and compatibility forms (fullwidth letters) folded,
     * anything but a letter or digit dropped. x.p(h)p, x.PHP and x.ｐｈｐ all yield php.
     *
     * @return list<string>
     */
    private static function extensions(string $name): array
    {
        $parts = explode('.', $name);
        array_shift($parts);
        $found = [];
        foreach ($parts as $part) {
            $found[] = strtolower($part);
            $found[] = self::skeleton($part);
        }
        return array_values(array_unique(array_filter($found, static fn($part) => $part !== '')));
    }

    private static function skeleton(string $text): string
    {
        if (class_exists('Normalizer')) {
            $text = (string) Normalizer::normalize($text, Normalizer::FORM_KC);
        }
        return strtolower((string) preg_replace('/[^a-z0-9]/i', '', remove_accents($text)));
    }

    private static function is_config(string $name): bool
    {
        return in_array(self::skeleton($name), self::CONFIG, true);
    }

    /** Whether $request uploads to core REST's media route, which WordPress matches whatever the case of its letters (wp/v2/MEDIA). */
    public static function is_media_upload(WP_REST_Request $request): bool
    {
        return strtoupper($request->get_method()) === 'POST' && strtolower(untrailingslashit($request->get_route())) === '/wp/v2/media';
    }

    /** rest_request_before_callbacks: an upload to core REST (the drive's, or anyone's) is refused before anything is written; a long name is shortened for the disk. */
    public static function check_rest_upload($response, $handler, WP_REST_Request $request)
    {
        if (!self::is_media_upload($request) || is_wp_error($response)) {
            return $response;
        }
        $files = $request->get_file_params();
        if (!empty($files['file']['name'])) {
            return self::refusal((string) $files['file']['name']) ?? $response;
        }
        $disposition = $request->get_header_as_array('content_disposition');
        $name = $disposition ? WP_REST_Attachments_Controller::get_filename_from_disposition($disposition) : null;
        if ($name === null || $name === '') {
            return $response;
        }
        $refused = self::refusal($name);
        if ($refused) {
            return $refused;
        }
        // WordPress writes the body to a temporary file named after this name before anything else:
        // the name it will write, already short enough, goes there too (the drive keeps the long one).
        $written = self::written($name);
        if ($written !== $name) {
            $request->set_header('content_disposition', 'attachment; filename="' . $written . '"');
        }
        return $response;
    }

    /** wp_handle_upload_prefilter, wp_handle_sideload_prefilter: every upload WordPress handles, wp-admin's too. */
    public static function check_upload(array $file): array
    {
        if (!empty($file['error']) || !isset($file['name'])) {
            return $file;
        }
        $refused = self::refusal((string) $file['name']);
        if ($refused) {
            $file['error'] = $refused->get_error_message();
            return $file;
        }
        $file['name'] = self::written((string) $file['name']);
        return $file;
    }

    /**
     * wp_unique_filename: the very name about to be written, whatever came before (another plugin's
     * filter, a path this rule did not foresee). WordPress cannot be stopped here, so a name the rule
     * refuses is written as one that cannot run: its dots made dashes, and .bin (x.php is x-php.bin).
     */
    public static function inert_if_refused(string $filename, string $ext, string $dir): string
    {
        if (!self::refusal($filename)) {
            return $filename;
        }
        $inert = str_replace('.', '-', ltrim($filename, '.')) . '.' . self::BIN;
        return wp_unique_filename($dir, $inert);
    }

    /** wp_upload_bits (XML-RPC's newMediaObject, other plugins): a refused name is an error string, and nothing is written. */
    public static function check_upload_bits(array $upload)
    {
        $refused = isset($upload['name']) ? self::refusal((string) $upload['name']) : null;
        return $refused ? $refused->get_error_message() : $upload;
    }

    /**
     * With the site option pressdav_any_file on, a file WordPress would refuse for its type is stored
     * anyway, as application/octet-stream; for a user who may not publish script, under its name with
     * .bin added (the drive keeps the name), so that no web server guesses a type for it.
     */
    public static function allow_any_file($data, $file, $filename, $mimes)
    {
        if (!get_option(Pressdav_Media_Drive::ANY_FILE_OPTION) || self::refusal((string) $filename)) {
            return $data;
        }
        if (!empty($data['ext']) && !empty($data['type'])) {
            return $data;
        }
        $name = (string) (($data['proper_filename'] ?? false) ?: $filename);
        $dot = strrpos($name, '.');
        $ext = $dot === false || $dot === 0 ? '' : strtolower(substr($name, $dot + 1));
        if ($ext !== self::BIN && (!self::may_publish_script() || $ext === '' || $ext === '0')) {
            // WordPress refuses a falsy extension: "0" (foo.0) is one in PHP.
            return ['ext' => self::BIN, 'type' => 'application/octet-stream', 'proper_filename' => $name . '.' . self::BIN];
        }
        return ['ext' => $ext, 'type' => 'application/octet-stream', 'proper_filename' => false];
    }
}
