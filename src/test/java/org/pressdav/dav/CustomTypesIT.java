package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.WordPressException;

/**
 * The test bed's own post types and taxonomy (book, guide, genre: a must-use plugin registers them) on the real
 * WordPress: found in {@code wp/v2/types} and shown as {@code books/}, {@code guides/}, {@code genres/}, each listing
 * what core REST shows each role (anonymous visitors with {@code --anonymous-read}); a book's files round-trip byte for
 * byte, a guide's parent is its {@code parent.txt}, a folder made in {@code books/} is a new book; WordPress's internal
 * types only to those it lets edit them, and none of those whose objects are not posts.
 */
class CustomTypesIT {
    /** Every seeded role, and null: an anonymous visitor. */
    private static final List<String> ROLES = Arrays.asList("admin", "editor", "author", "contributor", "subscriber", null);
    private static final List<String> POST_STATUSES = List.of("publish", "future", "draft", "pending", "private");
    private static final Endpoint<Post> BOOKS = Endpoint.ofPostType("wp/v2", "books", "book");
    private static final Endpoint<Post> GUIDES = Endpoint.ofPostType("wp/v2", "guides", "guide");
    private static final Taxonomy GENRE = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");

    private static RunningDrive drive;
    private static TestBed bed;
    private static OkHttpWordPressClient wordpress;
    private static Credentials admin;

    @BeforeAll
    static void startOnFreshSeed() {
        drive = RunningDrive.startOnFreshSeed("--anonymous-read", "true");
        bed = drive.bed();
        wordpress = drive.wordpress();
        admin = bed.credentials("admin");
    }

    @AfterAll
    static void stopAndReset() {
        drive.close();
    }

    private static Credentials credentials(String role) {
        return role == null ? Credentials.ANONYMOUS : bed.credentials(role);
    }

