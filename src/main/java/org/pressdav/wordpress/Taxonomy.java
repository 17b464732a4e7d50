package org.pressdav.wordpress;

/**
 * A taxonomy as WordPress publishes it ({@code wp/v2/taxonomies}): the collection of its terms,
 * whether its terms nest ({@code parent}), and the {@code noun} a message calls one of its terms.
 * Categories and tags are two values of it.
 */
public record Taxonomy(Endpoint<Term> endpoint, boolean hierarchical, String noun) {
    public static final Taxonomy CATEGORY = new Taxonomy(Endpoint.CATEGORIES, true, "category");
    public static final Taxonomy TAG = new Taxonomy(Endpoint.TAGS, false, "tag");

    /** WordPress's name of it: {@code category}, {@code post_tag}. */
    public String name() {
        return endpoint.objectType();
    }

    /**
     * Its {@code rest_base}: the name of its collection, and of the field in which a post lists its
     * terms ({@code categories}, {@code tags}).
     */
    public String restBase() {
        return endpoint.restBase();
    }
}
