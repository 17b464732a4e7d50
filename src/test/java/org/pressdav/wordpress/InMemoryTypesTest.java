package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory WordPress publishes its post types and taxonomies as {@code wp/v2/types} and {@code wp/v2/taxonomies} do. */
class InMemoryTypesTest {
    private static final Credentials ADMIN = Credentials.of("admin", "admin-pass");
    private static final Credentials AUTHOR = Credentials.of("author", "author-pass");
    private static final Credentials SUBSCRIBER = Credentials.of("subscriber", "subscriber-pass");

    private static final Taxonomy GENRE = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");
    private static final PostType BOOK = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_pages", List.of(GENRE));

    private final InMemoryWordPress wordpress = new InMemoryWordPress().registerPostType(BOOK);

    @Test
    void eachUserIsGivenTheTypesTheyMayEditWithTheirTaxonomies() {
        assertEquals(new SiteTypes(List.of(PostType.POST, PostType.PAGE, BOOK), List.of(Taxonomy.CATEGORY, Taxonomy.TAG, GENRE)),
                wordpress.types(ADMIN));
        assertEquals(new SiteTypes(List.of(PostType.POST), List.of(Taxonomy.CATEGORY, Taxonomy.TAG)), wordpress.types(AUTHOR),
                "an author may edit posts, not pages nor books (edit_pages)");
    }

    @Test
    void whoMayEditNoTypeSeesThemAllWithoutWhoMayEditThem() {
        for (Credentials who : List.of(SUBSCRIBER, Credentials.ANONYMOUS)) {
            SiteTypes types = wordpress.types(who);
            assertEquals(List.of("posts", "pages", "books"), types.postTypes().stream().map(PostType::restBase).toList());
            types.postTypes().forEach(type -> assertNull(type.editCapability(), type.name()));
            assertEquals(List.of("category", "post_tag", "genre"), types.taxonomies().stream().map(Taxonomy::noun).toList());
            assertEquals(types.taxonomies().subList(0, 2), types.postTypes().get(0).taxonomies());
        }
    }
}
