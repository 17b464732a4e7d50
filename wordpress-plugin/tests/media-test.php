<?php
/**
 * The media library as a drive, tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): folders, uploads to a drive path, renames and moves that keep
 * the id and the URL, replacing bytes in place, the any-file option and what is never stored.
 */
require __DIR__ . '/check.php';

$admin = get_user_by('login', 'admin')->ID;
$author = get_user_by('login', 'ana author')->ID;
$subscriber = get_user_by('login', 'subscriber')->ID;
$root = 'media-test-' . wp_generate_password(6, false);
$any_file_before = get_option(Pressdav_Media_Drive::ANY_FILE_OPTION);

function upload(string $path, string $bytes, int $user, string $type = 'text/plain')
{
    return rest('POST', '/wp/v2/media', [], $user, $bytes, [
        'content_type' => $type,
        'content_disposition' => 'attachment; filename="' . basename($path) . '"',
        'x_pressdav_path' => rawurlencode($path),
    ]);
}

function drive_path(int $id): string
{
    return get_post_meta($id, Pressdav_Media_Drive::PATH_META, true);
}

// Folders.
check('a folder is made at the top', rest('POST', '/pressdav/v1/media-folders', ['path' => $root], $admin)->get_status() === 200);
check('and inside it', rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/inner"], $admin)->get_status() === 200);
check('not twice (409)', rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/inner"], $admin)->get_status() === 409);
check('not in a folder that is not there (409)', rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/nowhere/x"], $admin)->get_status() === 409);
check('not with a name Windows forbids (400)', rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/a:b"], $admin)->get_status() === 400);
check('not by a subscriber', in_array(rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/sub"], $subscriber)->get_status(), [401, 403], true));
check('a subscriber is not told the names of empty folders', rest('GET', '/pressdav/v1/media-folders', [], $subscriber)->get_data()['folders'] === []);
check('an uploader is', in_array("$root/inner", rest('GET', '/pressdav/v1/media-folders', [], $author)->get_data()['folders'], true));

// Uploads to a drive path.
$made = upload("$root/inner/notes.txt", 'first words', $author);
$notes = (int) ($made->get_data()['id'] ?? 0);
check('an upload lands at the path it names', $made->get_status() === 201 && drive_path($notes) === "$root/inner/notes.txt", json_encode($made->get_data()));
check('a second file of that name is refused (409)', upload("$root/inner/notes.txt", 'again', $author)->get_status() === 409);
check('as is one into a folder that is not there', upload("$root/none/notes.txt", 'x', $author)->get_status() === 409);
$shouted = rest('POST', '/wp/v2/MEDIA', [], $author, 'again', ['content_type' => 'text/plain',
    'content_disposition' => 'attachment; filename="notes.txt"', 'x_pressdav_path' => rawurlencode("$root/inner/notes.txt")]);
check('the route in capitals (which WordPress matches too) is checked the same (409)', $shouted->get_status() === 409,
    json_encode($shouted->get_data()));
check('what a web server could run is never stored', upload("$root/shell.php.txt", '<?php echo 1;', $admin)->get_status() === 415);
delete_option(Pressdav_Media_Drive::ANY_FILE_OPTION);
check('without the any-file option, WordPress\'s own types apply', upload("$root/data.bin", 'bytes', $admin, 'application/octet-stream')->get_status() >= 400);
update_option(Pressdav_Media_Drive::ANY_FILE_OPTION, '1');
$bin = upload("$root/data.bin", 'bytes', $admin, 'application/octet-stream');
$bare = upload("$root/README", 'no extension', $admin, 'application/octet-stream');
check('with it, any other file is stored', $bin->get_status() === 201 && $bare->get_status() === 201, json_encode([$bin->get_data(), $bare->get_data()]));
check('still never a runnable one', upload("$root/x.phtml", 'x', $admin)->get_status() === 415);
$zero = upload("$root/foo.0", 'an extension PHP finds falsy', $admin, 'application/octet-stream');
check('nor is one whose extension is "0" refused', $zero->get_status() === 201, json_encode($zero->get_data()));

// Renames and moves keep the id and the URL.
$url = wp_get_attachment_url($notes);
$moved = rest('POST', "/pressdav/v1/media/$notes/move", ['path' => "$root/renamed.txt"], $author);
check('a rename moves the file on the drive only', $moved->get_status() === 200 && drive_path($notes) === "$root/renamed.txt"
    && wp_get_attachment_url($notes) === $url, json_encode($moved->get_data()));
check('not over another file (409)', rest('POST', "/pressdav/v1/media/$notes/move", ['path' => "$root/data.bin"], $admin)->get_status() === 409);
$others = (int) $bin->get_data()['id'];
check('an author cannot move an administrator\'s file', in_array(rest('POST', "/pressdav/v1/media/$others/move", ['path' => "$root/mine.bin"], $author)->get_status(), [401, 403], true));

// Folders move with what is inside.
$folder_move = rest('POST', '/pressdav/v1/media-folders/move', ['from' => $root, 'to' => "$root-moved"], $admin);
check('a folder moves with every file in it', $folder_move->get_status() === 200 && drive_path($notes) === "$root-moved/renamed.txt"
    && drive_path($others) === "$root-moved/data.bin", json_encode($folder_move->get_data()));
check('and its empty folders', in_array("$root-moved/inner", rest('GET', '/pressdav/v1/media-folders', [], $admin)->get_data()['folders'], true));
check('not into itself', rest('POST', '/pressdav/v1/media-folders/move', ['from' => "$root-moved", 'to' => "$root-moved/inner/x"], $admin)->get_status() === 409);
$author_moves_all = rest('POST', '/pressdav/v1/media-folders/move', ['from' => "$root-moved", 'to' => "$root-by-author"], $author);
check('a folder with a file the user may not edit does not move at all', in_array($author_moves_all->get_status(), [401, 403], true)
    && drive_path($notes) === "$root-moved/renamed.txt");

// Replacing bytes keeps the id, the URL and the title.
$title = get_the_title($notes);
$replaced = rest('PUT', "/pressdav/v1/media/$notes/file", [], $author, 'second, longer words');
clearstatcache();
check('new bytes replace the old in place', $replaced->get_status() === 200 && file_get_contents(get_attached_file($notes)) === 'second, longer words'
    && wp_get_attachment_url($notes) === $url && get_the_title($notes) === $title, json_encode($replaced->get_data()));
check('an author cannot replace an administrator\'s file', in_array(rest('PUT', "/pressdav/v1/media/$others/file", [], $author, 'x')->get_status(), [401, 403], true)
    && file_get_contents(get_attached_file($others)) === 'bytes');
function png(int $width, int $height): string
{
    $img = imagecreatetruecolor($width, $height);
    imagefilledrectangle($img, 0, 0, $width - 1, $height - 1, imagecolorallocate($img, 40, 120, 200));
    ob_start();
    imagepng($img);
    return ob_get_clean();
}
$image = (int) upload("$root-moved/logo.png", png(800, 500), $admin, 'image/png')->get_data()['id'];
$image_url = wp_get_attachment_url($image);
$dir = dirname(get_attached_file($image));
$old_sizes = array_map(fn($size) => $dir . '/' . $size['file'], wp_get_attachment_metadata($image)['sizes'] ?? []);
$again = rest('PUT', "/pressdav/v1/media/$image/file", [], $admin, png(1200, 700));
clearstatcache();
$meta = wp_get_attachment_metadata($image);
$new_sizes = array_map(fn($size) => $dir . '/' . $size['file'], $meta['sizes'] ?? []);
check('an image replaced keeps its URL and has its sizes made again', $again->get_status() === 200 && wp_get_attachment_url($image) === $image_url
    && $meta['width'] === 1200 && count($new_sizes) > 0 && count(array_filter($new_sizes, 'is_file')) === count($new_sizes), json_encode([$again->get_data(), $meta]));
check('and the old sizes it no longer uses are gone', $old_sizes !== [] && array_filter(array_diff($old_sizes, $new_sizes), 'is_file') === [],
    json_encode($old_sizes));
wp_delete_attachment($image, true);

// The drive's folders are shown to logged-in users; the public sees each file at its upload path, as the folder list shows it nothing.
function index_entry(int $id, int $user): ?array
{
    wp_set_current_user($user);
    $request = new WP_REST_Request('GET', '/pressdav/v1/index');
    $request->set_query_params(['type' => 'attachment', 'after' => $id - 1, 'limit' => 1]);
    $items = rest_do_request($request)->get_data()['items'];
    return ($items[0]['id'] ?? 0) === $id ? $items[0] : null;
}
$upload_path = get_post_meta($notes, '_wp_attached_file', true);
check('an uploader is told where a file lies on the drive', (index_entry($notes, $author)['drive_path'] ?? null) === "$root-moved/renamed.txt");
check('the public is told only its upload path', (index_entry($notes, 0)['drive_path'] ?? null) === $upload_path, json_encode(index_entry($notes, 0)));
check('a subscriber, logged in, works in the drive\'s folders', (index_entry($notes, $subscriber)['drive_path'] ?? null) === "$root-moved/renamed.txt");

// A folder move is whole or not at all: a write that fails rolls back the ones before it.
rest('POST', '/pressdav/v1/media-folders', ['path' => "$root-moved/kept"], $admin);
global $wpdb;
$break_rows = static fn($query) => str_starts_with($query, 'UPDATE ' . Pressdav_Media_Drive::folders_table()) ? 'UPDATE no_such_table SET x = 1' : $query;
add_filter('query', $break_rows);
$wpdb->suppress_errors(true);
$failed_move = rest('POST', '/pressdav/v1/media-folders/move', ['from' => "$root-moved", 'to' => "$root-failed"], $admin);
$wpdb->suppress_errors(false);
remove_filter('query', $break_rows);
wp_cache_flush();
check('a folder move whose folder rows cannot be written fails', $failed_move->get_status() >= 500, json_encode($failed_move->get_data()));
check('and leaves every file where it was', drive_path($notes) === "$root-moved/renamed.txt" && drive_path($others) === "$root-moved/data.bin",
    json_encode([drive_path($notes), drive_path($others)]));
check('and makes no folder at the target', !Pressdav_Media_Drive::folder_exists("$root-failed"));
rest('DELETE', '/pressdav/v1/media-folders', ['path' => "$root-moved/kept"], $admin);

// Two moves of one folder at once, straight to the plugin over HTTP: one wins, the other finds no folder, and no empty folder is made.
[$app_password, $app] = WP_Application_Passwords::create_new_application_password($admin, ['name' => 'media-test race']);
function move_at_once(array $targets, string $from, string $password): array
{
    $multi = curl_multi_init();
    $handles = [];
    foreach ($targets as $to) {
        $handle = curl_init(rest_url('pressdav/v1/media-folders/move'));
        curl_setopt_array($handle, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => http_build_query(['from' => $from, 'to' => $to]),
            CURLOPT_USERPWD => 'admin:' . $password, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 60]);
        curl_multi_add_handle($multi, $handle);
        $handles[$to] = $handle;
    }
    do {
        curl_multi_exec($multi, $running);
        curl_multi_select($multi);
    } while ($running > 0);
    $statuses = [];
    foreach ($handles as $to => $handle) {
        $statuses[$to] = curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        curl_multi_remove_handle($multi, $handle);
    }
    curl_multi_close($multi);
    return $statuses;
}
$at = "$root-moved";
$races = [];
for ($round = 0; $round < 8; $round++) {
    $targets = ["$root-race-$round-a", "$root-race-$round-b"];
    $statuses = move_at_once($targets, $at, $app_password);
    wp_cache_flush();
    $won = array_keys(array_filter($statuses, fn($status) => $status === 200));
    $lost = array_values(array_diff($targets, $won));
    $races[] = $statuses;
    if (count($won) !== 1 || !in_array($statuses[$lost[0]], [404, 409], true) || Pressdav_Media_Drive::folder_exists($lost[0])
        || drive_path($notes) !== $won[0] . '/renamed.txt') {
        break;
    }
    $at = $won[0];
}
check('of two moves of one folder at once, one wins and the other is refused (8 rounds)', count($races) === 8 && $at !== "$root-moved",
    json_encode($races));
WP_Application_Passwords::delete_application_password($admin, $app['uuid']);
if ($at !== "$root-moved") {
    rest('POST', '/pressdav/v1/media-folders/move', ['from' => $at, 'to' => "$root-moved"], $admin);
}
foreach (rest('GET', '/pressdav/v1/media-folders', [], $admin)->get_data()['folders'] as $folder) {
    if (str_starts_with($folder, "$root-race-")) {
        rest('DELETE', '/pressdav/v1/media-folders', ['path' => $folder], $admin);
    }
}

// Only an empty folder is deleted.
check('a folder with files is not deleted (409)', rest('DELETE', '/pressdav/v1/media-folders', ['path' => "$root-moved"], $admin)->get_status() === 409);
check('an empty one is', rest('DELETE', '/pressdav/v1/media-folders', ['path' => "$root-moved/inner"], $admin)->get_status() === 200
    && !Pressdav_Media_Drive::folder_exists("$root-moved/inner"));

foreach ([$notes, $others, (int) $bare->get_data()['id'], (int) $zero->get_data()['id']] as $id) {
    wp_delete_attachment($id, true);
}
rest('DELETE', '/pressdav/v1/media-folders', ['path' => "$root-moved"], $admin);
update_option(Pressdav_Media_Drive::ANY_FILE_OPTION, $any_file_before);
report('media drive');
