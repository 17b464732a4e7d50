package org.pressdav.wordpress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post or a page ({@link #type()} tells which). Fields absent from a listing that asked for
 * fewer {@code _fields}, or from a type that does not support them (a page has no {@code sticky}
 * and no {@code format}), are null (objects) or 0 (ids).
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
        Map<String, List<Long>> terms,
        long featuredMedia,
        Boolean sticky,
        String commentStatus,
        String pingStatus,
        String format,
        String template,
        Integer menuOrder) {

    /**
     * {@code terms}: the ids of the post's terms by the name of the field WordPress gives them in (the taxonomy's
     * {@code rest_base}: {@code categories}, {@code tags}, {@code genres}), as read from its REST JSON
     * ({@link #termFields}); null where the answer held none (a listing of fewer {@code _fields}).
     */
    public Post {
        terms = terms == null ? null : Map.copyOf(terms);
    }

    /** The ids of this post's terms of a taxonomy (its field named by the taxonomy's {@code rest_base}); empty where it has none. */
    public List<Long> terms(Taxonomy taxonomy) {
        return terms == null ? List.of() : terms.getOrDefault(taxonomy.restBase(), List.of());
    }

    /**
     * The fields of a post's REST JSON that hold term ids: every array of whole numbers. A post's JSON has no
     * other (WordPress gives each taxonomy of the type such a field, by its {@code rest_base}), so the terms of a
     * taxonomy found at run time are read without knowing it here.
     */
    static Map<String, List<Long>> termFields(com.fasterxml.jackson.databind.JsonNode post) {
        Map<String, List<Long>> terms = new java.util.HashMap<>();
        post.fields().forEachRemaining(field -> {
            com.fasterxml.jackson.databind.JsonNode value = field.getValue();
            boolean ids = value.isArray();
            for (com.fasterxml.jackson.databind.JsonNode item : value) {
                ids &= item.canConvertToLong() && item.isIntegralNumber();
            }
            if (ids && !field.getKey().startsWith("_")) {
                List<Long> list = new java.util.ArrayList<>();
                value.forEach(item -> list.add(item.asLong()));
                terms.put(field.getKey(), List.copyOf(list));
            }
        });
        return terms;
    }

    /** This post holding the term ids of {@code terms}. */
    Post withTerms(Map<String, List<Long>> terms) {
        return new Post(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt,
                terms, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder);
    }

    /** This post with the {@code generated_slug} and {@code title} of another read of it. */
    public Post withDraftName(Post named) {
        return new Post(id, type, slug, named.generatedSlug(), status, link, dateGmt, modifiedGmt, author, parent, password,
                named.title(), content, excerpt, terms, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder);
    }
}
