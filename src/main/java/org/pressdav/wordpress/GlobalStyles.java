package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The user's global styles of the active theme, as WordPress's global styles controller gives them
 * ({@code wp/v2/global-styles/<id>}, {@code context=edit}): what the site editor's Styles panel saved over the theme's
 * {@code theme.json}. {@code id} is the {@code wp_global_styles} post WordPress keeps them in, {@code stylesheet} the
 * active theme's ({@code twentytwentythree}); {@code settings} and {@code styles} are JSON objects, empty where
 * nothing was saved.
 */
public record GlobalStyles(long id, String stylesheet, JsonNode settings, JsonNode styles) {
}
