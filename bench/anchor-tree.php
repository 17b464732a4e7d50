<?php
// Lays out, for Apache mod_dav_fs, the posts/ folder of the drive with the same names and
// (near enough) the same file sizes: php anchor-tree.php NAMES_FILE TARGET_DIR
// NAMES_FILE holds the drive's post folder names, one per line, as pressdav listed them.
require __DIR__ . '/../scripts/testbed/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
[, $names_file, $target] = $argv + [null, null, null];
if ($target === null) {
    testbed_fail('usage: anchor-tree.php NAMES_FILE TARGET_DIR');
}
wp_set_current_user(1);
$slugs = fn($terms) => is_array($terms) ? implode("\n", array_map(fn($t) => urldecode($t->slug), $terms)) : "";
$count = 0;
foreach (file($names_file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $name) {
    $post = get_post((int) $name);
    if (!$post) {
        testbed_fail("no post for folder $name");
    }
    $dir = "$target/posts/$name";
    @mkdir($dir, 0755, true);
    $files = [
        'content.html' => $post->post_content,
        'title.txt' => $post->post_title,
        'excerpt.txt' => $post->post_excerpt,
        'status.txt' => $post->post_status,
        'slug.txt' => urldecode($post->post_name),
        'date-gmt.txt' => str_replace(' ', 'T', $post->post_date_gmt) . 'Z',
        'categories.txt' => $slugs(get_the_category($post->ID)),
        'tags.txt' => $slugs(get_the_tags($post->ID)),
        'author.txt' => get_userdata($post->post_author)->user_login ?? '',
        'url.txt' => get_permalink($post),
        'id.txt' => (string) $post->ID,
        // The REST object itself would cost a REST request per post; a post's own fields,
        // pretty-printed, are of the same order of size. No measured request reads this file.
        'post.json' => json_encode($post->to_array(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE),
    ];
    foreach ($files as $file => $bytes) {
        file_put_contents("$dir/$file", $bytes);
    }
    $count++;
}
testbed_print(['folders' => $count]);
