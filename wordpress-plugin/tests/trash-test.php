<?php
/**
 * Restoring from the trash (pressdav/v1/untrash/<id>), tested inside the real test bed's WordPress
 * (run by scripts/wordpress plugin-tests): the status and slug the post had come back, with its id;
 * only for who may delete the post; the status advertises the feature.
 */
require __DIR__ . '/check.php';

$admin = get_user_by('login', 'admin')->ID;
$editor = get_user_by('login', 'editor')->ID;
$author = get_user_by('login', 'ana author')->ID;
$subscriber = get_user_by('login', 'subscriber')->ID;

check('the status advertises untrash', in_array('untrash', rest('GET', '/pressdav/v1/status')->get_data()['features'], true));
check('and media-trash exactly where the site keeps media in the trash',
    in_array('media-trash', rest('GET', '/pressdav/v1/status')->get_data()['features'], true) === (defined('MEDIA_TRASH') && MEDIA_TRASH));

$slug = 'trash-test-' . strtolower(wp_generate_password(6, false, false));
$published = wp_insert_post(['post_title' => 'trash test', 'post_name' => $slug, 'post_status' => 'publish', 'post_author' => $author]);
wp_trash_post($published);
check('a trashed post\'s slug carries __trashed', get_post($published)->post_name === $slug . '__trashed', get_post($published)->post_name);

$refused = rest('POST', "/pressdav/v1/untrash/$published", [], $subscriber);
check('a subscriber may not restore it', in_array($refused->get_status(), [401, 403], true), (string) $refused->get_status());
$others = wp_insert_post(['post_title' => 'editor\'s', 'post_status' => 'publish', 'post_author' => $editor]);
wp_trash_post($others);
check('nor an author another\'s post', rest('POST', "/pressdav/v1/untrash/$others", [], $author)->get_status() === 403);
check('which stays in the trash', get_post_status($others) === 'trash');

$restored = rest('POST', "/pressdav/v1/untrash/$published", [], $author);
check('its author restores it', $restored->get_status() === 200, json_encode($restored->get_data()));
check('with its id, its status and its slug as they were', get_post_status($published) === 'publish' && get_post($published)->post_name === $slug,
    get_post_status($published) . ' ' . get_post($published)->post_name);
check('answered as core REST answers the post, raw content and all', ($restored->get_data()['id'] ?? 0) === $published
    && ($restored->get_data()['status'] ?? '') === 'publish' && isset($restored->get_data()['content']['raw']));
check('and the trash\'s own meta is gone', get_post_meta($published, '_wp_trash_meta_status', true) === '');
check('a post not in the trash is a 409', rest('POST', "/pressdav/v1/untrash/$published", [], $author)->get_status() === 409);
check('no post is a 404', rest('POST', '/pressdav/v1/untrash/999999999', [], $admin)->get_status() === 404);

$draft = wp_insert_post(['post_title' => 'trash test draft', 'post_status' => 'pending', 'post_author' => $author]);
wp_trash_post($draft);
check('a pending post comes back pending', rest('POST', "/pressdav/v1/untrash/$draft", [], $editor)->get_status() === 200
    && get_post_status($draft) === 'pending', get_post_status($draft));

wp_delete_post($published, true);
wp_delete_post($others, true);
wp_delete_post($draft, true);
report('trash-test');
