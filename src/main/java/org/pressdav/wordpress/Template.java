package org.pressdav.wordpress;

/**
 * A block template or template part as WordPress's templates controller gives it ({@code wp/v2/templates},
 * {@code wp/v2/template-parts}, {@code context=edit}): not a post, though a user's copy is kept as one. {@code id} is
 * a string, {@code <theme>//<slug>}; {@code source} says whose it is now: {@code theme} (the theme's file, never
 * saved) or {@code custom} (a user's copy, {@code wpId} its post, or a template the user made);
 * {@code hasThemeFile}: the theme has a file of it, which deleting the user's copy brings back. {@code area}: a
 * part's area ({@code header}, {@code footer}, {@code uncategorized}); null for templates.
 */
public record Template(
        String id,
        String theme,
        String slug,
        String source,
        String type,
        Rendered content,
        Rendered title,
        String description,
        String status,
        long wpId,
        boolean hasThemeFile,
        String area) {

    /** Whether this is a user's copy (or a user's own template) rather than the theme's file as it is. */
    public boolean isCustom() {
        return "custom".equals(source);
    }
}
