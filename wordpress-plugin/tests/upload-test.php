<?php
/**
 * Chunked uploads, tested inside the real test bed's WordPress (run by scripts/wordpress
 * plugin-tests): pieces joined on disk into one attachment at its drive path, a chunk sent twice
 * stored once, its status naming the pieces held (with their hashes), a missing chunk or a wrong
 * size refused, an upload only its user may use, abort
 * and expiry leaving nothing behind, and a replace through chunks keeping the attachment; the
 * bounds (chunks of exactly their size at an index the upload has, the largest upload, what one
 * user keeps open) and the clean-up of what a dead client left (within minutes, not a day).
 */
require __DIR__ . '/check.php';

$admin = get_user_by('login', 'admin')->ID;
$author = get_user_by('login', 'ana author')->ID;
$root = 'upload-test-' . wp_generate_password(6, false);
rest('POST', '/pressdav/v1/media-folders', ['path' => $root], $admin);

function open_upload(array $params, int $user)
{
    return rest('POST', '/pressdav/v1/uploads', $params, $user);
}

function pieces_of(string $id): array
{
    return glob(Pressdav_Chunked_Upload::dir($id) . '/*.piece') ?: [];
}

$piece = 64 * KB_IN_BYTES;
$parts = [str_repeat('a', $piece), str_repeat('b', $piece), 'tail'];
$opened = open_upload(['name' => 'joined.txt', 'size' => 2 * $piece + 4, 'chunk' => $piece, 'path' => "$root/joined.txt"], $author);
$id = $opened->get_data()['id'] ?? '';
check('an upload opens with the largest chunk this PHP takes', $opened->get_status() === 200 && $opened->get_data()['max_chunk'] > 0,
    json_encode($opened->get_data()));
foreach ($parts as $i => $part) {
    rest('PUT', "/pressdav/v1/uploads/$id/$i", [], $author, $part);
}
rest('PUT', "/pressdav/v1/uploads/$id/1", [], $author, $parts[1]);
check('a chunk sent twice is one piece', count(pieces_of($id)) === 3);
check('no piece lies where its uploader could point a browser (a folder named by the id)',
    !file_exists(WP_CONTENT_DIR . '/pressdav-uploads/' . $id) && strpos(Pressdav_Chunked_Upload::dir($id), $id) === false);
check('another user cannot send to it', rest('PUT', "/pressdav/v1/uploads/$id/0", [], $admin, 'x')->get_status() === 404);
$status = rest('GET', "/pressdav/v1/uploads/$id", [], $author);
$held = (array) ($status->get_data()['pieces'] ?? []);
check('its status names each piece stored with its SHA-256 (what another pressdav goes on from)', $status->get_status() === 200
    && $status->get_data()['chunks'] === 3 && $status->get_data()['chunk'] === $piece && $status->get_data()['size'] === 2 * $piece + 4
    && $held === ['0' => hash('sha256', $parts[0]), '1' => hash('sha256', $parts[1]), '2' => hash('sha256', $parts[2])], json_encode($status->get_data()));
check('nor read its status', rest('GET', "/pressdav/v1/uploads/$id", [], $admin)->get_status() === 404);
$finished = rest('POST', "/pressdav/v1/uploads/$id/finish", ['chunks' => 3], $author);
$attachment = (int) ($finished->get_data()['id'] ?? 0);
check('finished, the pieces are one attachment at its drive path', $finished->get_status() === 200
    && file_get_contents(get_attached_file($attachment)) === implode('', $parts)
    && get_post_meta($attachment, Pressdav_Media_Drive::PATH_META, true) === "$root/joined.txt", json_encode($finished->get_data()));
check('and the pieces are gone', !is_dir(Pressdav_Chunked_Upload::dir($id)));

$short = open_upload(['name' => 'short.txt', 'size' => $piece + 6, 'chunk' => $piece, 'path' => "$root/short.txt"], $author)->get_data()['id'];
rest('PUT', "/pressdav/v1/uploads/$short/1", [], $author, 'second');
check('an upload\'s status names only the pieces it holds', (array) rest('GET', "/pressdav/v1/uploads/$short", [], $author)->get_data()['pieces']
    === ['1' => hash('sha256', 'second')]);
check('a missing chunk is refused (409)', rest('POST', "/pressdav/v1/uploads/$short/finish", ['chunks' => 2], $author)->get_status() === 409);
check('a finish that names another count of chunks is refused (400)', rest('POST', "/pressdav/v1/uploads/$short/finish", ['chunks' => 3], $author)
    ->get_status() === 400);
check('an aborted upload leaves nothing', rest('DELETE', "/pressdav/v1/uploads/$short", [], $author)->get_status() === 200
    && !is_dir(Pressdav_Chunked_Upload::dir($short)));
check('a path that is taken is refused when the upload opens', open_upload(['name' => 'joined.txt', 'size' => 5, 'path' => "$root/joined.txt"], $author)
    ->get_status() === 409);
