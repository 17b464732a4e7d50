package org.pressdav.wordpress;

/** A category or a tag ({@link #taxonomy()} tells which); tags have no parent (0). */
public record Term(
        long id,
        String name,
        String slug,
        String description,
        String taxonomy,
        long parent,
        long count,
        String link) {
}
