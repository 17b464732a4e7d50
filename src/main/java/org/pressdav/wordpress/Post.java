package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

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
        List<Long> categories,
        List<Long> tags,
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
            long author, long parent, String password, Rendered title, Rendered content, Rendered excerpt, List<Long> categories,
            List<Long> tags, long featuredMedia, Boolean sticky, String commentStatus, String pingStatus, String format, String template,
            Integer menuOrder) {
        this(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt, categories,
                tags, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, null);
    }

    /**
     * The ids of this post's terms of a taxonomy, named by its {@code rest_base} as WordPress names
     * the post's field. Only categories and tags are read into a post so far.
     */
    public List<Long> terms(Taxonomy taxonomy) {
        return switch (taxonomy.restBase()) {
            case "categories" -> categories;
            case "tags" -> tags;
            default -> throw new IllegalArgumentException("a post does not hold the terms of " + taxonomy.name() + " yet");
        };
    }

    /** This post with the {@code generated_slug} and {@code title} of another read of it. */
    public Post withDraftName(Post named) {
        return new Post(id, type, slug, named.generatedSlug(), status, link, dateGmt, modifiedGmt, author, parent, password,
                named.title(), content, excerpt, categories, tags, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder,
                meta);
    }

    /** This post with these meta values. */
    public Post withMeta(JsonNode values) {
        return new Post(id, type, slug, generatedSlug, status, link, dateGmt, modifiedGmt, author, parent, password, title, content, excerpt,
                categories, tags, featuredMedia, sticky, commentStatus, pingStatus, format, template, menuOrder, values);
    }
}
