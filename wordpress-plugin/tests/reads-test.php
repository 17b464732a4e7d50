<?php
/**
 * Many reads in one request (pressdav/v1/reads), tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): the public is refused; for a subscriber, an author, an editor and
 * the admin, each read pressdav sends (one post or page, in either context, another's and one's own,
 * published and draft, a missing one, and its revisions) answers in its slot the same status, data and
 * total as the same GET sent alone by that user, also of a type in its own REST namespace; any other
 * read (a listing, another route, a post type not in REST, a query key pressdav does not send) is
 * answered 400 in its slot without being made; the limits of a batch are refused by its schema; the
 * status advertises the feature.
 */
require __DIR__ . '/check.php';

[$admin, $editor, $author, $subscriber] = array_map(static fn(string $login) => get_user_by('login', $login)->ID,
    ['admin', 'editor', 'ana author', 'subscriber']);

// Before the REST server starts (its routes are made once): a type in its own namespace, and one not in REST.
register_post_type('reads_test_thing', ['public' => true, 'show_in_rest' => true, 'rest_namespace' => 'reads-test/v1',
    'rest_base' => 'things', 'supports' => ['title', 'editor', 'author', 'revisions']]);
register_post_type('reads_test_hidden', ['public' => true, 'show_in_rest' => false]);

check('the status advertises reads', in_array('reads', rest('GET', '/pressdav/v1/status')->get_data()['features'], true));

/** A batch as pressdav sends it: a JSON body. */
function reads(array $paths, int $user)
{
    return rest('POST', '/pressdav/v1/reads', [], $user, json_encode(['reads' => $paths]), ['content-type' => 'application/json']);
}

/** What a client receives for a GET sent alone (the server's rest_post_dispatch applied): its status, its JSON body and its X-WP-Total. */
function alone(string $path, int $user): array
{
    $url = wp_parse_url($path);
    wp_parse_str($url['query'] ?? '', $query);
    $request = new WP_REST_Request('GET', $url['path']);
    $request->set_query_params($query);
    $response = apply_filters('rest_post_dispatch', rest('GET', $url['path'], $query, $user), rest_get_server(), $request);
    $total = $response->get_headers()['X-WP-Total'] ?? null;
    return ['status' => $response->get_status(), 'body' => rest_get_server()->response_to_data($response, false),
        'total' => $total === null ? null : (int) $total];
}

$changed_twice = static function (array $post): int {
    $id = wp_insert_post($post + ['post_content' => 'first']);
    wp_update_post(['ID' => $id, 'post_content' => 'second']);
    return $id;
};
$others_published = $changed_twice(['post_title' => 'reads test published', 'post_status' => 'publish', 'post_author' => $editor]);
$own_draft = $changed_twice(['post_title' => 'reads test own draft', 'post_status' => 'draft', 'post_author' => $author]);
$others_draft = wp_insert_post(['post_title' => 'reads test other draft', 'post_status' => 'draft', 'post_author' => $editor]);
$page = $changed_twice(['post_type' => 'page', 'post_title' => 'reads test page', 'post_status' => 'publish', 'post_author' => $editor]);
$page_draft = wp_insert_post(['post_type' => 'page', 'post_title' => 'reads test page draft', 'post_status' => 'draft', 'post_author' => $editor]);
$thing = $changed_twice(['post_type' => 'reads_test_thing', 'post_title' => 'reads test thing', 'post_status' => 'publish', 'post_author' => $editor]);
$hidden = wp_insert_post(['post_type' => 'reads_test_hidden', 'post_title' => 'reads test hidden', 'post_status' => 'publish', 'post_author' => $editor]);

// What pressdav sends: an item in either context, the first page of revisions (and any page of them).
$revisions = 'context=edit&orderby=date&order=desc&per_page=100';
$allowed = [
    "/wp/v2/posts/$others_published?context=edit",
    "/wp/v2/posts/$own_draft?context=edit",
    "/wp/v2/posts/$others_draft?context=edit",
    '/wp/v2/posts/999999999?context=edit',
    "/wp/v2/posts/$others_published?context=view",
    "/wp/v2/posts/$own_draft?context=view",
    "/wp/v2/posts/$others_published",
    "/wp/v2/posts/$others_published/revisions?$revisions",
    "/wp/v2/posts/$own_draft/revisions?$revisions&page=1",
    "/wp/v2/pages/$page?context=edit",
    "/wp/v2/pages/$page?context=view",
    "/wp/v2/pages/$page_draft?context=edit",
    "/wp/v2/pages/$page/revisions?$revisions",
    "/reads-test/v1/things/$thing?context=edit",
    "/reads-test/v1/things/$thing/revisions?$revisions",
];
// Anything else: other routes, other post routes, other query keys, other shapes of a query.
$refused = [
    '/wp/v2/posts?per_page=100',
    '/wp/v2/users',
    '/wp/v2/users/1',
    '/oembed/1.0/proxy?url=' . rawurlencode('https://example.org/'),
    '/pressdav/v1/status',
    '/pressdav/v1/reads',
    "/wp/v2/posts/$others_published?_fields=id,content.protected",
    "/wp/v2/posts/$others_published?_embed=1",
    "/wp/v2/posts/$own_draft?_method=DELETE&force=true",
    "/wp/v2/posts/$others_published?context[]=edit",
    "/wp/v2/posts/$others_published/",
    "/wp/v2/posts/$others_published/autosaves",
    "/wp/v2/posts/$others_published/revisions/1",
    "/wp/v2/things/$thing",
    "/wp/v2/reads_test_hidden/$hidden",
    "//example.org/wp/v2/posts/$others_published",
];

