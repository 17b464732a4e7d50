package org.pressdav.wordpress;

import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of object of a site that the drive shows: its post types and taxonomies, and beside
 * them the collections every WordPress has once (media, users, comments). Everything that needs
 * "every collection" (the change feed, the cache, the plugin's index) asks this one value, so that
 * types found at run time reach all of them at once.
 */
public record SiteTypes(List<PostType> postTypes, List<Taxonomy> taxonomies) {
    /** Posts, pages, categories and tags: what every WordPress has. */
    public static final SiteTypes CORE = new SiteTypes(List.of(PostType.POST, PostType.PAGE), List.of(Taxonomy.CATEGORY, Taxonomy.TAG));

    public SiteTypes {
        postTypes = List.copyOf(postTypes);
        taxonomies = List.copyOf(taxonomies);
    }

    /** Every collection the drive shows, in the order of its top folders. */
    public List<Endpoint<?>> endpoints() {
        List<Endpoint<?>> all = new ArrayList<>();
        postTypes.forEach(type -> all.add(type.endpoint()));
        all.add(Endpoint.MEDIA);
        all.add(Endpoint.USERS);
        taxonomies.forEach(taxonomy -> all.add(taxonomy.endpoint()));
        all.add(Endpoint.COMMENTS);
        return List.copyOf(all);
    }

    /** Whether WordPress's {@code objectType} (as the change feed names it) is one of these post types. */
    public boolean isPostType(String objectType) {
        return postTypes.stream().anyMatch(type -> type.name().equals(objectType));
    }
}
