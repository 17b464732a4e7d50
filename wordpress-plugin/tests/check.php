<?php
/**
 * What the companion plugin's PHP tests share: the real test bed's WordPress, loaded, and check(),
 * which prints a line a check. Each test file ends with report(): the count, and the exit code.
 */
require getenv('PRESSDAV_TESTBED_HELPERS') . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';

$passed = 0;
$failed = 0;
function check(string $what, bool $ok, string $detail = ''): void
{
    global $passed, $failed;
    $ok ? $passed++ : $failed++;
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . ($ok || $detail === '' ? '' : ' — ' . $detail) . "\n";
}

function report(string $name): void
{
    global $passed, $failed;
    echo "$name: $passed passed, $failed failed\n";
    exit($failed === 0 ? 0 : 1);
}

/** A REST request as this user (0: the public), through WordPress's own dispatch. */
function rest(string $method, string $route, array $params = [], int $user = 0, ?string $body = null, array $headers = [])
{
    wp_set_current_user($user);
    $request = new WP_REST_Request($method, $route);
    $method === 'GET' || $method === 'DELETE' ? $request->set_query_params($params) : $request->set_body_params($params);
    if ($body !== null) {
        $request->set_body($body);
    }
    foreach ($headers as $name => $value) {
        $request->set_header($name, $value);
    }
    return rest_do_request($request);
}