// The public: refused whole, with a reason, whatever it asks.
$public = reads($allowed, 0);
check('the public is refused: 401 rest_forbidden', $public->get_status() === 401 && ($public->get_data()['code'] ?? '') === 'rest_forbidden',
    $public->get_status() . ' ' . json_encode($public->get_data()));
check('with a message saying who may', str_contains($public->get_data()['message'] ?? '', 'logged-in'), json_encode($public->get_data()));

/** The routes dispatched while $make runs (rest_pre_dispatch sees each, the batch's own route first). */
function dispatched(callable $make): array
{
    $routes = [];
    $see = static function ($result, $server, WP_REST_Request $request) use (&$routes) {
        $routes[] = $request->get_route();
        return $result;
    };
    add_filter('rest_pre_dispatch', $see, 10, 3);
    $make();
    remove_filter('rest_pre_dispatch', $see, 10);
    return $routes;
}

// Allowed and refused reads in turn: each slot is answered for itself.
$paths = array_values(array_filter(array_merge(...array_map(null, $allowed, $refused))));
foreach (['a subscriber' => $subscriber, 'an author' => $author, 'an editor' => $editor, 'the admin' => $admin] as $who => $user) {
    $routes = dispatched(static function () use ($paths, $user, &$batch) {
        $batch = reads($paths, $user);
    });
    check("$who's batch is answered", $batch->get_status() === 200, json_encode($batch->get_data()));
    $slots = $batch->get_data()['reads'] ?? [];
    check("$who gets one slot a read", count($slots) === count($paths), (string) count($slots));
    check("$who: only the allowed reads are made", $routes === array_merge(['/pressdav/v1/reads'], array_map(static fn($p) => strtok($p, '?'), $allowed)),
        json_encode($routes));
    foreach ($paths as $i => $path) {
        $slot = $slots[$i] ?? null;
        if (in_array($path, $refused, true)) {
            check("$who: $path is refused in its slot", ($slot['status'] ?? null) === 400 && ($slot['body']['code'] ?? '') === 'rest_invalid_param'
                && str_contains($slot['body']['message'] ?? '', '/revisions') && str_contains($slot['body']['message'], 'per_page'), json_encode($slot));
            continue;
        }
        $expected = alone($path, $user);
        check("$who: $path answers {$expected['status']} as alone", ($slot['status'] ?? null) === $expected['status'], json_encode($slot['status'] ?? null));
        check("$who: $path answers the same data and total as alone", json_encode($slot) === json_encode($expected),
            substr(json_encode($slot), 0, 300) . ' vs ' . substr(json_encode($expected), 0, 300));
    }
}
check('a read asking for DELETE deleted nothing', get_post($own_draft) !== null && get_post_status($own_draft) === 'draft');

// The rules of core, slot by slot: what differs between users differs as core has it.
$statuses = static fn(int $user) => array_column(reads(array_slice($allowed, 0, 5), $user)->get_data()['reads'], 'status');
check('an author reads their own draft but not another\'s, and another\'s published post only in the view context',
    $statuses($author) === [403, 200, 403, 404, 200], json_encode($statuses($author)));
check('the admin reads every one there is', $statuses($admin) === [200, 200, 200, 404, 200], json_encode($statuses($admin)));
check('a revisions read carries the count of revisions', reads(["/wp/v2/posts/$others_published/revisions?$revisions"], $admin)->get_data()['reads'][0]['total']
    === count(wp_get_post_revisions($others_published)));

// The limits, by the route's schema.
$refused_whole = static fn($reads) => rest('POST', '/pressdav/v1/reads', [], $admin, json_encode($reads), ['content-type' => 'application/json']);
$hundred = array_fill(0, 100, "/wp/v2/posts/$others_published");
check('a hundred reads are taken', $refused_whole(['reads' => $hundred])->get_status() === 200);
foreach ([
    'a hundred and one reads' => [['reads' => array_merge($hundred, ['/wp/v2/posts'])], 'rest_invalid_param'],
    'no read' => [['reads' => []], 'rest_invalid_param'],
    'a read that is no string' => [['reads' => [12]], 'rest_invalid_param'],
    'a read without its leading slash' => [['reads' => ["wp/v2/posts/$others_published"]], 'rest_invalid_param'],
    'no list of reads' => [[], 'rest_missing_callback_param'],
] as $what => [$body, $code]) {
    $answer = $refused_whole($body);
    check("$what is a 400 $code", $answer->get_status() === 400 && ($answer->get_data()['code'] ?? '') === $code,
        $answer->get_status() . ' ' . json_encode($answer->get_data()));
}
check('only POST makes reads', rest('GET', '/pressdav/v1/reads', ['reads' => ['/wp/v2/posts']], $admin)->get_status() === 404);

foreach ([$others_published, $own_draft, $others_draft, $page, $page_draft, $thing, $hidden] as $made) {
    wp_delete_post($made, true);
}
report('reads-test');
