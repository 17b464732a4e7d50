<?php
// Loads WordPress for the test bed's command-line helpers. HTTP_HOST must be in the
// environment: Debian's wp-config.php picks /etc/wordpress/config-<host>.php by it.
if (PHP_SAPI !== 'cli') {
    exit(1);
}
if (empty($_SERVER['HTTP_HOST'])) {
    fwrite(STDERR, "HTTP_HOST is not set\n");
    exit(2);
}
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_NAME'] = $_SERVER['HTTP_HOST'];
$_SERVER['REQUEST_URI'] = '/';

function testbed_fail(string $message): never
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}

/** Every helper prints one JSON document on stdout for the shell script to read. */
function testbed_print(array $result): void
{
    echo json_encode($result, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
}

function testbed_app_password(int $user_id): string
{
    [$password] = WP_Application_Passwords::create_new_application_password($user_id, ['name' => 'pressdav-testbed']);
    return $password;
}

/** Debian's wordpress package keeps the code here; ABSPATH is only defined once it is loaded. */
const TESTBED_WORDPRESS = '/usr/share/wordpress/';