check('so is a runnable name', open_upload(['name' => 'x.php', 'size' => 5, 'path' => "$root/x.php"], $admin)->get_status() === 415);
check('the pieces\' folder is never served', trim((string) file_get_contents(WP_CONTENT_DIR . '/pressdav-uploads/.htaccess')) !== '');

// Bounds: what one upload may hold is what it announced, in chunks of exactly their size.
function pieces_bytes(string $id): int
{
    clearstatcache();
    return array_sum(array_map('filesize', pieces_of($id)));
}
$tiny = open_upload(['name' => 'a.jpg', 'size' => 1], $author)->get_data()['id'] ?? '';
$statuses = [];
foreach ([0 => 'x', 7 => 'x', 99999 => 'x', 100000 => 'x'] as $index => $bytes) {
    $statuses[$index] = rest('PUT', "/pressdav/v1/uploads/$tiny/$index", [], $author, $bytes)->get_status();
}
check('a chunk at an index the upload has is stored', $statuses[0] === 200, json_encode($statuses));
check('chunks beyond the upload\'s last are refused (400)', $statuses[7] === 400 && $statuses[99999] === 400 && $statuses[100000] === 400,
    json_encode($statuses));
$long = rest('PUT', "/pressdav/v1/uploads/$tiny/0", [], $author, str_repeat('x', 4 * MB_IN_BYTES));
check('a chunk longer than its size is refused (413)', $long->get_status() === 413, json_encode($long->get_data()));
check('so the pieces of a 1-byte upload hold 1 byte', pieces_bytes($tiny) === 1, (string) pieces_bytes($tiny));
$two = open_upload(['name' => 'two.txt', 'size' => $piece + 1, 'chunk' => $piece], $author)->get_data()['id'] ?? '';
check('a chunk shorter than its size (not the last) is refused (400)', rest('PUT', "/pressdav/v1/uploads/$two/0", [], $author, 'short')->get_status() === 400);
check('and a last chunk longer than the rest (413)', rest('PUT', "/pressdav/v1/uploads/$two/1", [], $author, 'xy')->get_status() === 413
    && pieces_bytes($two) === 0);
check('chunks smaller than 64 KiB are refused when the upload opens (400)', open_upload(['name' => 'c.txt', 'size' => 1000, 'chunk' => 10], $author)
    ->get_status() === 400);
check('as are chunks larger than this PHP takes', open_upload(['name' => 'c.txt', 'size' => 100 * MB_IN_BYTES,
    'chunk' => Pressdav_Chunked_Upload::max_chunk() + 1], $author)->get_status() === 400);
$huge = open_upload(['name' => 'huge.bin', 'size' => 5 * GB_IN_BYTES], $author);
check('an upload larger than the site takes is refused (413)', $huge->get_status() === 413, json_encode($huge->get_data()));
$cap = static fn() => 3 * $piece;
add_filter('pressdav_max_upload_bytes', $cap);
check('the largest upload is the site\'s to say (filter pressdav_max_upload_bytes)', open_upload(['name' => 'c.txt', 'size' => 3 * $piece + 1], $author)
    ->get_status() === 413 && open_upload(['name' => 'c.txt', 'size' => 3 * $piece], $author)->get_status() === 200);
remove_filter('pressdav_max_upload_bytes', $cap);

// A user keeps only so many uploads, of so many bytes, open at once.
function open_ids_of(int $user): array
{
    $ids = [];
    foreach (glob(WP_CONTENT_DIR . '/pressdav-uploads/*/upload.json') ?: [] as $meta) {
        $session = json_decode(file_get_contents($meta), true);
        if ((int) ($session['user'] ?? 0) === $user) {
            $ids[] = $session['id'];
        }
    }
    return $ids;
}
foreach (open_ids_of($author) as $open) {
    rest('DELETE', "/pressdav/v1/uploads/$open", [], $author);
}
$limits = static fn() => ['count' => 2, 'bytes' => 10 * $piece];
add_filter('pressdav_open_uploads_per_user', $limits);
$first = open_upload(['name' => 'one.txt', 'size' => 4 * $piece], $author)->get_status();
$second = open_upload(['name' => 'two.txt', 'size' => 4 * $piece], $author)->get_status();
$third = open_upload(['name' => 'three.txt', 'size' => 5], $author);
check('a user\'s uploads open at once are counted (409 past the count)', [$first, $second, $third->get_status()] === [200, 200, 409],
    json_encode([$first, $second, $third->get_data()]));
check('another user is not held back by them', open_upload(['name' => 'other.txt', 'size' => 5], $admin)->get_status() === 200);
rest('DELETE', '/pressdav/v1/uploads/' . open_ids_of($author)[0], [], $author);
$too_many_bytes = open_upload(['name' => 'big.txt', 'size' => 7 * $piece], $author);
check('and so are their bytes (507 past them)', $too_many_bytes->get_status() === 507, json_encode($too_many_bytes->get_data()));
remove_filter('pressdav_open_uploads_per_user', $limits);
foreach ([$author, $admin] as $user) {
    foreach (open_ids_of($user) as $open) {
        rest('DELETE', "/pressdav/v1/uploads/$open", [], $user);
    }
}

