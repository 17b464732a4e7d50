package org.pressdav.wordpress;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A post or a page ({@link #type()} tells which). Fields absent from a listing that asked for
 * fewer {@code _fields}, or from a type that does not support them (a page has no {@code sticky}
 * and no {@code format}), are null (objects) or 0 (ids). {@code meta}: the registered meta WordPress
 * shows in REST ({@code show_in_rest}), an object of key and value, or an empty array where the type
 * has none; null where the read did not ask for it (a listing).
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
        @JsonIgnore Map<String, List<Long>> terms,
        long featuredMedia,
        Boolean sticky,
        String commentStatus,
        String pingStatus,
        String format,
        String template,
        Integer menuOrder,
        JsonNode meta) {

    /** A post read without its meta. */
    public Post(long id, String type, String slug, String generatedSlug, String status, String link, Instant dateGmt, Instant modifiedGmt,
            long author, long parent, String password, Rendered title, Rendered content, Rendered excerpt, Map<String, List<Long>> terms,
            long featuredMedia, Boolean sticky, String commentStatus, String pingStatus, String format, String template, Integer menuOrder) {
        this(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt, terms,
                featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, null);
    }

    /**
     * {@code terms}: the ids of the post's terms by the name of the field WordPress gives them in (the taxonomy's
     * {@code rest_base}: {@code categories}, {@code tags}, {@code genres}), as {@link JsonCodec} reads them from its REST
     * JSON ({@link #termFields}): empty where the answer held none (a listing of fewer {@code _fields}). Never bound by
     * Jackson: a field named {@code terms} is a plugin's, of any shape, not WordPress's terms. Null only in a post made
     * in code without them.
     */
    public Post {
        terms = terms == null ? null : Map.copyOf(terms);
    }

    /** The ids of this post's terms of a taxonomy (its field named by the taxonomy's {@code rest_base}); empty where it has none. */
    public List<Long> terms(Taxonomy taxonomy) {
        return terms == null ? List.of() : terms.getOrDefault(taxonomy.restBase(), List.of());
    }

    /**
     * The fields of a post's REST JSON that may hold term ids: every top-level array of whole numbers (but
     * {@code meta} and {@code _links}). WordPress gives each taxonomy of the type such a field, by its
     * {@code rest_base}, so the terms of a taxonomy found at run time are read without knowing it here. A plugin's
     * field may be such an array too: it is kept but never read, since terms are looked up only by a taxonomy of the
     * type ({@link #terms(Taxonomy)}).
     */
    static Map<String, List<Long>> termFields(JsonNode post) {
        Map<String, List<Long>> terms = new HashMap<>();
        post.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            boolean ids = value.isArray();
            for (JsonNode item : value) {
                ids &= item.canConvertToLong() && item.isIntegralNumber();
            }
            if (ids && !field.getKey().startsWith("_") && !field.getKey().equals("meta")) {
                List<Long> list = new ArrayList<>();
                value.forEach(item -> list.add(item.asLong()));
                terms.put(field.getKey(), List.copyOf(list));
            }
        });
        return terms;
    }

    /** This post holding the term ids of {@code terms}. */
    Post withTerms(Map<String, List<Long>> terms) {
        return new Post(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt,
                terms, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, meta);
    }

    /** This post with the {@code generated_slug} and {@code title} of another read of it. */
    public Post withDraftName(Post named) {
        return new Post(id, type, slug, named.generatedSlug(), status, link, dateGmt, modifiedGmt, author, parent, password,
                named.title(), content, excerpt, terms, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, meta);
    }

    /** This post with these meta values. */
    public Post withMeta(JsonNode values) {
        return new Post(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt,
                terms, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, values);
    }
}
