<?php
/**
 * Plugin Name: pressdav test bed types
 * Description: What real sites add to WordPress and the drive must show: a custom post type (book), a
 * hierarchical one (guide), a custom taxonomy (genre) and registered meta of every shape, all in REST.
 * Installed by scripts/wordpress as a must-use plugin of the test bed only; never shipped.
 */

add_action('init', function () {
    register_post_type('book', [
        'label' => 'Books',
        'labels' => ['name' => 'Books', 'singular_name' => 'Book'],
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'books',
        'hierarchical' => false,
        'capability_type' => 'post',
        'map_meta_cap' => true,
        'supports' => ['title', 'editor', 'author', 'excerpt', 'thumbnail', 'revisions', 'custom-fields'],
        'taxonomies' => ['genre'],
    ]);
    register_post_type('guide', [
        'label' => 'Guides',
        'labels' => ['name' => 'Guides', 'singular_name' => 'Guide'],
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'guides',
        'hierarchical' => true,
        'capability_type' => 'page',
        'map_meta_cap' => true,
        'supports' => ['title', 'editor', 'author', 'page-attributes', 'revisions', 'custom-fields'],
    ]);
    register_taxonomy('genre', ['book'], [
        'label' => 'Genres',
        'labels' => ['name' => 'Genres', 'singular_name' => 'Genre'],
        'public' => true,
        'hierarchical' => true,
        'show_in_rest' => true,
        'rest_base' => 'genres',
    ]);

    // One meta key of each shape REST knows; single values, as plugins register them.
    $single = fn(string $type, array $more = []) => $more + ['type' => $type, 'single' => true, 'show_in_rest' => true];
    register_post_meta('book', 'isbn', $single('string', ['default' => '']));
    register_post_meta('book', 'pages', $single('integer'));
    register_post_meta('book', 'in_print', $single('boolean'));
    register_post_meta('book', 'awards', $single('array', [
        'show_in_rest' => ['schema' => ['type' => 'array', 'items' => ['type' => 'string']]],
    ]));
    register_post_meta('book', 'dimensions', $single('object', [
        'show_in_rest' => ['schema' => ['type' => 'object', 'properties' => [
            'width' => ['type' => 'integer'], 'height' => ['type' => 'integer'],
        ], 'additionalProperties' => false]],
    ]));
    register_post_meta('guide', 'level', $single('integer'));
    register_post_meta('post', 'subtitle', $single('string', ['default' => '']));
    register_term_meta('genre', 'shelf', $single('string'));
    register_term_meta('category', 'color', $single('string'));
    register_meta('user', 'pen_name', $single('string'));
});
