package org.pressdav.wordpress;

import java.util.List;
import java.util.Set;

/**
 * A post type as WordPress publishes it ({@code wp/v2/types}): the collection of its objects,
 * whether they nest ({@code parent}), the capability that lets a user edit them (its
 * {@code edit_posts}; null where WordPress did not say, to a user who may edit no type), and the
 * taxonomies whose terms they carry, and the features it {@code supports} ({@code thumbnail},
 * {@code comments}, {@code page-attributes}, …), which decide the fields its objects have in REST
 * (WordPress gives them in the edit context only: empty where it did not say). Posts and pages
 * are two values of it, with the features WordPress registers for them.
 */
public record PostType(Endpoint<Post> endpoint, boolean hierarchical, String editCapability, List<Taxonomy> taxonomies, Set<String> supports) {
    public static final PostType POST = new PostType(Endpoint.POSTS, false, "edit_posts", List.of(Taxonomy.CATEGORY, Taxonomy.TAG),
            Set.of("title", "editor", "author", "thumbnail", "excerpt", "trackbacks", "custom-fields", "comments", "revisions", "post-formats"));
    public static final PostType PAGE = new PostType(Endpoint.PAGES, true, "edit_pages", List.of(),
            Set.of("title", "editor", "author", "thumbnail", "page-attributes", "custom-fields", "comments", "revisions"));

    public PostType {
        taxonomies = List.copyOf(taxonomies);
        supports = Set.copyOf(supports);
    }

    /** A type whose features WordPress did not say (the view context). */
    public PostType(Endpoint<Post> endpoint, boolean hierarchical, String editCapability, List<Taxonomy> taxonomies) {
        this(endpoint, hierarchical, editCapability, taxonomies, Set.of());
    }

    /** Whether it supports this feature, as {@code post_type_supports} says. */
    public boolean supports(String feature) {
        return supports.contains(feature);
    }

    /** Whether its objects can be stuck to the front page: WordPress's REST has {@code sticky} for posts alone. */
    public boolean sticks() {
        return name().equals("post");
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
