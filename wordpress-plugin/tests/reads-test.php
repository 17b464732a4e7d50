<?php
/**
 * Many reads in one request (pressdav/v1/reads), tested inside the real test bed's WordPress (run by
 * scripts/wordpress plugin-tests): for the public, a subscriber, an author, an editor and the admin,
 * each slot of a batch answers the same status, the same data and the same total as the same GET
 * sent alone by that user (another's published post and draft, one's own draft, a missing post,
 * revisions, a listing); a read is only ever a GET, and never of the reads route itself; the limits
 * of a batch are refused by its schema; the status advertises the feature.
 */
require __DIR__ . '/check.php';

[$admin, $editor, $author, $subscriber] = array_map(static fn(string $login) => get_user_by('login', $login)->ID,
    ['admin', 'editor', 'ana author', 'subscriber']);

check('the status advertises reads', in_array('reads', rest('GET', '/pressdav/v1/status')->get_data()['features'], true));

/** A batch as pressdav sends it: a JSON body. */
function reads(array $paths, int $user)
{
    return rest('POST', '/pressdav/v1/reads', [], $user, json_encode(['reads' => $paths]), ['content-type' => 'application/json']);
}

/** What a client receives for a GET sent alone (the server's rest_post_dispatch applied, _fields among others): its status, its JSON body and its X-WP-Total. */
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

$others_published = wp_insert_post(['post_title' => 'reads test published', 'post_content' => 'first', 'post_status' => 'publish', 'post_author' => $editor]);
wp_update_post(['ID' => $others_published, 'post_content' => 'second']);
$own_draft = wp_insert_post(['post_title' => 'reads test own draft', 'post_content' => 'first', 'post_status' => 'draft', 'post_author' => $author]);
wp_update_post(['ID' => $own_draft, 'post_content' => 'second']);
$others_draft = wp_insert_post(['post_title' => 'reads test other draft', 'post_status' => 'draft', 'post_author' => $editor]);
$revisions = 'context=edit&orderby=date&order=desc&per_page=100';
$paths = [
    "/wp/v2/posts/$others_published?context=edit",
    "/wp/v2/posts/$own_draft?context=edit",
    "/wp/v2/posts/$others_draft?context=edit",
    '/wp/v2/posts/999999999?context=edit',
    "/wp/v2/posts/$others_published?context=view",
    "/wp/v2/posts/$own_draft?context=view",
    "/wp/v2/posts/$others_published/revisions?$revisions",
    "/wp/v2/posts/$own_draft/revisions?$revisions",
    '/wp/v2/posts?per_page=2&context=view',
    "/wp/v2/posts/$others_published?_fields=id,content.protected",
    '/pressdav/v1/status?_fields=plugin',
    '/pressdav/v1/reads',
    '/pressdav/v1/reads?_method=POST',
];
foreach (['the public' => 0, 'a subscriber' => $subscriber, 'an author' => $author, 'an editor' => $editor, 'the admin' => $admin] as $who => $user) {
    $batch = reads($paths, $user);
    check("$who's batch is answered", $batch->get_status() === 200, json_encode($batch->get_data()));
    $slots = $batch->get_data()['reads'] ?? [];
    check("$who gets one slot a read", count($slots) === count($paths), (string) count($slots));
    foreach ($paths as $i => $path) {
        $expected = alone($path, $user);
        $slot = $slots[$i] ?? null;
        check("$who: $path answers {$expected['status']} as alone", ($slot['status'] ?? null) === $expected['status'], json_encode($slot['status'] ?? null));
        check("$who: $path answers the same data and total as alone", json_encode($slot) === json_encode($expected),
            substr(json_encode($slot), 0, 300) . ' vs ' . substr(json_encode($expected), 0, 300));
    }
}

// The rules of core for the author, slot by slot: what differs from the admin's batch differs as core has it.
$as_author = array_column(reads($paths, $author)->get_data()['reads'], 'status');
check('an author reads their own draft but not another\'s, and another\'s published post only in the view context',
    array_slice($as_author, 0, 5) === [403, 200, 403, 404, 200], json_encode($as_author));
check('a revisions read carries the count of revisions', reads(["/wp/v2/posts/$others_published/revisions?$revisions"], $admin)->get_data()['reads'][0]['total']
    === count(wp_get_post_revisions($others_published)));
// Core's controllers pick _fields themselves; a route that does not (the plugin's status) is filtered by the server, as for a GET.
$fields = reads(['/pressdav/v1/status?_fields=plugin'], $admin)->get_data()['reads'][0]['body'] ?? null;
check('a read\'s _fields are applied as the server applies them to a GET', $fields === ['plugin' => 'pressdav'], json_encode($fields));
check('the reads route is not read from within', array_slice(array_column(reads($paths, $admin)->get_data()['reads'], 'status'), -2) === [404, 404]);

// A read is a GET, whatever its query string says.
$deleted = reads(["/wp/v2/posts/$own_draft?_method=DELETE&force=true"], $admin)->get_data()['reads'][0]['status'] ?? null;
check('a read asking for DELETE is a GET', $deleted === 200 && get_post($own_draft) !== null, json_encode($deleted));

// The limits, by the route's schema.
$refused = static fn($reads) => rest('POST', '/pressdav/v1/reads', [], $admin, json_encode($reads), ['content-type' => 'application/json']);
$hundred = array_fill(0, 100, "/wp/v2/posts/$others_published");
check('a hundred reads are taken', $refused(['reads' => $hundred])->get_status() === 200);
foreach ([
    'a hundred and one reads' => [['reads' => array_merge($hundred, ['/wp/v2/posts'])], 'rest_invalid_param'],
    'no read' => [['reads' => []], 'rest_invalid_param'],
    'a read that is no string' => [['reads' => [12]], 'rest_invalid_param'],
    'a read without its leading slash' => [['reads' => ["wp/v2/posts/$others_published"]], 'rest_invalid_param'],
    'no list of reads' => [[], 'rest_missing_callback_param'],
] as $what => [$body, $code]) {
    $answer = $refused($body);
    check("$what is a 400 $code", $answer->get_status() === 400 && ($answer->get_data()['code'] ?? '') === $code,
        $answer->get_status() . ' ' . json_encode($answer->get_data()));
}
check('only POST makes reads', rest('GET', '/pressdav/v1/reads', ['reads' => ['/wp/v2/posts']], $admin)->get_status() === 404);

wp_delete_post($others_published, true);
wp_delete_post($own_draft, true);
wp_delete_post($others_draft, true);
report('reads-test');
