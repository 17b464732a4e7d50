<?php
// Switches the test bed's theme: `blocks` is the test bed's block theme (scripts/testbed/themes, copied in by `up`),
// whose templates and template parts WordPress then lists in REST; `none` is the theme the install names and
// Debian's package does not ship, as the seed has it (no templates at all). `reset` restores the seed's too.
require __DIR__ . '/bootstrap.php';
require_once TESTBED_WORDPRESS . 'wp-load.php';
$which = $argv[1] ?? '';
if ($which === 'blocks') {
    $theme = wp_get_theme('pressdav-testbed-blocks');
    if (!$theme->exists()) {
        testbed_fail('the test bed block theme is not in wp-content/themes: run scripts/wordpress up');
    }
    switch_theme($theme->get_stylesheet());
} elseif ($which === 'none') {
    // switch_theme() reads the theme's files; the seed's theme has none, so its options are set as wp_install() sets them.
    update_option('template', WP_DEFAULT_THEME);
    update_option('stylesheet', WP_DEFAULT_THEME);
    delete_option('current_theme');
} else {
    testbed_fail('usage: switch-theme.php blocks|none');
}
testbed_print(['theme' => get_option('stylesheet'), 'block_theme' => wp_is_block_theme()]);