// What a client that died left: removed once nothing was sent to it for the idle time (10 minutes), by a clean-up that runs every five.
function age(string $id, int $seconds): void
{
    $dir = Pressdav_Chunked_Upload::dir($id);
    foreach (array_merge(glob($dir . '/*') ?: [], [$dir]) as $file) {
        touch($file, time() - $seconds);
    }
}
check('the clean-up runs every five minutes', wp_get_schedule(Pressdav_Chunked_Upload::EXPIRY_HOOK) === 'pressdav_five_minutes'
    && wp_next_scheduled(Pressdav_Chunked_Upload::EXPIRY_HOOK) <= time() + 5 * MINUTE_IN_SECONDS, (string) wp_get_schedule(Pressdav_Chunked_Upload::EXPIRY_HOOK));
do_action('deactivate_pressdav/pressdav.php');
check('and stops when the plugin is deactivated', wp_next_scheduled(Pressdav_Chunked_Upload::EXPIRY_HOOK) === false);
do_action('activate_pressdav/pressdav.php');
check('and starts again when it is activated', wp_get_schedule(Pressdav_Chunked_Upload::EXPIRY_HOOK) === 'pressdav_five_minutes');
$abandoned = open_upload(['name' => 'abandoned.txt', 'size' => 2 * $piece, 'chunk' => $piece], $author)->get_data()['id'];
rest('PUT', "/pressdav/v1/uploads/$abandoned/0", [], $author, str_repeat('a', $piece));
$alive = open_upload(['name' => 'alive.txt', 'size' => 2 * $piece, 'chunk' => $piece], $author)->get_data()['id'];
age($abandoned, 11 * MINUTE_IN_SECONDS);
age($alive, 9 * MINUTE_IN_SECONDS);
Pressdav_Chunked_Upload::expire();
check('an upload nothing was sent to for more than ten minutes is removed', !is_dir(Pressdav_Chunked_Upload::dir($abandoned)));
check('one used more recently is kept', is_dir(Pressdav_Chunked_Upload::dir($alive)));
rest('PUT', "/pressdav/v1/uploads/$alive/0", [], $author, str_repeat('a', $piece));
clearstatcache();
check('a chunk counts as use', filemtime(Pressdav_Chunked_Upload::dir($alive) . '/upload.json') >= time() - MINUTE_IN_SECONDS);
$left = open_upload(['name' => 'left.txt', 'size' => 2 * $piece, 'chunk' => $piece], $author)->get_data()['id'];
age($left, 11 * MINUTE_IN_SECONDS);
touch(WP_CONTENT_DIR . '/pressdav-uploads/.swept', time() - 2 * MINUTE_IN_SECONDS);
rest('PUT', "/pressdav/v1/uploads/$alive/1", [], $author, str_repeat('b', $piece));
check('a chunk sent to any upload also removes abandoned ones (WP-Cron waits for visitors)', !is_dir(Pressdav_Chunked_Upload::dir($left)));
$idle = static fn() => 2 * MINUTE_IN_SECONDS;
add_filter('pressdav_upload_idle_seconds', $idle);
age($alive, 3 * MINUTE_IN_SECONDS);
Pressdav_Chunked_Upload::expire();
check('the idle time is the site\'s to say (filter pressdav_upload_idle_seconds)', !is_dir(Pressdav_Chunked_Upload::dir($alive)));
remove_filter('pressdav_upload_idle_seconds', $idle);
$orphan = WP_CONTENT_DIR . '/pressdav-uploads/' . str_repeat('0', 32);
wp_mkdir_p($orphan);
file_put_contents($orphan . '/3.piece', 'a piece that outlived its upload');
foreach ([$orphan . '/3.piece', $orphan] as $file) {
    touch($file, time() - 11 * MINUTE_IN_SECONDS);
}
Pressdav_Chunked_Upload::expire();
check('as are pieces whose upload is gone', !is_dir($orphan));

$replace = open_upload(['name' => 'joined.txt', 'size' => 7, 'replace' => $attachment], $author)->get_data()['id'];
rest('PUT', "/pressdav/v1/uploads/$replace/0", [], $author, 'new one');
$replaced = rest('POST', "/pressdav/v1/uploads/$replace/finish", ['chunks' => 1], $author);
clearstatcache();
check('a replace through chunks keeps the attachment', $replaced->get_status() === 200 && file_get_contents(get_attached_file($attachment)) === 'new one',
    json_encode($replaced->get_data()));
check('only its editors may replace it', open_upload(['name' => 'joined.txt', 'size' => 7, 'replace' => $attachment], get_user_by('login', 'subscriber')->ID)
    ->get_status() >= 400);

wp_delete_attachment($attachment, true);
rest('DELETE', '/pressdav/v1/media-folders', ['path' => $root], $admin);
report('chunked uploads');
