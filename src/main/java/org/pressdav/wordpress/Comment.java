package org.pressdav.wordpress;

import java.time.Instant;

/** A comment; {@code status} is {@code approved}, {@code hold}, {@code spam} or {@code trash}. */
public record Comment(
        long id,
        long post,
        long parent,
        long author,
        String authorName,
        String authorEmail,
        String authorUrl,
        Instant dateGmt,
        Rendered content,
        String link,
        String status,
        String type) {
}
