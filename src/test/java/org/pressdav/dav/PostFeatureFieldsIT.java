package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;

/**
 * The files of what posts and pages support, on the real WordPress: each round-trips byte for byte
 * and reaches WordPress (read from it directly, never through pressdav's cache); the featured image
 * is named by its path in {@code media/}; what WordPress refuses, and writes by users who may not
 * edit the post, change nothing.
 */
class PostFeatureFieldsIT extends WritingIT {
    private static final String SUNSET = "media/2024/05/sunset.jpg";

    private static Post stored(Endpoint<Post> endpoint, long id) {
        return wordpress.get(admin, endpoint, id, Context.EDIT);
    }

    private static RunningDrive.Answer put(String role, String path, String body) {
        return drive.send(role, "PUT", drive.url(path), Map.of(), body);
    }

    private static String get(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "GET", drive.url(path), Map.of(), null);
        assertEquals(200, answer.status(), path + ": " + answer.text());
        return answer.text();
    }

    @Test
    void everyFileOfAPostAndAPageRoundTripsAndReachesWordPress() {
        long post = bed.id("posts", "emoji");
        long page = bed.id("pages", "about");
        String posts = drive.folder("posts", post);
        String pages = drive.folder("pages", page);
        assertEquals(List.of("false", "standard", "open", "open"), List.of(get("editor", posts + "sticky.txt"), get("editor", posts + "format.txt"),
                get("editor", posts + "comment-status.txt"), get("editor", posts + "ping-status.txt")), "WordPress's own values");
        Map<String, String> written = new LinkedHashMap<>();
        written.put(posts + "sticky.txt", "true");
        written.put(posts + "format.txt", "aside");
        written.put(posts + "comment-status.txt", "closed");
        written.put(posts + "ping-status.txt", "closed");
        written.put(pages + "comment-status.txt", "open");
        written.put(pages + "ping-status.txt", "open");
        written.put(pages + "menu-order.txt", "7");
        written.put(pages + "template.txt", "");
        written.forEach((file, text) -> {
            assertEquals(204, put("editor", file, text).status(), file);
            assertEquals(text, get("editor", file), file);
        });
        Post p = stored(Endpoint.POSTS, post);
        assertEquals(List.of(true, "aside", "closed", "closed"), List.of(p.sticky(), p.format(), p.commentStatus(), p.pingStatus()));
        Post g = stored(Endpoint.PAGES, page);
        assertEquals(List.of("open", "open", 7, ""), List.of(g.commentStatus(), g.pingStatus(), g.menuOrder(), g.template()));

        assertEquals(204, put("editor", posts + "sticky.txt", "false\n").status(), "an editor's final newline does no harm");
        assertEquals("false", get("editor", posts + "sticky.txt"));
        assertEquals(false, stored(Endpoint.POSTS, post).sticky());
    }

    @Test
    void theFeaturedImageIsSetByItsPathReadBackAndRemoved() {
        long post = bed.id("posts", "cjk");
        long page = bed.id("pages", "team");
        long sunset = bed.id("media", "jpeg");
        for (String file : List.of(drive.folder("posts", post) + "featured-image.txt", drive.folder("pages", page) + "featured-image.txt")) {
            assertEquals("", get("editor", file));
            assertEquals(204, put("editor", file, SUNSET).status(), file);
            assertEquals(SUNSET, get("editor", file));
            assertEquals(SUNSET, get("author", file), "any user names it as their media folder shows it");

            RunningDrive.Answer missing = put("editor", file, "media/2024/05/no-such-image.jpg");
            assertEquals(409, missing.status(), missing.text());
            assertTrue(missing.text().contains("There is no media file 'media/2024/05/no-such-image.jpg'"), missing.text());
            assertEquals(SUNSET, get("editor", file), "the old image stays");
        }
        assertEquals(sunset, stored(Endpoint.POSTS, post).featuredMedia());
        assertEquals(sunset, stored(Endpoint.PAGES, page).featuredMedia());

        String file = drive.folder("posts", post) + "featured-image.txt";
        assertEquals(204, put("editor", file, "").status());
        assertEquals("", get("editor", file));
        assertEquals(0, stored(Endpoint.POSTS, post).featuredMedia());
    }

    @Test
    void whatWordPressRefusesAndWhoMayNotEditChangeNothing() {
        long post = bed.id("posts", "crlf");
        long page = bed.id("pages", "about");
        String posts = drive.folder("posts", post);
        String pages = drive.folder("pages", page);
        Post before = stored(Endpoint.PAGES, page);
        Map<String, String> invalid = Map.of(posts + "format.txt", "poem", posts + "sticky.txt", "maybe", posts + "comment-status.txt", "ajar",
                pages + "menu-order.txt", "first", pages + "template.txt", "no-such-template.php");
        invalid.forEach((file, text) -> {
            RunningDrive.Answer answer = put("editor", file, text);
            assertEquals(400, answer.status(), file + ": " + answer.text());
            assertTrue(answer.text().contains("Invalid parameter(s)"), "WordPress's words: " + answer.text());
        });

        RunningDrive.Answer subscriber = put("subscriber", posts + "sticky.txt", "true");
        assertEquals(403, subscriber.status());
        assertTrue(subscriber.text().contains("Sorry, you are not allowed to edit this post."), subscriber.text());
        assertEquals(403, put("author", posts + "comment-status.txt", "closed").status(), "not her post");
        assertEquals(403, put("author", posts + "featured-image.txt", SUNSET).status(), "not her post");
        assertEquals(403, put("author", pages + "menu-order.txt", "3").status(), "an author may not edit pages");

        Post p = stored(Endpoint.POSTS, post);
        assertEquals(List.of(false, "standard", "open", 0L), List.of(p.sticky(), p.format(), p.commentStatus(), p.featuredMedia()));
        Post g = stored(Endpoint.PAGES, page);
        assertEquals(List.of(before.menuOrder(), before.template()), List.of(g.menuOrder(), g.template()));

        String own = drive.folder("posts", bed.id("posts", "author-post")) + "sticky.txt";
        assertEquals(204, put("author", own, "true").status(), "an author publishes, so WordPress lets her stick her own post");
        assertEquals("true", get("author", own));
    }
}
