package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A category or a tag ({@link #taxonomy()} tells which); tags have no parent (0). {@code meta}: the registered
 * term meta WordPress shows in REST, as {@link Post#meta()}; null where the read did not carry it.
 */
public record Term(
        long id,
        String name,
        String slug,
        String description,
        String taxonomy,
        long parent,
        long count,
        String link,
        JsonNode meta) {

    /** A term read without its meta. */
    public Term(long id, String name, String slug, String description, String taxonomy, long parent, long count, String link) {
        this(id, name, slug, description, taxonomy, parent, count, link, null);
    }

    /** This term with these meta values. */
    public Term withMeta(JsonNode values) {
        return new Term(id, name, slug, description, taxonomy, parent, count, link, values);
    }
}
