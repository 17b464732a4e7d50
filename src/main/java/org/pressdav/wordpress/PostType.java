package org.pressdav.wordpress;

import java.util.List;

/**
 * A post type as WordPress publishes it ({@code wp/v2/types}): the collection of its objects,
 * whether they nest ({@code parent}), the capability that lets a user edit them (its
 * {@code edit_posts}; null where WordPress did not say, to a user who may edit no type), and the
 * taxonomies whose terms they carry. Posts and pages are two values of it.
 */
public record PostType(Endpoint<Post> endpoint, boolean hierarchical, String editCapability, List<Taxonomy> taxonomies) {
    public static final PostType POST = new PostType(Endpoint.POSTS, false, "edit_posts", List.of(Taxonomy.CATEGORY, Taxonomy.TAG));
    public static final PostType PAGE = new PostType(Endpoint.PAGES, true, "edit_pages", List.of());

    public PostType {
        taxonomies = List.copyOf(taxonomies);
    }

    /** WordPress's name of it: {@code post}, {@code page}. */
    public String name() {
        return endpoint.objectType();
    }

    /** Its {@code rest_base}: {@code posts}, {@code pages}. */
    public String restBase() {
        return endpoint.restBase();
    }
}
