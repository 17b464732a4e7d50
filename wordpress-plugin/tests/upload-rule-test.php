<?php
/**
 * What may be stored (Pressdav_Upload_Rule), tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): a table of names, each refused or stored for an author (who may
 * not publish script) and an administrator, through the rule itself and through a real core REST
 * upload, a rename on the drive and the opening of a chunked upload, with the uploads folder
 * listed before and after to show that a refused name leaves nothing on disk, and that what is
 * stored is written under a name no web server runs.
 */
require __DIR__ . '/check.php';

$admin = get_user_by('login', 'admin')->ID;
$author = get_user_by('login', 'ana author')->ID;
$root = 'upload-rule-test-' . wp_generate_password(6, false);
$any_file_before = get_option(Pressdav_Media_Drive::ANY_FILE_OPTION);
update_option(Pressdav_Media_Drive::ANY_FILE_OPTION, '1');
rest('POST', '/pressdav/v1/media-folders', ['path' => $root], $admin);

const NEVER = 'never';      // refused to everyone
const SCRIPT = 'script';    // refused to the author, stored for the administrator
const STORED = 'stored';    // stored for both

$nbsp = "\u{00A0}";
$names = [
    // Item 1 of issue 16: WordPress cleans each of these to x.php on disk.
    'x.php-' => NEVER, 'x.php_' => NEVER, 'x.ph;p' => NEVER, "x.p'hp" => NEVER, 'x.php#' => NEVER, 'x.ph$p' => NEVER, 'x.p(h)p' => NEVER,
    'x.php!' => NEVER, 'x.php+' => NEVER, 'x.pĥp' => NEVER, "x.php$nbsp" => NEVER, 'x.php’' => NEVER, 'x.php[]' => NEVER, 'x.ph=p' => NEVER,
    'x.php,' => NEVER, 'x.php~' => NEVER, 'x.php%' => NEVER, 'x.php`' => NEVER, 'x.php{}' => NEVER, 'x.php«»' => NEVER, 'x.php“”' => NEVER,
    'x.php&' => NEVER, 'x.php-_-' => NEVER, "x.php\t" => NEVER,
    // PHP and CGI in any position, any case, with what file systems and servers fold away.
    'x.php' => NEVER, 'X.PHP' => NEVER, 'x.pHp5' => NEVER, 'x.php7' => NEVER, 'x.phtml' => NEVER, 'x.phar' => NEVER, 'x.pht' => NEVER,
    'x.phps' => NEVER, 'x.php.jpg' => NEVER, 'x.jpg.php' => NEVER, 'x.php.txt' => NEVER, 'x.PhP.JpG' => NEVER, '.php' => NEVER,
    'x.php.' => NEVER, 'x.php ' => NEVER, 'x.php..' => NEVER, 'x.ｐｈｐ' => NEVER, 'x.pl' => NEVER, 'x.py' => NEVER, 'x.cgi' => NEVER,
    'x.sh' => NEVER, 'x.asp' => NEVER, 'x.aspx' => NEVER, 'x.jsp' => NEVER, 'x.shtml' => NEVER, 'x.cfm' => NEVER, 'x.cgi.png' => NEVER,
    'x.var' => NEVER, 'x.asis' => NEVER, 'x.inc' => NEVER,
    // Server configuration.
    '.htaccess' => NEVER, '.HTACCESS' => NEVER, 'htaccess' => NEVER, '.htaccess-' => NEVER, '.htpasswd' => NEVER, '.user.ini' => NEVER,
    'web.config' => NEVER, 'Web.Config' => NEVER, 'php.ini' => NEVER, 'x.htaccess' => NEVER,
    // Rendered with script on the site's origin.
    'e.html' => SCRIPT, 'e.htm' => SCRIPT, 'e.HTML' => SCRIPT, 'e.html-' => SCRIPT, 'e.xhtml' => SCRIPT, 'e.xht' => SCRIPT, 'e.mht' => SCRIPT,
    'e.svg' => SCRIPT, 'e.svgz' => SCRIPT, 'e.SVG' => SCRIPT, 'e.svg.png' => SCRIPT, 'e.s(v)g' => SCRIPT, 'e.xml' => SCRIPT, 'e.xsl' => SCRIPT,
    'e.xslt' => SCRIPT, 'html' => SCRIPT, 'js' => SCRIPT, 'e.js' => SCRIPT, 'e.mjs' => SCRIPT, 'e.rss' => SCRIPT, 'e.dfxp' => SCRIPT, 'e.html.txt' => SCRIPT,
    // Stored: ordinary names, and confusables that no server reads as php (Cyrillic р, һ).
    'photo.jpg' => STORED, 'notes.txt' => STORED, 'report.v1.2.pdf' => STORED, 'archive.tar.gz' => STORED, 'manual.es.pdf' => STORED,
    'data.weird' => STORED, 'README' => STORED, 'x.рһр' => STORED, 'phpinfo.txt' => STORED, 'php.jpg' => STORED, 'style.css' => STORED,
    'Ünïcödé naïve.txt' => STORED, 'x.phpx' => STORED,
];

