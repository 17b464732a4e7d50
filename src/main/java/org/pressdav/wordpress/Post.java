package org.pressdav.wordpress;

import java.time.Instant;
import java.util.List;

/**
 * A post or a page ({@link #type()} tells which). Fields absent from a listing that asked for
 * fewer {@code _fields} are null (objects) or 0 (ids).
 */
public record Post(
        long id,
        String type,
        String slug,
        String generatedSlug,
        String status,
        String link,
        Instant dateGmt,
        Instant modifiedGmt,
        long author,
        long parent,
        String password,
        Rendered title,
        Rendered content,
        Rendered excerpt,
        List<Long> categories,
        List<Long> tags) {
}
