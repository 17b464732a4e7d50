<?php
/**
 * Chunked uploads, tested inside the real test bed's WordPress (run by scripts/wordpress
 * plugin-tests): pieces joined on disk into one attachment at its drive path, a chunk sent twice
 * stored once, a missing chunk or a wrong size refused, an upload only its user may use, abort
 * and expiry leaving nothing behind, and a replace through chunks keeping the attachment.
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
    return glob(WP_CONTENT_DIR . '/pressdav-uploads/' . $id . '/*.piece') ?: [];
}

$parts = [str_repeat('a', 1000), str_repeat('b', 1000), 'tail'];
$opened = open_upload(['name' => 'joined.txt', 'size' => 2004, 'path' => "$root/joined.txt"], $author);
$id = $opened->get_data()['id'] ?? '';
check('an upload opens with the largest chunk this PHP takes', $opened->get_status() === 200 && $opened->get_data()['max_chunk'] > 0,
    json_encode($opened->get_data()));
foreach ($parts as $i => $part) {
    rest('PUT', "/pressdav/v1/uploads/$id/$i", [], $author, $part);
}
rest('PUT', "/pressdav/v1/uploads/$id/1", [], $author, $parts[1]);
check('a chunk sent twice is one piece', count(pieces_of($id)) === 3);
check('another user cannot send to it', rest('PUT', "/pressdav/v1/uploads/$id/0", [], $admin, 'x')->get_status() === 404);
$finished = rest('POST', "/pressdav/v1/uploads/$id/finish", ['chunks' => 3], $author);
$attachment = (int) ($finished->get_data()['id'] ?? 0);
check('finished, the pieces are one attachment at its drive path', $finished->get_status() === 200
    && file_get_contents(get_attached_file($attachment)) === implode('', $parts)
    && get_post_meta($attachment, Pressdav_Media_Drive::PATH_META, true) === "$root/joined.txt", json_encode($finished->get_data()));
check('and the pieces are gone', !is_dir(WP_CONTENT_DIR . '/pressdav-uploads/' . $id));

$short = open_upload(['name' => 'short.txt', 'size' => 10, 'path' => "$root/short.txt"], $author)->get_data()['id'];
rest('PUT', "/pressdav/v1/uploads/$short/1", [], $author, 'second');
check('a missing chunk is refused (409)', rest('POST', "/pressdav/v1/uploads/$short/finish", ['chunks' => 2], $author)->get_status() === 409);
rest('PUT', "/pressdav/v1/uploads/$short/0", [], $author, 'first');
check('so is a size that is not the one announced', rest('POST', "/pressdav/v1/uploads/$short/finish", ['chunks' => 2], $author)->get_status() === 409);
check('an aborted upload leaves nothing', rest('DELETE', "/pressdav/v1/uploads/$short", [], $author)->get_status() === 200
    && !is_dir(WP_CONTENT_DIR . '/pressdav-uploads/' . $short));
check('a path that is taken is refused when the upload opens', open_upload(['name' => 'joined.txt', 'size' => 5, 'path' => "$root/joined.txt"], $author)
    ->get_status() === 409);
check('so is a runnable name', open_upload(['name' => 'x.php', 'size' => 5, 'path' => "$root/x.php"], $admin)->get_status() === 415);
check('the pieces\' folder is never served', trim((string) file_get_contents(WP_CONTENT_DIR . '/pressdav-uploads/.htaccess')) !== '');

$old = open_upload(['name' => 'old.txt', 'size' => 3, 'path' => "$root/old.txt"], $author)->get_data()['id'];
$meta = WP_CONTENT_DIR . '/pressdav-uploads/' . $old . '/upload.json';
$session = json_decode(file_get_contents($meta), true);
$session['opened'] = time() - 2 * DAY_IN_SECONDS;
file_put_contents($meta, wp_json_encode($session));
Pressdav_Chunked_Upload::expire();
check('an upload left open for more than a day expires', !is_dir(WP_CONTENT_DIR . '/pressdav-uploads/' . $old));

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
