package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * The types and taxonomies of WordPress's answers from {@code wp/v2/types} and {@code wp/v2/taxonomies}, in
     * their order. In the edit context each type names the capability to edit it and the features it supports, and
     * each taxonomy its singular label; in the view context (a user who may edit no type) the capability is null and a term's noun is its
     * taxonomy's name. Attachments are left out: the drive reads them as media ({@link Endpoint#MEDIA}).
     */
    static SiteTypes read(JsonNode types, JsonNode taxonomies) {
        Map<String, Taxonomy> byName = new LinkedHashMap<>();
        taxonomies.forEach(taxonomy -> {
            String name = taxonomy.path("slug").asText();
            String singular = taxonomy.path("labels").path("singular_name").asText("");
            byName.put(name, new Taxonomy(Endpoint.ofTaxonomy(namespace(taxonomy), taxonomy.path("rest_base").asText(name), name),
                    taxonomy.path("hierarchical").asBoolean(), singular.isEmpty() ? name : singular.toLowerCase(Locale.ROOT)));
        });
        List<PostType> postTypes = new ArrayList<>();
        types.forEach(type -> {
            String name = type.path("slug").asText();
            if (name.equals(Endpoint.MEDIA.objectType())) {
                return;
            }
            List<Taxonomy> own = new ArrayList<>();
            type.path("taxonomies").forEach(taxonomy -> {
                if (byName.containsKey(taxonomy.asText())) {
                    own.add(byName.get(taxonomy.asText()));
                }
            });
            JsonNode capability = type.path("capabilities").path("edit_posts");
            Set<String> supports = new HashSet<>();
            type.path("supports").fields().forEachRemaining(feature -> {
                if (feature.getValue().asBoolean() || feature.getValue().isObject() || feature.getValue().isArray()) {
                    supports.add(feature.getKey());
                }
            });
            postTypes.add(new PostType(Endpoint.ofPostType(namespace(type), type.path("rest_base").asText(name), name),
                    type.path("hierarchical").asBoolean(), capability.isTextual() ? capability.asText() : null, own, supports));
        });
        return new SiteTypes(postTypes, List.copyOf(byName.values()));
    }

    private static String namespace(JsonNode described) {
        String namespace = described.path("rest_namespace").asText("");
        return namespace.isEmpty() ? "wp/v2" : namespace;
    }

    /** Whether WordPress's {@code objectType} (as the change feed names it) is one of these post types. */
    public boolean isPostType(String objectType) {
        return postTypes.stream().anyMatch(type -> type.name().equals(objectType));
    }
}
