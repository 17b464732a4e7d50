package org.pressdav.wordpress;

/** The site settings REST exposes to administrators ({@code /wp/v2/settings}). */
public record Settings(
        String title,
        String description,
        String url,
        String email,
        String timezone,
        String language) {
}