function upload_as(int $user, string $path, string $name, string $bytes)
{
    return rest('POST', '/wp/v2/media', [], $user, $bytes, [
        'content_type' => 'application/octet-stream',
        'content_disposition' => 'attachment; filename="' . $name . '"',
        'x_pressdav_path' => rawurlencode($path),
    ]);
}

function uploads_listing(): array
{
    $dir = wp_upload_dir(null, false)['path'];
    return is_dir($dir) ? array_values(array_diff(scandir($dir), ['.', '..'])) : [];
}

/** Whether a name on disk is one a web server runs or renders (the rule's own verdict, for the administrator's files too). */
function active_on_disk(string $file): bool
{
    return (bool) preg_match('/\.(php\d?|phtml|phar|pht|phps|cgi|pl|py|sh|aspx?|jsp|shtml|html?|xhtml|svgz?|xml|xslt?|js)(\.|$)/i', $file)
        || in_array(strtolower($file), ['.htaccess', '.user.ini', 'web.config', '.htpasswd', 'php.ini'], true);
}

$stored = [];
$payload = '<?php echo 7*191; ?><html><script>alert(1)</script></html>';
foreach ($names as $name => $expected) {
    $shown = json_encode($name, JSON_UNESCAPED_UNICODE);
    foreach (['author' => $author, 'admin' => $admin] as $role => $user) {
        wp_set_current_user($user);
        $refused = $expected === NEVER || ($expected === SCRIPT && $role === 'author');
        $verdict = Pressdav_Upload_Rule::refusal($name);
        check("the rule " . ($refused ? 'refuses' : 'allows') . " $shown for the $role", ($verdict !== null) === $refused,
            $verdict ? $verdict->get_error_message() : 'allowed');
        $before = uploads_listing();
        // The drive path names the file too where the drive takes that name (not a trailing dot, space or tab: 400 before WordPress).
        $drive = is_wp_error(Pressdav_Media_Drive::parse($name)) ? 'unnamed-' . md5($name) : $name;
        $made = upload_as($user, "$root/$role-" . count($stored) . '-' . $drive, $name, $payload);
        $after = uploads_listing();
        $new = array_values(array_diff($after, $before));
        if ($refused) {
            check("an upload of $shown by the $role is 415 and writes nothing", $made->get_status() === 415 && $new === [],
                $made->get_status() . ' ' . json_encode($new));
        } else {
            $id = (int) ($made->get_data()['id'] ?? 0);
            $stored[] = $id;
            $file = $id ? wp_basename(get_attached_file($id)) : '';
            $may_be_active = $role === 'admin' && $expected === SCRIPT;
            check("an upload of $shown by the $role is stored" . ($may_be_active ? '' : " under a name no server runs ($file)"), $made->get_status() === 201
                && ($may_be_active || !active_on_disk($file)) && count($new) === 1, $made->get_status() . ' ' . json_encode($made->get_data()));
        }
        if ($expected !== STORED) {
            $chunked = rest('POST', '/pressdav/v1/uploads', ['name' => $name, 'size' => 5, 'path' => "$root/chunk-$role-" . md5($name)], $user);
            if ($refused) {
                check("a chunked upload of $shown by the $role is refused when it opens (415)", $chunked->get_status() === 415, (string) $chunked->get_status());
            }
            if ($chunked->get_status() === 200) {
                rest('DELETE', '/pressdav/v1/uploads/' . $chunked->get_data()['id'], [], $user);
            }
        }
    }
}

// A rename on the drive obeys the same rule (issue 16, item 16: MOVE made x2.php where PUT and COPY were refused).
$plain = (int) upload_as($author, "$root/plain.txt", 'plain.txt', 'words')->get_data()['id'];
$stored[] = $plain;
foreach (['x2.php', 'x2.php-', 'x2.pĥp', '.htaccess', 'e2.html', 'e2.svg'] as $name) {
    $moved = rest('POST', "/pressdav/v1/media/$plain/move", ['path' => "$root/$name"], $author);
    check('a rename of the author\'s file to ' . json_encode($name, JSON_UNESCAPED_UNICODE) . ' is 415 and keeps its name', $moved->get_status() === 415
        && get_post_meta($plain, Pressdav_Media_Drive::PATH_META, true) === "$root/plain.txt", (string) $moved->get_status());
}
check('a rename to an ordinary name still works', rest('POST', "/pressdav/v1/media/$plain/move", ['path' => "$root/renamed.txt"], $author)->get_status() === 200);

