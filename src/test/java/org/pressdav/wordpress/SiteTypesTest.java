package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteTypesTest {
    @Test
    void theCoreTypesAreTheCollectionsTheDriveHasAlwaysShownInItsOrder() {
        assertEquals(List.of(Endpoint.POSTS, Endpoint.PAGES, Endpoint.MEDIA, Endpoint.USERS, Endpoint.CATEGORIES, Endpoint.TAGS, Endpoint.COMMENTS),
                SiteTypes.CORE.endpoints());
        // The test double and the cache tell the built-in collections by identity.
        assertSame(Endpoint.POSTS, PostType.POST.endpoint());
        assertSame(Endpoint.TAGS, Taxonomy.TAG.endpoint());
    }

    @Test
    void aTypeFoundAtRunTimeIsOneMoreCollection() {
        Taxonomy genre = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");
        PostType book = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_books", List.of(genre));
        SiteTypes site = new SiteTypes(List.of(PostType.POST, book), List.of(Taxonomy.CATEGORY, genre));

        assertEquals(List.of("wp/v2/posts", "wp/v2/books", "wp/v2/media", "wp/v2/users", "wp/v2/categories", "wp/v2/genres", "wp/v2/comments"),
                site.endpoints().stream().map(Endpoint::route).toList());
        assertEquals("books", book.restBase());
        assertEquals("genre", genre.name());
        assertTrue(book.endpoint().trashable(), "a post type's objects go to the trash first");
        assertFalse(genre.endpoint().trashable(), "terms have no trash");
        assertTrue(site.isPostType("book"));
        assertFalse(site.isPostType("page"), "pages are not a type of this site");
        assertFalse(site.isPostType("genre"));
    }
}
