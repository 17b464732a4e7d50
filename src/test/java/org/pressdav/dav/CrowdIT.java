package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.Crowd;
import org.pressdav.dav.Names;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Term;

/**
 * The drive used as a crowd uses it: parallel saves to one post, many writers with one ETag,
 * parallel new folders, reads racing writes. Every save must land, exactly once, in WordPress.
 */
class CrowdIT extends WritingIT {
    private static Crowd crowd;

    @BeforeAll
    static void threads() {
        crowd = new Crowd(24);
    }

    @AfterAll
    static void stopThreads() {
        crowd.close();
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        return crowd.all(tasks);
    }

    private static Post post(long id) {
        return wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT);
    }

    @Test
    void threeFieldsOfOnePostSavedAtOnceAllLandInEveryRound() throws Exception {
        List<Long> ids = wordpress.list(admin, Endpoint.POSTS, ListQuery.all().withFields("id").with("status", "publish")).items()
                .stream().map(Post::id).limit(10).toList();
        assertEquals(10, ids.size());
        for (int round = 0; round < ids.size(); round++) {
            long id = ids.get(round);
            String folder = drive.postFolder(id);
            String content = "<p>Round " + round + " content</p>";
            String title = "Round " + round + " title";
            String excerpt = "Round " + round + " excerpt";
            List<Integer> statuses = all(List.of(
                    () -> drive.send("editor", "PUT", drive.url(folder + "content.html"), Map.of(), content).status(),
                    () -> drive.send("editor", "PUT", drive.url(folder + "title.txt"), Map.of(), title).status(),
                    () -> drive.send("editor", "PUT", drive.url(folder + "excerpt.txt"), Map.of(), excerpt).status()));
            assertEquals(List.of(204, 204, 204), statuses);
            Post stored = post(id);
            assertEquals(content, stored.content().raw(), "round " + round);
            assertEquals(title, stored.title().raw(), "round " + round);
            assertEquals(excerpt, stored.excerpt().raw(), "round " + round);
        }
    }

    @Test
    void editorsSaveInParallelWhileASubscriberAttacksAndAnAuthorReadsTheSamePost() throws Exception {
        long id = bed.id("posts", "cjk");
        String folder = drive.postFolder(id);
        for (int round = 0; round < 4; round++) {
            String n = String.valueOf(round);
            List<Callable<String>> crowd = new ArrayList<>();
            crowd.add(() -> "editor content " + drive.send("editor", "PUT", drive.url(folder + "content.html"), Map.of(), "content " + n).status());
            crowd.add(() -> "admin title " + drive.send("admin", "PUT", drive.url(folder + "title.txt"), Map.of(), "title " + n).status());
            crowd.add(() -> "editor excerpt " + drive.send("editor", "PUT", drive.url(folder + "excerpt.txt"), Map.of(), "excerpt " + n).status());
            for (int i = 0; i < 3; i++) {
                crowd.add(() -> "subscriber put " + drive.send("subscriber", "PUT", drive.url(folder + "content.html"), Map.of(), "defaced").status());
                crowd.add(() -> "subscriber lock " + drive.send("subscriber", "LOCK", drive.url(folder + "content.html"), Map.of("Depth", "0"),
                        "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                                + "<D:locktype><D:write/></D:locktype></D:lockinfo>").status());
                crowd.add(() -> "author get " + drive.send("author", "GET", drive.url(folder + "content.html"), Map.of(), null).status());
            }
            for (String result : all(crowd)) {
                if (result.startsWith("subscriber")) {
                    assertTrue(result.endsWith(" 403"), result);
                } else {
                    assertTrue(result.endsWith(" 204") || result.equals("author get 200"), result);
                }
            }
            Post stored = post(id);
            assertEquals(List.of("content " + n, "title " + n, "excerpt " + n),
                    List.of(stored.content().raw(), stored.title().raw(), stored.excerpt().raw()), "round " + round);
            assertTrue(drive.send("author", "GET", drive.url(folder + "content.html"), Map.of(), null).text().contains("content " + n),
                    "the author reads the saved text, never a value cached before the save");
        }
    }

    @Test
    void aBooksFieldsMetaAndGenresSavedAtOnceByTwoRolesAllLandWhileTheOthersAreRefused() throws Exception {
        Endpoint<Post> books = Endpoint.ofPostType("wp/v2", "books", "book");
        long id = bed.id("books", "novel");
        String folder = drive.folder("books", id);
        String genreList = "fiction\npoetry";
        for (int round = 0; round < 4; round++) {
            String n = String.valueOf(round);
            String genres = round % 2 == 0 ? "poetry" : genreList;
            List<Callable<String>> crowd = new ArrayList<>();
            crowd.add(() -> "editor content " + drive.send("editor", "PUT", drive.url(folder + "content.html"), Map.of(), "book " + n).status());
            crowd.add(() -> "admin title " + drive.send("admin", "PUT", drive.url(folder + "title.txt"), Map.of(), "The Long Novel " + n).status());
            crowd.add(() -> "editor pages " + drive.send("editor", "PUT", drive.url(folder + "meta/pages.txt"), Map.of(), "10" + n).status());
            crowd.add(() -> "admin isbn " + drive.send("admin", "PUT", drive.url(folder + "meta/isbn.txt"), Map.of(), "isbn " + n).status());
            crowd.add(() -> "editor genres " + drive.send("editor", "PUT", drive.url(folder + "genres.txt"), Map.of(), genres).status());
            crowd.add(() -> "contributor put " + drive.send("contributor", "PUT", drive.url(folder + "content.html"), Map.of(), "defaced").status());
            crowd.add(() -> "subscriber put " + drive.send("subscriber", "PUT", drive.url(folder + "meta/isbn.txt"), Map.of(), "defaced").status());
            crowd.add(() -> "author get " + drive.send("author", "GET", drive.url(folder + "title.txt"), Map.of(), null).status());
            for (String result : all(crowd)) {
                if (result.startsWith("contributor") || result.startsWith("subscriber")) {
                    assertTrue(result.endsWith(" 403"), result);
                } else {
                    assertTrue(result.endsWith(" 204") || result.equals("author get 200"), result);
                }
            }
            Post stored = wordpress.get(admin, books, id, Context.EDIT);
            assertEquals("book " + n, stored.content().raw(), "round " + round);
            assertEquals("The Long Novel " + n, stored.title().raw(), "round " + round);
            assertEquals(100 + round, stored.meta().path("pages").asInt(), "round " + round);
            assertEquals("isbn " + n, stored.meta().path("isbn").asText(), "round " + round);
            assertEquals(genres, drive.send("admin", "GET", drive.url(folder + "genres.txt"), Map.of(), null).text(), "round " + round);
        }
    }

    @Test
    void ofTwentyWritersWithTheSameETagExactlyOneWins() throws Exception {
        long id = bed.id("posts", "arabic");
        String file = drive.postFolder(id) + "title.txt";
        String etag = drive.send("editor", "HEAD", drive.url(file), Map.of(), null).header("ETag");
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = "Writer " + i;
            String role = i % 2 == 0 ? "editor" : "admin";
            writers.add(() -> drive.send(role, "PUT", drive.url(file), Map.of("If-Match", etag), text).status());
        }
        List<Integer> statuses = all(writers);
        assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertTrue(post(id).title().raw().startsWith("Writer "));
    }

    @Test
    void aPartialPutIsRefusedAndChangesNothing() {
        long id = bed.id("posts", "crlf");
        String before = post(id).content().raw();
        RunningDrive.Answer partial = drive.send("editor", "PUT", drive.url(drive.postFolder(id) + "content.html"),
                Map.of("Content-Range", "bytes 0-4/100"), "HELLO");
        assertEquals(400, partial.status(), partial.text());
        assertEquals(before, post(id).content().raw());
    }

    @Test
    void anIfUnmodifiedSinceInThePastIsAFailedPrecondition() {
        long id = bed.id("posts", "crlf");
        String before = post(id).title().raw();
        RunningDrive.Answer old = drive.send("editor", "PUT", drive.url(drive.postFolder(id) + "title.txt"),
                Map.of("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"), "Too late");
        assertEquals(412, old.status(), old.text());
        assertEquals(before, post(id).title().raw());
        assertEquals(204, drive.send("editor", "PUT", drive.url(drive.postFolder(id) + "title.txt"),
                Map.of("If-Unmodified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"), before).status());
    }

    @Test
    void tenParallelNewFoldersOfOneNameMakeOneDraft() throws Exception {
        List<Callable<Integer>> makers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            makers.add(() -> drive.send("editor", "MKCOL", drive.url("posts/crowd folder"), Map.of(), null).status());
        }
        List<Integer> statuses = all(makers);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 405).count(), statuses.toString());
        List<Post> drafts = wordpress.list(admin, Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT).with("status", "draft")
                .with("search", "crowd folder")).items();
        assertEquals(1, drafts.size());
        String listing = drive.send("editor", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"), null).text();
        assertEquals(1, listing.split("<D:href>/posts/crowd%20folder/</D:href>", -1).length - 1, "listed once");
    }

    @Test
    void readsRacingAWriteNeverBringTheOldValueBack() throws Exception {
        long id = bed.id("posts", "blocks");
        String file = drive.postFolder(id) + "excerpt.txt";
        for (int round = 0; round < 8; round++) {
            String text = "Excerpt of round " + round;
            List<Callable<Integer>> crowd = new ArrayList<>();
            for (int reader = 0; reader < 6; reader++) {
                crowd.add(() -> drive.send("author", "GET", drive.url(file), Map.of(), null).status());
                crowd.add(() -> drive.send("editor", "GET", drive.url(file), Map.of(), null).status());
            }
            crowd.add(() -> drive.send("editor", "PUT", drive.url(file), Map.of(), text).status());
            all(crowd);
            assertEquals(text, drive.send("editor", "GET", drive.url(file), Map.of(), null).text(), "round " + round);
            assertEquals("<p>" + text + "</p>\n", drive.send("author", "GET", drive.url(file), Map.of(), null).text(),
                    "round " + round + ": the author reads the rendered excerpt");
        }
    }

    @Test
    void newFolderInTagsRenamedIsOneTermWithTheFinalName() {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("tags/untitled folder"), Map.of(), null).status());
        RunningDrive.Answer renamed = drive.send("editor", "MOVE", drive.url("tags/untitled folder/"),
                Map.of("Destination", drive.url("tags/Crowd Recipes/")), null);
        assertEquals(201, renamed.status(), renamed.text());
        List<Term> tags = wordpress.list(admin, Endpoint.TAGS, ListQuery.all().with("hide_empty", "false")).items();
        assertTrue(tags.stream().noneMatch(t -> t.name().equals("untitled folder")), "no term is left named untitled folder");
        Term made = tags.stream().filter(t -> t.name().equals("Crowd Recipes")).findFirst().orElseThrow();
        assertEquals("crowd-recipes", made.slug());
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url("tags/Crowd Recipes/"), Map.of("Depth", "1"), null).status());
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url("tags/crowd-recipes/"), Map.of("Depth", "0"), null).status());
    }

    @Test
    void aNewFolderIsReachedUnderItsOwnNameAndWordPresssAndListedOnce() {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("posts/Two Names"), Map.of(), null).status());
        Post made = wordpress.list(admin, Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT).with("status", "draft")
                .with("search", "Two Names")).items().get(0);
        String wordpressName = "posts/" + made.id() + "-two-names/";
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url(wordpressName), Map.of("Depth", "1"), null).status());
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url("posts/Two Names/"), Map.of("Depth", "1"), null).status());
        assertEquals(204, drive.send("editor", "PUT", drive.url(wordpressName + "content.html"), Map.of(), "<p>Both.</p>").status());
        assertEquals("<p>Both.</p>", drive.send("editor", "GET", drive.url("posts/Two Names/content.html"), Map.of(), null).text());
        String listing = drive.send("editor", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains("/posts/Two%20Names/") != listing.contains("/posts/" + made.id() + "-two-names/"),
                "listed under one name: " + listing);
    }

    @Test
    void renamingAnOldDraftKeepsItsTitle() {
        long id = bed.id("posts", "draft-no-slug");
        String title = post(id).title().raw();
        String folder = drive.postFolder(id);
        RunningDrive.Answer renamed = drive.send("admin", "MOVE", drive.url(folder), Map.of("Destination", drive.url("posts/new-slug-only/")), null);
        assertEquals(201, renamed.status(), renamed.text());
        assertEquals(title, post(id).title().raw(), "only this user's new folder takes its name as title");
        assertEquals("new-slug-only", post(id).slug());
    }

    @Test
    void propfindWithoutDepthIsDepthZeroOnAFileAndRefusedOnAFolder() {
        String file = drive.postFolder(bed.id("posts", "crlf")) + "title.txt";
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(file), Map.of(), null).status());
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(file), Map.of("Depth", "infinity"), null).status());
        assertEquals(404, drive.send("author", "PROPFIND", drive.url("posts/no-such-file.txt"), Map.of(), null).status());
        RunningDrive.Answer folder = drive.send("author", "PROPFIND", drive.url("posts/"), Map.of(), null);
        assertEquals(403, folder.status());
        assertTrue(folder.text().contains("propfind-finite-depth"));
    }

    @Test
    void overlappingRangesAreAnsweredOnceNeverLargerThanTheFile() {
        String image = "media/" + bed.manifest().get("media").elements().next().get("file").asText();
        long size = drive.send("author", "GET", drive.url(image), Map.of(), null).body().length;
        RunningDrive.Answer ranges = drive.send("author", "GET", drive.url(image), Map.of("Range", "bytes=" + "0-,".repeat(19) + "0-"), null);
        assertEquals(206, ranges.status());
        assertEquals(size, ranges.body().length);
    }

    @Test
    void aPropertyWithoutANamespaceReadsBackAsWellFormedXml() throws Exception {
        String file = drive.postFolder(bed.id("posts", "crlf")) + "content.html";
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><plain xmlns=\"\">value</plain>"
                + "</D:prop></D:set></D:propertyupdate>";
        assertEquals(207, drive.send("editor", "PROPPATCH", drive.url(file), Map.of(), patch).status());
        String found = drive.send("editor", "PROPFIND", drive.url(file), Map.of("Depth", "0"),
                "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><plain xmlns=\"\"/></D:prop></D:propfind>").text();
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(found.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var plain = doc.getElementsByTagNameNS("", "plain");
        assertEquals(1, plain.getLength(), found);
        assertEquals("value", plain.item(0).getTextContent());
    }

    @Test
    void aBodyCutShortIsABadRequestAndChangesNothing() throws Exception {
        long id = bed.id("posts", "crlf");
        String before = post(id).content().raw();
        java.net.URI uri = java.net.URI.create(drive.url(drive.postFolder(id) + "content.html"));
        String auth = okhttp3.Credentials.basic("editor", bed.applicationPassword("editor"));
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("PUT " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: " + auth
                    + "\r\nContent-Length: 100\r\n\r\nonly ten b").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", status);
        }
        assertEquals(before, post(id).content().raw());
        assertFalse(post(id).content().raw().startsWith("only ten b"));
    }
}