// A type WordPress does not know is stored for the author, but under .bin on disk, which servers serve as a download.
wp_set_current_user($author);
$weird = upload_as($author, "$root/sniff.weird", 'sniff.weird', '<html><script>alert(1)</script></html>');
$weird_id = (int) ($weird->get_data()['id'] ?? 0);
$stored[] = $weird_id;
check('an author\'s file of a type WordPress does not know ends in .bin on disk', $weird->get_status() === 201
    && str_ends_with(get_attached_file($weird_id), '.bin') && get_post_meta($weird_id, Pressdav_Media_Drive::PATH_META, true) === "$root/sniff.weird",
    json_encode($weird->get_data()));

// Long names: up to 255 bytes work (the drive keeps the name, the disk a shorter one); nothing is left behind.
foreach ([200, 234, 240, 244, 249, 255] as $bytes) {
    // 日 is three bytes that WordPress keeps (it folds é to e): a cut must not split one.
    $long = str_repeat('日', intdiv($bytes - 4, 3)) . str_repeat('a', ($bytes - 4) % 3) . '.txt';
    $before = uploads_listing();
    $made = upload_as($author, "$root/$long", $long, 'long');
    $id = (int) ($made->get_data()['id'] ?? 0);
    $stored[] = $id;
    $file = $id ? get_attached_file($id) : '';
    check(strlen($long) . '-byte name: stored, the drive keeps it, the disk a name that fits', $made->get_status() === 201
        && get_post_meta($id, Pressdav_Media_Drive::PATH_META, true) === "$root/$long" && strlen(wp_basename($file)) <= 207 && preg_match('//u', wp_basename($file))
        && file_get_contents($file) === 'long' && count(array_diff(uploads_listing(), $before)) === 1,
        $made->get_status() . ' ' . json_encode($made->get_data()));
}
check('a name over 255 bytes is refused (400) before anything is written', upload_as($author, "$root/" . str_repeat('a', 252) . '.txt',
    str_repeat('a', 252) . '.txt', 'x')->get_status() === 400);

// Every other way WordPress writes a file: wp_upload_bits refuses, and the last wall (wp_unique_filename) writes a refused name inert.
foreach (['author' => $author, 'admin' => $admin] as $role => $user) {
    wp_set_current_user($user);
    $before = uploads_listing();
    $bits = wp_upload_bits('x.php-', null, '<?php echo 7*191;');
    check("wp_upload_bits refuses x.php- for the $role and writes nothing", !empty($bits['error']) && uploads_listing() === $before, json_encode($bits));
    $dir = wp_upload_dir()['path'];
    check("a refused name that reaches wp_unique_filename is written inert for the $role", wp_unique_filename($dir, 'x.php') === 'x-php.bin'
        && wp_unique_filename($dir, '.htaccess') === 'htaccess.bin' && wp_unique_filename($dir, "unseen-$root.txt") === "unseen-$root.txt",
        wp_unique_filename($dir, 'x.php') . ' ' . wp_unique_filename($dir, '.htaccess'));
}

// A REST upload that fails after WordPress wrote the file leaves no file behind.
$before = uploads_listing();
add_filter('wp_insert_attachment_data', $break = static function ($data) {
    $data['post_type'] = str_repeat('x', 100); // longer than its column: the insert fails
    return $data;
});
$not_attached = upload_as($author, "$root/fails.txt", 'fails.txt', 'bytes');
remove_filter('wp_insert_attachment_data', $break);
check('an upload whose attachment cannot be made leaves no file in uploads/', $not_attached->get_status() >= 400 && uploads_listing() === $before,
    $not_attached->get_status() . ' ' . json_encode(array_diff(uploads_listing(), $before)));

foreach ($stored as $id) {
    if ($id) {
        wp_delete_attachment($id, true);
    }
}
$folders = rest('GET', '/pressdav/v1/media-folders', [], $admin)->get_data()['folders'];
rsort($folders);
foreach ($folders as $folder) {
    if (str_starts_with($folder, $root)) {
        rest('DELETE', '/pressdav/v1/media-folders', ['path' => $folder], $admin);
    }
}
update_option(Pressdav_Media_Drive::ANY_FILE_OPTION, $any_file_before);
report('upload rule');
