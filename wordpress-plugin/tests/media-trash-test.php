<?php
/**
 * Media in the trash (a site with MEDIA_TRASH; run with scripts/wordpress media-trash on, and off), tested inside
 * the real test bed's WordPress (run by scripts/wordpress plugin-tests): core REST trashes an attachment on a DELETE
 * without force only where the site keeps media in the trash; a trashed attachment is in no media folder (its
 * emptied folder can be deleted, its name can be taken, the index does not list it); the plugin's untrash gives it
 * back with its id, attached as before, at the drive path given, where that is free.
 */
require __DIR__ . '/check.php';

$admin = get_user_by('login', 'admin')->ID;
$author = get_user_by('login', 'ana author')->ID;
$subscriber = get_user_by('login', 'subscriber')->ID;
$root = 'media-trash-test-' . wp_generate_password(6, false);
$keeps = defined('MEDIA_TRASH') && MEDIA_TRASH;
echo 'MEDIA_TRASH is ' . ($keeps ? 'on' : 'off') . "\n";

function upload_at(string $path, string $bytes, int $user): int
{
    $made = rest('POST', '/wp/v2/media', [], $user, $bytes, ['content_type' => 'text/plain',
        'content_disposition' => 'attachment; filename="' . basename($path) . '"', 'x_pressdav_path' => rawurlencode($path)]);
    return (int) ($made->get_data()['id'] ?? 0);
}

/** The attachment's own status (get_post_status answers an unattached one's as publish). */
function status_of(int $id): string
{
    clean_post_cache($id);
    return get_post($id)->post_status;
}

function indexed(int $id, int $user): bool
{
    $listed = rest('GET', '/pressdav/v1/index', ['type' => 'attachment', 'after' => $id - 1, 'limit' => 1], $user)->get_data()['items'] ?? [];
    return in_array($id, array_column($listed, 'id'), true);
}

check('a folder is made', rest('POST', '/pressdav/v1/media-folders', ['path' => $root], $admin)->get_status() === 200
    && rest('POST', '/pressdav/v1/media-folders', ['path' => "$root/only"], $admin)->get_status() === 200);
$file = upload_at("$root/only/notes.txt", 'kept words', $author);
check('a file is uploaded into it', $file > 0 && indexed($file, $author));
$disk = get_attached_file($file);

$deleted = rest('DELETE', "/wp/v2/media/$file", [], $author);
if (!$keeps) {
    check('without MEDIA_TRASH a DELETE without force is refused (501), the file kept', $deleted->get_status() === 501
        && status_of($file) === 'inherit', (string) $deleted->get_status());
    wp_trash_post($file); // what a site with MEDIA_TRASH does; the rest holds on any site
} else {
    check('with MEDIA_TRASH a DELETE without force trashes it', $deleted->get_status() === 200 && status_of($file) === 'trash',
        $deleted->get_status() . ' ' . status_of($file));
}
check('the status advertises media-trash exactly then', in_array('media-trash', rest('GET', '/pressdav/v1/status')->get_data()['features'], true) === $keeps);
check('a trashed file is not in the index', !indexed($file, $author));
$trashed = rest('GET', '/wp/v2/media', ['status' => 'trash', 'context' => 'edit', 'include' => [$file]], $author)->get_data();
check('core REST lists it in the trash, with the drive path it had (drive_path)', ($trashed[0]['drive_path'] ?? '') === "$root/only/notes.txt",
    json_encode($trashed));
check('its folder, empty now, can be deleted', rest('DELETE', '/pressdav/v1/media-folders', ['path' => "$root/only"], $admin)->get_status() === 200);
check('and its name can be taken', ($taken = upload_at("$root/notes.txt", 'new words', $author)) > 0);

$restore = static fn(int $user, ?string $path) => rest('POST', "/pressdav/v1/untrash/$file", $path === null ? [] : ['path' => $path], $user);
check('a subscriber may not restore it', in_array($restore($subscriber, "$root/back.txt")->get_status(), [401, 403], true));
check('nor at a path taken (409)', $restore($author, "$root/notes.txt")->get_status() === 409 && status_of($file) === 'trash');
check('nor at a path in no folder (409)', $restore($author, "$root/gone/notes.txt")->get_status() === 409);
foreach (['back.php', 'back.phtml', 'back.html', 'back.svg'] as $refused) {
    $answer = $restore($author, "$root/$refused");
    check("nor under a name the upload rule refuses ($refused), the file kept in the trash",
        $answer->get_status() >= 400 && $answer->get_status() < 500 && status_of($file) === 'trash', (string) $answer->get_status());
}
$restored = $restore($author, "$root/back.txt");
check('its uploader restores it at a free path', $restored->get_status() === 200, json_encode($restored->get_data()));
check('with its id, attached as before (inherit), answered as core REST answers media', ($restored->get_data()['id'] ?? 0) === $file
    && status_of($file) === 'inherit' && ($restored->get_data()['media_type'] ?? '') === 'file');
check('at the path given, bytes and all', get_post_meta($file, Pressdav_Media_Drive::PATH_META, true) === "$root/back.txt"
    && file_get_contents(get_attached_file($file)) === 'kept words');
check('and in the index again', indexed($file, $author));
check("the file on WordPress's disk keeps the name it was stored under: a restore names a drive path, writes no file",
    get_attached_file($file) === $disk && is_file($disk));
$post = wp_insert_post(['post_title' => 'media trash test', 'post_status' => 'publish', 'post_author' => $author]);
wp_trash_post($post);
check('a post is not restored at a path (400)', rest('POST', "/pressdav/v1/untrash/$post", ['path' => "$root/post.txt"], $admin)->get_status() === 400
    && get_post_status($post) === 'trash');

wp_delete_post($post, true);
wp_delete_attachment($file, true);
wp_delete_attachment($taken, true);
rest('DELETE', '/pressdav/v1/media-folders', ['path' => $root], $admin);
report('media-trash-test');
