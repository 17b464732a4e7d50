package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.sardine.DavResource;
import com.github.sardine.Sardine;
import com.github.sardine.SardineFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Comment;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.User;

/**
 * Saving field files: what WordPress stores afterwards, read from WordPress directly (never
 * through pressdav's cache), is exactly what was PUT; what WordPress refuses changes nothing.
 */
class WritableFieldsIT extends WritingIT {



    private static Sardine sardine(String role) {
        Sardine sardine = SardineFactory.begin(bed.credentials(role).login(), bed.applicationPassword(role));
        sardine.enablePreemptiveAuthentication("127.0.0.1");
        return sardine;
    }

    private static Post post(String key) {
        return wordpress.get(admin, Endpoint.POSTS, bed.id("posts", key), Context.EDIT);
    }

    /** The post's folder as the drive names it now (its slug may have changed). */
    private static String folder(String kind, long id) {
        RunningDrive.Answer listing = drive.send("admin", "PROPFIND", drive.url(kind + "/"), Map.of("Depth", "1"), null);
        String marker = "<D:href>/" + kind + "/" + id + "-";
        int at = listing.text().indexOf(marker);
        assertTrue(at > 0, "no folder for " + id);
        String href = listing.text().substring(at + "<D:href>".length(), listing.text().indexOf("</D:href>", at));
        return DavPath.parseEncoded(href).toString().substring(1) + "/";
    }

    private static RunningDrive.Answer put(String role, String path, String body, Map<String, String> headers) {
        return drive.send(role, "PUT", drive.url(path), headers, body);
    }

    @Test
    void contentIsStoredByteForByte() throws IOException {
        long id = bed.id("posts", "emoji");
        String folder = folder("posts", id);
        Sardine client = sardine("editor");
        for (String bytes : List.of("<p>CRLF\r\nand emoji 🎉👨‍👩‍👧</p>\r\n", "Cafe\u0301 NFD stays NFD",
                "<!-- wp:paragraph -->\n<p>Block markup</p>\n<!-- /wp:paragraph -->", "back\\slash 'quotes' \"double\"", "")) {
            client.put(drive.url(folder + "content.html"), bytes.getBytes(UTF_8));
            assertEquals(bytes, post("emoji").content().raw());
            assertEquals(bytes, new String(client.get(drive.url(folder + "content.html")).readAllBytes(), UTF_8));
        }
    }

    @Test
    void whereWordPressFiltersTheContentTheDriveShowsWhatItStored() {
        long id = bed.id("posts", "author-post");
        String file = folder("posts", id) + "content.html";
        String written = "<p>Ana's words</p><script>alert(1)</script>";
        assertEquals(204, put("author", file, written, Map.of()).status());
        String stored = post("author-post").content().raw();
        assertTrue(!stored.contains("<script>") && stored.contains("<p>Ana's words</p>"), "kses ran for an author: " + stored);
        assertEquals(stored, drive.send("author", "GET", drive.url(file), Map.of(), null).text());
    }

    @Test
    void theNextListingShowsTheNewSizeDateAndEtag() throws IOException {
        long id = bed.id("posts", "crlf");
        String file = folder("posts", id) + "excerpt.txt";
        Sardine client = sardine("admin");
        DavResource before = client.list(drive.url(file), 0).get(0);
        client.put(drive.url(file), "A new excerpt, 27 bytes long".getBytes(UTF_8));
        DavResource after = client.list(drive.url(file), 0).get(0);
        assertEquals(28L, after.getContentLength());
        assertNotEquals(before.getEtag(), after.getEtag());
        assertEquals(post("crlf").modifiedGmt().getEpochSecond(), after.getModified().toInstant().getEpochSecond());
        assertEquals("A new excerpt, 27 bytes long", post("crlf").excerpt().raw());
    }

    @Test
    void titleStatusSlugDateAndTermsOfAPost() {
        long id = bed.id("posts", "blocks");
        String folder = folder("posts", id);
        assertEquals(204, put("admin", folder + "title.txt", "A new title: 10/10 ✓", Map.of()).status());
        assertEquals(204, put("admin", folder + "status.txt", "draft\n", Map.of()).status());
        assertEquals(204, put("admin", folder + "date-gmt.txt", "2024-02-29T12:34:56Z\n", Map.of()).status());
        assertEquals(204, put("admin", folder + "categories.txt", "news\nlocal\n", Map.of()).status());
        assertEquals(204, put("admin", folder + "tags.txt", "日本\nfun", Map.of()).status());
        Post post = post("blocks");
        assertEquals("A new title: 10/10 ✓", post.title().raw());
        assertEquals("draft", post.status());
        assertEquals(java.time.Instant.parse("2024-02-29T12:34:56Z"), post.dateGmt());
        // Terms are a set: WordPress keeps no order, so categories.txt lists them in WordPress's.
        assertEquals(List.of(bed.id("categories", "news"), bed.id("categories", "local")).stream().sorted().toList(),
                post.terms(Taxonomy.CATEGORY).stream().sorted().toList());
        assertEquals(List.of(bed.id("tags", "日本"), bed.id("tags", "fun")).stream().sorted().toList(), post.terms(Taxonomy.TAG).stream().sorted().toList());

        assertEquals(204, put("admin", folder + "slug.txt", "renamed-by-slug", Map.of()).status());
        assertEquals("renamed-by-slug", post("blocks").slug());
        assertEquals("posts/" + id + "-renamed-by-slug/", folder("posts", id), "the folder follows its slug");
    }

