package org.pressdav.wordpress;

import java.time.Instant;

/**
 * An attachment of the media library. {@code drivePath}: where the drive shows it, from the
 * companion plugin's index (the path it was given on the drive, or its upload path); null from core REST.
 */
public record Media(
        long id,
        String slug,
        String status,
        String link,
        Instant dateGmt,
        Instant modifiedGmt,
        long author,
        long post,
        Rendered title,
        String mimeType,
        String mediaType,
        String sourceUrl,
        Details mediaDetails,
        String drivePath) {

    /** {@code file} is the path below the uploads folder, for example {@code 2026/11/photo.jpg}. */
    public record Details(String file, Long filesize, Integer width, Integer height) {
    }
}
