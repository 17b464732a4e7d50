package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.InMemoryTemplates;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Taxonomy;

/** The clash rule of the README: a found kind's folder is its rest_base, else {@code <rest_base>-<name>}, else numbered. */
class KindRegistryTest {
    @Test
    void aFreeRestBaseIsTheFolderAndATakenOneGetsTheNameThenANumber() {
        Set<String> taken = new HashSet<>(KindRegistry.FIXED);
        assertEquals("books", KindRegistry.folderName("books", "book", taken));
        assertEquals("trash-bin", KindRegistry.folderName("trash", "bin", taken), "trash/ is the drive's own");
        assertEquals("BOOKS-volume", KindRegistry.folderName("BOOKS", "volume", taken), "names are compared without case");
        assertEquals("books-volume-other", KindRegistry.folderName("books-volume", "other", taken), "BOOKS-volume took it");
        assertEquals("books-volume-2", KindRegistry.folderName("books", "volume", taken));
        assertEquals("a-b", KindRegistry.folderName("a/b", "x", taken), "a safe name: no slash");
    }

    @Test
    void postTypesAreNamedBeforeTaxonomiesAndWhatIsNotAPostOrATermIsLeftOut() {
        Taxonomy genre = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");
        Taxonomy menus = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "menus", "nav_menu"), false, "nav_menu");
        PostType genres = new PostType(Endpoint.ofPostType("wp/v2", "genres", "genre_page"), false, null, List.of());
        PostType template = new PostType(Endpoint.ofPostType("wp/v2", "templates", "wp_template"), false, null, List.of());
        PostType block = new PostType(Endpoint.ofPostType("wp/v2", "blocks", "wp_block"), false, null, List.of());
        SiteTypes site = new SiteTypes(List.of(PostType.POST, PostType.PAGE, genres, template, block),
                List.of(Taxonomy.CATEGORY, Taxonomy.TAG, genre, menus));

        KindRegistry.Kinds kinds = KindRegistry.found(site, KindRegistry.Kinds.CORE);

        assertEquals(List.of("genres", "blocks"), kinds.postTypes().stream().map(KindRegistry.Found::folder).toList());
        assertEquals(List.of(false, true), kinds.postTypes().stream().map(KindRegistry.Found::internal).toList());
        assertEquals(List.of("genres-genre"), kinds.taxonomies().stream().map(KindRegistry.Found::folder).toList());
        assertEquals(List.of("post", "page", "genre_page", "wp_block"), kinds.types().postTypes().stream().map(PostType::name).toList());
        // Templates are no posts: a kind of their own, in the folder of their rest_base, never among the drive's post types.
        assertEquals(List.of("templates"), kinds.templates().stream().map(KindRegistry.Found::folder).toList());
    }

    @Test
    void aTemplateTypesCollectionHoldsTemplatesAndAWriteElsewhereInItsFolderIsForgotten() {
        try (KindRegistry registry = new KindRegistry(new InMemoryWordPress().registerPostType(InMemoryTemplates.TEMPLATE_TYPE)
                .registerPostType(InMemoryTemplates.PART_TYPE), Duration.ZERO)) {
            assertEquals(List.of(Endpoint.ofTemplates("wp/v2", "templates", "wp_template")), registry.endpointsOf("templates"));
            assertEquals(List.of(Endpoint.ofTemplates("wp/v2", "template-parts", "wp_template_part")), registry.endpointsOf("template-parts"));
        }
    }

    @Test
    void aFoldersCollectionIsFoundByTheNameItWasGivenSoThatAWriteElsewhereThereIsForgotten() {
        PostType topic = new PostType(Endpoint.ofPostType("wp/v2", "tags", "topic"), false, "edit_posts", List.of());
        try (KindRegistry registry = new KindRegistry(new InMemoryWordPress().registerPostType(topic), Duration.ZERO)) {
            assertEquals(List.of(topic.endpoint()), registry.endpointsOf("tags-topic"));
            assertEquals(List.of(Endpoint.TAGS), registry.endpointsOf("tags"), "tags/ is the drive's own");
            assertEquals(List.of(Endpoint.POSTS), registry.endpointsOf("posts"));
            assertEquals(List.of(), registry.endpointsOf("nothing"));
        }
    }

    @Test
    void aKindKeepsItsFolderWhenOneRegisteredLaterWithTheSameRestBaseComesFirstInWordPresssOrder() {
        PostType book = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, null, List.of());
        PostType volume = new PostType(Endpoint.ofPostType("wp/v2", "books", "volume"), false, null, List.of());
        KindRegistry.Kinds before = KindRegistry.found(new SiteTypes(List.of(PostType.POST, PostType.PAGE, book), List.of()), KindRegistry.Kinds.CORE);

        KindRegistry.Kinds after = KindRegistry.found(new SiteTypes(List.of(PostType.POST, PostType.PAGE, volume, book), List.of()), before);

        assertEquals(List.of("books-volume", "books"), after.postTypes().stream().map(KindRegistry.Found::folder).toList());
        KindRegistry.Kinds bookGone = KindRegistry.found(new SiteTypes(List.of(PostType.POST, PostType.PAGE, volume), List.of()), after);
        assertEquals(List.of("books-volume"), bookGone.postTypes().stream().map(KindRegistry.Found::folder).toList(), "a kind keeps its folder");
        KindRegistry.Kinds afresh = KindRegistry.found(new SiteTypes(List.of(PostType.POST, PostType.PAGE, volume), List.of()), KindRegistry.Kinds.CORE);
        assertEquals(List.of("books"), afresh.postTypes().stream().map(KindRegistry.Found::folder).toList(), "the next start names it afresh");
    }

    @Test
    void aReadingWhoseFoldersCannotBeMadeLeavesTheDriveAsItWas() {
        InMemoryWordPress wordpress = new InMemoryWordPress();
        AtomicBoolean broken = new AtomicBoolean();
        try (KindRegistry registry = new KindRegistry(wordpress, Duration.ZERO)) {
            registry.start(kinds -> {
                if (broken.get()) {
                    throw new IllegalStateException("a folder that cannot be made");
                }
                return List.of();
            });
            wordpress.registerPostType(new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_posts", List.of()));
            broken.set(true);

            assertDoesNotThrow(registry::refresh);
            assertEquals(List.of("post", "page"), registry.types().postTypes().stream().map(PostType::name).toList(), "the kinds go with their folders");

            broken.set(false);
            registry.refresh();
            assertEquals(List.of("post", "page", "book"), registry.types().postTypes().stream().map(PostType::name).toList());
        }
    }

    @Test
    void theScheduledReadingGoesOnAfterOneFailed() throws InterruptedException {
        AtomicInteger assembled = new AtomicInteger();
        try (KindRegistry registry = new KindRegistry(new InMemoryWordPress(), Duration.ofMillis(10))) {
            registry.start(kinds -> {
                if (assembled.incrementAndGet() == 2) {
                    throw new IllegalStateException("the first scheduled reading fails");
                }
                return List.of();
            });
            Instant until = Instant.now().plusSeconds(10);
            while (assembled.get() < 3 && Instant.now().isBefore(until)) {
                Thread.sleep(10);
            }
            assertTrue(assembled.get() >= 3, "readings after the failed one: " + (assembled.get() - 2));
        }
    }
}