    @Test
    void aPagesParentIsItsFolderName() {
        long team = bed.id("pages", "team");
        assertEquals(204, put("admin", folder("pages", team) + "parent.txt", "", Map.of()).status());
        assertEquals(0, wordpress.get(admin, Endpoint.PAGES, team, Context.EDIT).parent());
        String about = folder("pages", bed.id("pages", "about"));
        assertEquals(204, put("admin", folder("pages", team) + "parent.txt", about.substring("pages/".length(), about.length() - 1) + "\n", Map.of()).status());
        assertEquals(bed.id("pages", "about"), wordpress.get(admin, Endpoint.PAGES, team, Context.EDIT).parent());
    }

    @Test
    void usersTermsCommentsAndTheSite() {
        assertEquals(204, put("admin", "users/ana author/display-name.txt", "Ana B. Author 📝", Map.of()).status());
        assertEquals(204, put("author", "users/ana author/description.txt", "Writes\r\nabout things", Map.of()).status());
        User ana = wordpress.get(admin, Endpoint.USERS, bed.manifest().at("/users/author/id").asLong(), Context.EDIT);
        assertEquals("Ana B. Author 📝", ana.name());
        assertEquals("Writes\r\nabout things", ana.description());

        assertEquals(204, put("admin", "tags/fun/name.txt", "Fun & games", Map.of()).status());
        assertEquals(204, put("admin", "categories/world/parent.txt", "tutorials", Map.of()).status());
        // WordPress stores a term name's & as &amp;: the drive then shows what WordPress stored.
        String stored = wordpress.get(admin, Endpoint.TAGS, bed.id("tags", "fun"), Context.EDIT).name();
        assertEquals("Fun &amp; games", stored);
        assertEquals(stored, drive.send("admin", "GET", drive.url("tags/fun/name.txt"), Map.of(), null).text());
        Term world = wordpress.get(admin, Endpoint.CATEGORIES, bed.id("categories", "world"), Context.EDIT);
        assertEquals(bed.id("categories", "tutorials"), world.parent());

        String pending = "comments/" + bed.id("comments", "pending") + "/";
        assertEquals(204, put("admin", pending + "status.txt", "approved", Map.of()).status());
        assertEquals(204, put("admin", pending + "content.html", "Edited by the moderator.", Map.of()).status());
        Comment comment = wordpress.get(admin, Endpoint.COMMENTS, bed.id("comments", "pending"), Context.EDIT);
        assertEquals("approved", comment.status());
        assertEquals("Edited by the moderator.", comment.content().raw());

        assertEquals(204, put("admin", "site/description.txt", "Now with a drive", Map.of()).status());
        assertEquals("Now with a drive", wordpress.settings(admin).description());
    }

    @Test
    void refusedWritesSayWhyAndChangeNothing() {
        long id = bed.id("posts", "cjk");
        String folder = folder("posts", id);
        Post before = post("cjk");

        RunningDrive.Answer subscriber = put("subscriber", folder + "content.html", "defaced", Map.of());
        assertEquals(403, subscriber.status());
        assertTrue(subscriber.text().contains("Sorry, you are not allowed to edit this post."), subscriber.text());

        RunningDrive.Answer author = put("author", folder + "title.txt", "not hers", Map.of());
        assertEquals(403, author.status(), author.text());

        RunningDrive.Answer status = put("admin", folder + "status.txt", "published-ish", Map.of());
        assertEquals(400, status.status());
        assertTrue(status.text().contains("status"), status.text());

        RunningDrive.Answer date = put("admin", folder + "date-gmt.txt", "yesterday", Map.of());
        assertEquals(400, date.status());
        assertTrue(date.text().contains("is not an ISO-8601 UTC date"), date.text());

        RunningDrive.Answer category = put("admin", folder + "categories.txt", "news\nno-such-category", Map.of());
        assertEquals(409, category.status());
        assertTrue(category.text().contains("no-such-category"), category.text());

        assertEquals(403, put("admin", folder + "id.txt", "99", Map.of()).status(), "id.txt is read-only");

        RunningDrive.Answer latin1 = drive.sendBytes("admin", "PUT", drive.url(folder + "content.html"), Map.of(),
                "caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, latin1.status());
        assertTrue(latin1.text().contains("UTF-8"), latin1.text());

        assertEquals(412, put("admin", folder + "content.html", "stale", Map.of("If-Match", "\"not-the-etag\"")).status());

        Post after = post("cjk");
        assertEquals(before.content().raw(), after.content().raw());
        assertEquals(before.title().raw(), after.title().raw());
        assertEquals(before.status(), after.status());
        assertEquals(before.dateGmt(), after.dateGmt());
        assertEquals(before.terms(Taxonomy.CATEGORY), after.terms(Taxonomy.CATEGORY));
    }
}