    private static String listing(String role, String folder) {
        RunningDrive.Answer answer = drive.send(role, "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null);
        assertEquals(207, answer.status(), role + " " + folder + ": " + answer.text());
        return answer.text();
    }

    /** The ids in a listing of the drive: {@code <D:href>/books/12-dune/</D:href>} gives 12. */
    private static Set<Long> listedIds(String role, String folder) {
        Matcher m = Pattern.compile("<D:href>/" + folder + "(\\d+)[^<]*/</D:href>").matcher(listing(role, folder));
        Set<Long> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    /** What core REST shows this user of a post type, status by status (a status they may not ask for shows nothing). */
    private static Set<Long> shownByWordPress(String role, Endpoint<Post> endpoint) {
        Set<Long> ids = new TreeSet<>();
        for (String status : POST_STATUSES) {
            try {
                wordpress.list(credentials(role), endpoint, ListQuery.all().with("status", status)).items().forEach(post -> ids.add(post.id()));
            } catch (WordPressException e) {
                assertTrue(e.status() == 400 || e.status() == 401 || e.status() == 403, e.toString());
            }
        }
        return ids;
    }

    private static String get(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "GET", drive.url(path), Map.of(), null);
        assertEquals(200, answer.status(), path + ": " + answer.text());
        return answer.text();
    }

    private static int put(String role, String path, String body) {
        return drive.send(role, "PUT", drive.url(path), Map.of(), body).status();
    }

    private static Post stored(Endpoint<Post> endpoint, long id) {
        return wordpress.get(admin, endpoint, id, Context.EDIT);
    }

    @Test
    void booksAndGuidesAreWhatCoreRestShowsEachRole() {
        for (String role : ROLES) {
            assertEquals(shownByWordPress(role, BOOKS), listedIds(role, "books/"), role + ": books/");
            assertEquals(shownByWordPress(role, GUIDES), listedIds(role, "guides/"), role + ": guides/");
        }
        assertTrue(listedIds("contributor", "books/").contains(bed.id("books", "book-contributor-draft")), "their own draft");
        assertFalse(listedIds("author", "books/").contains(bed.id("books", "book-contributor-draft")), "someone else's draft");
        assertTrue(listedIds("editor", "guides/").contains(bed.id("guides", "guide-draft")), "an editor sees the draft guide");
        assertFalse(listedIds(null, "books/").contains(bed.id("books", "book-private")), "visitors see published books only");
    }

    @Test
    void genresAreWhatCoreRestShowsEachRole() {
        for (String role : ROLES) {
            Set<String> shown = new TreeSet<>();
            wordpress.list(credentials(role), GENRE.endpoint(), ListQuery.all().with("hide_empty", "false")).items()
                    .forEach(term -> shown.add(term.slug()));
            Set<String> listed = new TreeSet<>();
            Matcher m = Pattern.compile("<D:href>/genres/([^<]+)/</D:href>").matcher(listing(role, "genres/"));
            while (m.find()) {
                listed.add(m.group(1));
            }
            assertEquals(shown, listed, role + ": genres/");
        }
        assertEquals("fiction", get("editor", "genres/mystery/parent.txt"), "genres nest like categories");
    }

    @Test
    void aBooksFilesRoundTripByteForByte() {
        long novel = bed.id("books", "novel");
        String folder = drive.folder("books", novel);
        Post before = stored(BOOKS, novel);
        assertEquals(before.content().raw(), get("editor", folder + "content.html"));
        assertEquals(before.title().raw(), get("editor", folder + "title.txt"));
        assertEquals("fiction\nmystery", get("editor", folder + "genres.txt"), "the slugs of WordPress's genres field");

        String content = "<!-- wp:paragraph -->\r\n<p>Chapter one, again. 📚 Ünïcode</p>\r\n<!-- /wp:paragraph -->";
        assertEquals(204, put("editor", folder + "content.html", content));
        assertEquals(204, put("editor", folder + "title.txt", "The Longer Novel ✍"));
        assertEquals(204, put("editor", folder + "genres.txt", "poetry\n"));
        Post after = stored(BOOKS, novel);
        assertEquals(content, after.content().raw());
        assertEquals("The Longer Novel ✍", after.title().raw());
        long poetry = wordpress.list(admin, GENRE.endpoint(), ListQuery.all().with("slug", "poetry")).items().get(0).id();
        assertEquals(List.of(poetry), after.terms(GENRE));
        String renamed = drive.folder("books", novel);
        assertEquals(content, new String(drive.sendBytes("editor", "GET", drive.url(renamed + "content.html"), Map.of(), null).body(),
                StandardCharsets.UTF_8));
        assertEquals("The Longer Novel ✍", get("editor", renamed + "title.txt"));
        assertEquals("poetry", get("editor", renamed + "genres.txt"));
        assertEquals(403, put("subscriber", renamed + "title.txt", "Mine now"), "a subscriber may not edit it");
    }

    @Test
    void aGuidesParentIsItsParentsFolder() {
        long start = bed.id("guides", "guide-start");
        long next = bed.id("guides", "guide-next");
        String parentFolder = drive.folder("guides", start);
        String folder = drive.folder("guides", next);
        String parentName = parentFolder.substring("guides/".length(), parentFolder.length() - 1);
        assertEquals(parentName, get("editor", folder + "parent.txt"));
        assertEquals(204, put("editor", folder + "parent.txt", ""));
        assertEquals(0, stored(GUIDES, next).parent());
        assertEquals(204, put("editor", folder + "parent.txt", parentName + "\n"));
        assertEquals(start, stored(GUIDES, next).parent());
    }

    @Test
    void aFolderMadeInBooksIsANewBook() {
        assertEquals(201, drive.send("author", "MKCOL", drive.url("books/Notes from the drive"), Map.of(), null).status());
        assertEquals(204, put("author", "books/Notes from the drive/content.html", "<p>Written on the drive.</p>"));
        List<Post> made = wordpress.list(admin, BOOKS, ListQuery.all().with("status", "any").with("search", "Notes from the drive"))
                .items();
        assertEquals(1, made.size(), "one new book");
        Post book = stored(BOOKS, made.get(0).id());
        assertEquals("draft", book.status());
        assertEquals("Notes from the drive", book.title().raw());
        assertEquals("<p>Written on the drive.</p>", book.content().raw());
        assertEquals(bed.credentials("author").login(), wordpress.get(admin, Endpoint.USERS, book.author(), Context.EDIT).username());
        // The author's listing names it as they made it (until they leave it): deleted, it is in WordPress's trash.
        assertEquals(204, drive.send("author", "DELETE", drive.url("books/Notes from the drive/"), Map.of(), null).status());
        assertEquals("trash", stored(BOOKS, book.id()).status());
    }

    @Test
    void internalTypesShowOnlyToThoseWordPressLetsEditThemAndNonPostsNever() {
        for (String role : ROLES) {
            String root = listing(role, "");
            List<String> tops = new ArrayList<>();
            Matcher m = Pattern.compile("<D:href>/([^/<]+)/</D:href>").matcher(root);
            while (m.find()) {
                tops.add(m.group(1));
            }
            assertTrue(tops.containsAll(List.of("books", "guides", "genres")), role + ": " + tops);
            Set<String> editable = editableTypes(role);
            assertEquals(editable.contains("wp_block"), tops.contains("blocks"), role + " may edit: " + editable + "; shown: " + tops);
            assertEquals(editable.contains("wp_navigation"), tops.contains("navigation"), role + " may edit: " + editable + "; shown: " + tops);
            assertEquals(editable.contains("wp_template"), tops.contains("templates"), role + " may edit: " + editable + "; shown: " + tops);
            assertEquals(editable.contains("wp_template_part"), tops.contains("template-parts"), role + " may edit: " + editable + "; shown: " + tops);
            for (String notPosts : List.of("menu-items", "menus", "font-families")) {
                assertFalse(tops.contains(notPosts), role + ": " + tops);
            }
            // What WordPress 6.1 lets each role of the test bed edit, written out (not read through the parser the drive uses);
            // global styles to those who may edit the theme, though 6.1 does not list their type in REST.
            List<String> internal = tops.stream().filter(List.of("blocks", "navigation", "templates", "template-parts", "global-styles")::contains)
                    .toList();
            List<String> expected = switch (role == null ? "anonymous" : role) {
                case "admin" -> List.of("blocks", "navigation", "templates", "template-parts", "global-styles");
                case "editor", "author", "contributor" -> List.of("blocks");
                default -> List.of();
            };
            assertEquals(expected, internal.stream().sorted(java.util.Comparator.comparingInt(expected::indexOf)).toList(), String.valueOf(role));
        }
        assertTrue(editableTypes("admin").contains("wp_navigation"), "the test bed's administrator may edit navigation menus");
        assertTrue(editableTypes("admin").contains("wp_template"), "and templates");
        assertFalse(editableTypes("editor").contains("wp_template"), "an editor may not edit the theme");
        assertFalse(editableTypes("subscriber").contains("wp_block"));
    }

    /** The post types WordPress lists to this user in the edit context: those they may edit. */
    private static Set<String> editableTypes(String role) {
        Set<String> names = new TreeSet<>();
        if (role != null) {
            wordpress.types(credentials(role)).postTypes().stream().filter(type -> type.editCapability() != null)
                    .forEach(type -> names.add(type.name()));
        }
        return names;
    }
}
