package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.cache.ChangeFeed;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Comment;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.User;

/**
 * Edits made in WordPress itself (over REST, and from PHP as a plugin or wp-admin makes them)
 * show on the drive within the change feed's poll, while cached reads would live an hour: the
 * companion plugin's feed makes pressdav forget exactly what changed, for every user. A custom
 * type's meta and terms set from PHP are changes of the object, by its type.
 */
class ChangeFeedIT {
    private static RunningDrive drive;
    private static TestBed bed;
    private static OkHttpWordPressClient wordpress;
    private static Credentials admin;

    @BeforeAll
    static void start() {
        drive = RunningDrive.startOnFreshSeed("--feed-cache-ttl", "1h", "--change-poll", "1s");
        bed = drive.bed();
        wordpress = drive.wordpress();
        admin = bed.credentials("admin");
    }

    @AfterAll
    static void stop() {
        drive.close();
    }

    /** Waits up to ten seconds (ten polls) for what the drive shows to become {@code expected}. */
    private static void eventually(String expected, Supplier<String> shown) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 40; i++) {
            last = shown.get();
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(expected, last, "what the drive shows after ten seconds");
    }

    private static String get(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "GET", drive.url(path), Map.of(), null);
        return answer.status() == 200 ? answer.text() : "HTTP " + answer.status();
    }

    @Test
    void anEditOverRestAndOneFromPhpShowWithinAPoll() throws Exception {
        long id = bed.id("posts", "arabic");
        String folder = drive.postFolder(id);
        assertEquals(bed.seedData().at("/posts/2/title").asText(), get("editor", folder + "title.txt"));
        assertEquals(bed.seedData().at("/posts/2/title").asText(), get("subscriber", folder + "title.txt"));
        wordpress.update(admin, Endpoint.POSTS, id, Map.of("title", "Edited in wp-admin"));
        eventually("Edited in wp-admin", () -> get("editor", folder + "title.txt"));
        eventually("Edited in wp-admin", () -> get("subscriber", folder + "title.txt"));
        bed.script("update-post", String.valueOf(id), "Edited from PHP");
        eventually("Edited from PHP", () -> get("editor", folder + "title.txt"));
    }

    @Test
    void trashUntrashAndDeleteShowWithinAPoll() throws Exception {
        long id = bed.id("posts", "same-title-1");
        String folder = drive.postFolder(id);
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(folder), Map.of("Depth", "0"), null).status());
        wordpress.trash(admin, Endpoint.POSTS, id);
        eventually("HTTP 404", () -> get("author", folder + "title.txt"));
        wordpress.update(admin, Endpoint.POSTS, id, Map.of("status", "publish"));
        eventually("Same title", () -> get("author", drive.postFolder(id) + "title.txt"));
    }

    @Test
    void aTermDeletedForGoodIsGoneWithinAPoll() throws Exception {
        Term made = wordpress.create(admin, Endpoint.TAGS, Map.of("name", "Short lived"));
        eventually("Short lived", () -> get("editor", "tags/short-lived/name.txt"));
        wordpress.delete(admin, Endpoint.TAGS, made.id());
        eventually("HTTP 404", () -> get("editor", "tags/short-lived/name.txt"));
    }

    @Test
    void aTagAssignedAUserRenamedAndACommentApprovedShowWithinAPoll() throws Exception {
        long id = bed.id("posts", "crlf");
        String folder = drive.postFolder(id);
        assertEquals("", get("editor", folder + "tags.txt"));
        Term fun = wordpress.list(admin, Endpoint.TAGS, ListQuery.all().with("slug", "fun")).items().get(0);
        wordpress.update(admin, Endpoint.POSTS, id, Map.of("tags", List.of(fun.id())));
        eventually("fun", () -> get("editor", folder + "tags.txt"));

        User author = wordpress.me(bed.credentials("author"));
        String nameFile = "users/" + author.username() + "/display-name.txt";
        get("admin", nameFile);
        wordpress.update(admin, Endpoint.USERS, author.id(), Map.of("name", "Ana Renamed"));
        eventually("Ana Renamed", () -> get("admin", nameFile));

        Comment pending = wordpress.list(admin, Endpoint.COMMENTS, ListQuery.all().withContext(Context.EDIT).with("status", "hold"))
                .items().get(0);
        String listing = drive.send("subscriber", "PROPFIND", drive.url("comments/"), Map.of("Depth", "1"), null).text();
        assertTrue(!listing.contains("/comments/" + pending.id() + "/"), "a pending comment is not the public's");
        wordpress.update(admin, Endpoint.COMMENTS, pending.id(), Map.of("status", "approved"));
        eventually("true", () -> String.valueOf(drive.send("subscriber", "PROPFIND", drive.url("comments/"), Map.of("Depth", "1"), null)
                .text().contains("/comments/" + pending.id() + "/")));
    }

    @Test
    void aBookEditedFromPhpItsMetaAndItsGenresShowOnTheDriveWithinAPoll() throws Exception {
        long novel = bed.id("books", "novel");
        String folder = drive.folder("books", novel);
        // Each read once, so that the hour-long cache holds it.
        assertEquals("The Long Novel", get("editor", folder + "title.txt"));
        assertEquals("978-3-16-148410-0", get("editor", folder + "meta/isbn.txt"));
        assertEquals("fiction\nmystery", get("editor", folder + "genres.txt"));
        assertEquals("The Long Novel", get("subscriber", folder + "title.txt"));

        bed.script("update-post", String.valueOf(novel), "Retitled in wp-admin");
        eventually("Retitled in wp-admin", () -> get("editor", drive.folder("books", novel) + "title.txt"));
        eventually("Retitled in wp-admin", () -> get("subscriber", drive.folder("books", novel) + "title.txt"));
        String now = drive.folder("books", novel);
        bed.script("update-post-meta", String.valueOf(novel), "isbn", "\"978-1-11-111111-1\"");
        eventually("978-1-11-111111-1", () -> get("editor", now + "meta/isbn.txt"));
        bed.script("set-post-terms", String.valueOf(novel), "genre", "poetry");
        eventually("poetry", () -> get("editor", now + "genres.txt"));
    }

    /** What the feed shows the public after {@code since}, as {@code type:id}. */
    private static List<String> changesSince(long since) {
        return wordpress.changes(Credentials.ANONYMOUS, since, 500).changes().stream().map(c -> c.type() + ":" + c.id()).toList();
    }

    @Test
    void aBooksMetaAndGenresSetFromPhpAreChangesOfTheBookThatMakeACacheGivenBooksForgetIt() throws Exception {
        long novel = bed.id("books", "novel");
        SiteTypes types = wordpress.types(admin);
        assertTrue(types.isPostType("book"), "the test bed's types are read from WordPress");
        Endpoint<Post> books = Endpoint.ofPostType("wp/v2", "books", "book");
        CachingWordPressClient cache = new CachingWordPressClient(wordpress, types, Duration.ofHours(1), System::nanoTime);
        try (ChangeFeed feed = new ChangeFeed(wordpress, cache, types, wordpress.companion(Credentials.ANONYMOUS).head(), Duration.ofMillis(250))) {
            long head = wordpress.companion(Credentials.ANONYMOUS).head();
            cache.get(admin, books, novel, Context.EDIT);
            long misses = cache.misses();
            bed.script("update-post-meta", String.valueOf(novel), "isbn", "\"978-0-00-000000-2\"");
            assertEquals(List.of("book:" + novel), changesSince(head), "update_post_meta of a registered key is a change of the book");
            eventually("forgotten", () -> {
                cache.get(admin, books, novel, Context.EDIT);
                return cache.misses() > misses ? "forgotten" : "still cached";
            });

            head = wordpress.companion(Credentials.ANONYMOUS).head();
            long again = cache.misses();
            bed.script("set-post-terms", String.valueOf(novel), "genre", "poetry");
            assertTrue(changesSince(head).contains("book:" + novel), "its genres set are a change of the book: " + changesSince(head));
            eventually("forgotten", () -> {
                cache.get(admin, books, novel, Context.EDIT);
                return cache.misses() > again ? "forgotten" : "still cached";
            });
        }
    }

    @Test
    void aFeedThatLostTrackMakesTheDriveStartAgainByItself() throws Exception {
        long id = bed.id("posts", "blocks");
        String folder = drive.postFolder(id);
        String seeded = get("editor", folder + "title.txt");
        wordpress.update(admin, Endpoint.POSTS, id, Map.of("title", "Before the reset"));
        eventually("Before the reset", () -> get("editor", folder + "title.txt"));
        // The database goes back to its seed: the feed's head goes back behind pressdav's place in it.
        bed.script("reset");
        eventually(seeded, () -> get("editor", folder + "title.txt"));
    }
}
