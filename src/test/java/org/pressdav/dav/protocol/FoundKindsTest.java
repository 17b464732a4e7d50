package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.CONTRIBUTOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.Taxonomy;

/**
 * The post types and taxonomies WordPress publishes are the drive's top folders, found rather than listed: one
 * registered by a plugin at run time shows after the next reading of them (a change of settings in the change feed,
 * or {@code --types-refresh}) and leaves when it is gone; a name that would clash gets the README's other name;
 * WordPress's internal types show only to those who may edit them.
 */
class FoundKindsTest {
    /** Long enough for a loaded machine; the drive reads every 100 ms. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Taxonomy GENRE = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");
    private static final PostType BOOK = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_posts", List.of(GENRE),
            java.util.Set.of("title", "editor", "revisions"));
    private static final PostType GUIDE = new PostType(Endpoint.ofPostType("wp/v2", "guides", "guide"), true, "edit_pages", List.of());

    private static String root(InProcessDrive drive, Account who) {
        return drive.send(who, "PROPFIND", "", Map.of("Depth", "1"), null).text();
    }

    private static boolean lists(String listing, String folder) {
        return listing.contains("<D:href>/" + folder + "/</D:href>");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aTypeRegisteredAtRunTimeShowsAfterAChangeOfSettingsAndLeavesWhenItIsGone() throws InterruptedException {
        InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--change-poll", "100ms", "--types-refresh", "0s")) {
            assertFalse(lists(root(drive, ADMIN), "books"), root(drive, ADMIN));

            // Only the plugin's activation is reported (as a change of settings): nothing else tells the drive to read the types again.
            wordpress.activatePluginRegistering(BOOK);
            long book = wordpress.addPost("book", ADMIN.id(), "publish", "Dune", "Arrakis");
            wordpress.plugin().awaitFeedFollowedPast(wordpress.plugin().feedHead(), PATIENCE);
            String listing = root(drive, ADMIN);
            assertTrue(lists(listing, "books") && lists(listing, "genres"), listing);
            assertEquals("Dune", drive.send(ADMIN, "GET", "books/" + book + "-dune/title.txt", Map.of(), null).text());
            // Cached for the feed's hour now: an edit made in wp-admin is forgotten by the books' route the feed follows.
            wordpress.retitle(book, "Dune Messiah");
            wordpress.plugin().awaitFeedFollowedPast(wordpress.plugin().feedHead(), PATIENCE);
            assertEquals("Dune Messiah", drive.send(ADMIN, "GET", "books/" + book + "-dune/title.txt", Map.of(), null).text());

            wordpress.deactivatePluginRegistering("book");
            wordpress.plugin().awaitFeedFollowedPast(wordpress.plugin().feedHead(), PATIENCE);
            assertFalse(lists(root(drive, ADMIN), "books"), root(drive, ADMIN));
            assertFalse(lists(root(drive, ADMIN), "genres"), root(drive, ADMIN));
            assertEquals(404, drive.send(ADMIN, "GET", "books/" + book + "-dune/title.txt", Map.of(), null).status());
        }
    }

    @Test
    void withoutTheChangeFeedTheTypesAreReadAgainEveryTypesRefresh() throws InterruptedException {
        InMemoryWordPress wordpress = new InMemoryWordPress();
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--types-refresh", "100ms")) {
            assertFalse(lists(root(drive, EDITOR), "guides"), root(drive, EDITOR));
            wordpress.registerPostType(GUIDE);
            await(() -> lists(root(drive, EDITOR), "guides"), "guides/ is shown once the types are read again");
            wordpress.unregisterPostType("guide");
            await(() -> !lists(root(drive, EDITOR), "guides"), "guides/ leaves once the types are read again");
        }
    }

    @Test
    void aBooksGenresAndAGuidesParentAreFilesLikeAPostsCategoriesAndAPagesParent() {
        InMemoryWordPress wordpress = new InMemoryWordPress().registerPostType(BOOK).registerPostType(GUIDE);
        long fantasy = wordpress.addTerm("genre", "Fantasy");
        long book = wordpress.addPost("book", EDITOR.id(), "publish", "Dune", "Arrakis");
        long parent = wordpress.addPost("guide", EDITOR.id(), "publish", "Basics", "");
        long child = wordpress.addPost("guide", EDITOR.id(), "publish", "Advanced", "");
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            String folder = "books/" + book + "-dune/";
            assertEquals("", drive.send(EDITOR, "GET", folder + "genres.txt", Map.of(), null).text());
            assertEquals(204, drive.send(EDITOR, "PUT", folder + "genres.txt", Map.of(), "fantasy").status());
            assertEquals(List.of(fantasy), wordpress.post(book).terms(GENRE), "written back in the book's genres field");
            assertEquals("fantasy", drive.send(EDITOR, "GET", folder + "genres.txt", Map.of(), null).text());
            assertTrue(drive.send(EDITOR, "PROPFIND", "genres/", Map.of("Depth", "1"), null).text().contains("<D:href>/genres/fantasy/</D:href>"));

            String guide = "guides/" + child + "-advanced/";
            assertEquals(204, drive.send(EDITOR, "PUT", guide + "parent.txt", Map.of(), parent + "-basics").status());
            assertEquals(parent, wordpress.post(child).parent());
            assertEquals(parent + "-basics", drive.send(EDITOR, "GET", guide + "parent.txt", Map.of(), null).text());
            assertEquals(404, drive.send(EDITOR, "GET", folder + "parent.txt", Map.of(), null).status(), "books do not nest");
        }
    }

    @Test
    void aRestBaseThatIsTakenGetsTheTypesNameToo() {
        // A plugin's type whose rest_base is the drive's own tags/, and a taxonomy that is another's books/.
        PostType topic = new PostType(Endpoint.ofPostType("wp/v2", "tags", "topic"), false, "edit_posts", List.of(), java.util.Set.of("title"));
        Taxonomy shelf = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "Books", "shelf"), false, "shelf");
        PostType shelved = new PostType(Endpoint.ofPostType("wp/v2", "shelved", "shelved"), false, "edit_posts", List.of(shelf));
        InMemoryWordPress wordpress = new InMemoryWordPress().registerPostType(BOOK).registerPostType(topic).registerPostType(shelved);
        long post = wordpress.addPost("topic", ADMIN.id(), "publish", "On tags", "");
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            String listing = root(drive, ADMIN);
            assertTrue(lists(listing, "tags") && lists(listing, "tags-topic"), listing);
            assertTrue(lists(listing, "books") && lists(listing, "Books-shelf"), "Finder's books/ is Books/: " + listing);
            assertEquals("On tags", drive.send(ADMIN, "GET", "tags-topic/" + post + "-on-tags/title.txt", Map.of(), null).text());
        }
    }

    @Test
    void internalTypesShowOnlyToThoseWhoMayEditThem() {
        // As WordPress registers them: reusable blocks for whoever may edit posts, navigation menus for who may edit the theme.
        PostType blocks = new PostType(Endpoint.ofPostType("wp/v2", "blocks", "wp_block"), false, "edit_posts", List.of());
        PostType navigation = new PostType(Endpoint.ofPostType("wp/v2", "navigation", "wp_navigation"), false, "edit_theme_options", List.of());
        InMemoryWordPress wordpress = new InMemoryWordPress().registerPostType(blocks).registerPostType(navigation);
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--anonymous-read", "true")) {
            for (Account who : new Account[] {null, SUBSCRIBER}) {
                String listing = root(drive, who);
                assertFalse(lists(listing, "blocks") || lists(listing, "navigation"), listing);
                assertEquals(404, drive.send(who, "PROPFIND", "blocks/", Map.of("Depth", "1"), null).status());
            }
            for (Account who : new Account[] {CONTRIBUTOR, EDITOR}) {
                String listing = root(drive, who);
                assertTrue(lists(listing, "blocks"), who.login() + " may edit blocks: " + listing);
                assertFalse(lists(listing, "navigation"), who.login() + " may not edit the theme: " + listing);
                assertEquals(207, drive.send(who, "PROPFIND", "blocks/", Map.of("Depth", "1"), null).status());
            }
            String listing = root(drive, ADMIN);
            assertTrue(lists(listing, "blocks") && lists(listing, "navigation"), listing);
        }
    }
}
