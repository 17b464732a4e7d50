package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.Crowd;
import org.pressdav.dav.node.Folder;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.Post;

/** Writes, in process over an in-memory WordPress that loses concurrent updates as WordPress does. */
class ProtocolWriteTest {
    private InProcessDrive drive;
    private Crowd crowd;
    private long post;
    private long oldDraft;
    private long editorsPost;
    private String folder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        crowd = new Crowd(20);
        post = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "A story", "Body.");
        oldDraft = drive.wordpress.addPost("post", EDITOR.id(), "draft", "Old draft", "x");
        editorsPost = drive.wordpress.addPost("post", EDITOR.id(), "publish", "By the editor", "x");
        folder = drive.folderOf(post);
    }

    @AfterEach
    void stop() {
        crowd.close();
        drive.close();
    }

    static String propertyUpdate(String name, String value) {
        return "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:test\"><D:set><D:prop><Z:" + name + ">" + value
                + "</Z:" + name + "></D:prop></D:set></D:propertyupdate>";
    }

    private <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        return crowd.all(tasks);
    }

    @Test
    void threeFieldsSavedAtOnceAllLandBecauseWritesOfOneObjectTakeTurns() throws Exception {
        for (int round = 0; round < 5; round++) {
            String n = String.valueOf(round);
            List<Integer> statuses = all(List.of(
                    () -> drive.send(EDITOR, "PUT", folder + "content.html", Map.of(), "content " + n).status(),
                    () -> drive.send(EDITOR, "PUT", folder + "title.txt", Map.of(), "title " + n).status(),
                    () -> drive.send(EDITOR, "PUT", folder + "excerpt.txt", Map.of(), "excerpt " + n).status()));
            assertEquals(List.of(204, 204, 204), statuses);
            Post stored = drive.wordpress.post(post);
            assertEquals(List.of("content " + n, "title " + n, "excerpt " + n),
                    List.of(stored.content().raw(), stored.title().raw(), stored.excerpt().raw()), "round " + round);
        }
        assertEquals(1, drive.wordpress.mostUpdatesAtOnce.get(), "never two updates of one object in flight");
    }

    @Test
    void editorsSaveInParallelWhileASubscriberAttacksAndAnAuthorReadsTheSamePost() throws Exception {
        String original = drive.wordpress.post(post).content().raw();
        for (int round = 0; round < 4; round++) {
            String n = String.valueOf(round);
            String before = original;
            List<Callable<String>> crowd = new ArrayList<>();
            crowd.add(() -> "editor content " + drive.send(EDITOR, "PUT", folder + "content.html", Map.of(), "content " + n).status());
            crowd.add(() -> "admin title " + drive.send(ADMIN, "PUT", folder + "title.txt", Map.of(), "title " + n).status());
            crowd.add(() -> "editor excerpt " + drive.send(EDITOR, "PUT", folder + "excerpt.txt", Map.of(), "excerpt " + n).status());
            for (int i = 0; i < 3; i++) {
                crowd.add(() -> "subscriber put " + drive.send(SUBSCRIBER, "PUT", folder + "content.html", Map.of(), "defaced").status());
                crowd.add(() -> "subscriber lock " + drive.send(SUBSCRIBER, "LOCK", folder + "content.html", Map.of("Depth", "0"),
                        ProtocolLockTest.lockInfo("exclusive", "write")).status());
                crowd.add(() -> "subscriber proppatch " + drive.send(SUBSCRIBER, "PROPPATCH", folder + "content.html", Map.of(),
                        propertyUpdate("x", "y")).status());
                crowd.add(() -> {
                    Answer read = drive.send(AUTHOR, "GET", folder + "content.html", Map.of(), null);
                    String text = read.text();
                    boolean whole = text.equals(before) || text.matches("content \\d");
                    return "author get " + read.status() + (whole ? "" : " torn: " + text);
                });
            }
            List<String> results = all(crowd);
            for (String result : results) {
                if (result.startsWith("subscriber")) {
                    assertTrue(result.endsWith(" 403"), result);
                } else {
                    assertTrue(result.endsWith(" 204") || result.equals("author get 200"), result);
                }
            }
            original = "content " + n;
            Post stored = drive.wordpress.post(post);
            assertEquals(List.of("content " + n, "title " + n, "excerpt " + n),
                    List.of(stored.content().raw(), stored.title().raw(), stored.excerpt().raw()), "round " + round);
            assertEquals("content " + n, drive.send(AUTHOR, "GET", folder + "content.html", Map.of(), null).text(),
                    "the author reads the saved text, never a value cached before the save");
        }
        assertEquals(1, drive.wordpress.mostUpdatesAtOnce.get(), "never two updates of one object in flight");
        assertTrue(drive.send(EDITOR, "PROPFIND", folder + "content.html", Map.of("Depth", "0"), null).text().indexOf("activelock") < 0,
                "the subscriber holds no lock");
    }

    @Test
    void ofTwentyWritersWithOneETagExactlyOneWins() throws Exception {
        String etag = drive.send(EDITOR, "HEAD", folder + "title.txt", Map.of(), null).header("ETag");
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = "writer " + i;
            writers.add(() -> drive.send(EDITOR, "PUT", folder + "title.txt", Map.of("If-Match", etag), text).status());
        }
        List<Integer> statuses = all(writers);
        assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    }

    @Test
    void partialPutsAndOldPreconditionsChangeNothing() {
        assertEquals(400, drive.send(EDITOR, "PUT", folder + "content.html", Map.of("Content-Range", "bytes 0-4/100"), "HELLO").status());
        assertEquals(412, drive.send(EDITOR, "PUT", folder + "title.txt",
                Map.of("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"), "late").status());
        assertEquals(412, drive.send(EDITOR, "PUT", folder + "title.txt", Map.of("If-None-Match", "*"), "exists").status());
        assertEquals("Body.", drive.wordpress.post(post).content().raw());
        assertEquals("A story", drive.wordpress.post(post).title().raw());
    }

    @Test
    void tenParallelNewFoldersOfOneNameMakeOneDraftListedOnce() throws Exception {
        List<Callable<Integer>> makers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            makers.add(() -> drive.send(EDITOR, "MKCOL", "posts/Same name", Map.of(), null).status());
        }
        List<Integer> statuses = all(makers);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(1, drive.wordpress.posts(p -> p.title().raw().equals("Same name")).size());
        String listing = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text();
        assertEquals(2, listing.split("/posts/Same%20name/<", -1).length, listing);
    }

    @Test
    void aNewFolderTakesItsFirstSaveAsDavfs2SendsIt() {
        assertEquals(201, drive.send(EDITOR, "MKCOL", "posts/Fresh", Map.of(), null).status());
        Answer locked = drive.send(EDITOR, "LOCK", "posts/Fresh/content.html", Map.of("Depth", "0"),
                ProtocolLockTest.lockInfo("exclusive", "write"));
        assertEquals(200, locked.status(), locked.text());
        String token = locked.header("Lock-Token").replaceAll("[<>]", "");
        Answer saved = drive.send(EDITOR, "PUT", "posts/Fresh/content.html", Map.of("If-None-Match", "*", "If", "(<" + token + ">)"),
                "first words\n");
        assertEquals(204, saved.status(), saved.text());
        assertEquals("first words\n", drive.wordpress.posts(p -> p.title().raw().equals("Fresh")).get(0).content().raw());
    }

    @Test
    void aFolderMoveWhoseAnswerWasLostCarriesTheUsersOwnFilesAfterARestart() {
        String finderFile = folder + "._content.html";
        assertEquals(201, drive.send(EDITOR, "PUT", finderFile, Map.of(), "finder's metadata").status());
        String renamed = "posts/" + post + "-renamed/";
        drive.wordpress.stopAfterWrites(0);
        int status = drive.send(EDITOR, "MOVE", folder, Map.of("Destination", drive.url(renamed)), null).status();
        assertEquals(502, status, "WordPress renamed the post, but its answer never came");
        assertEquals("renamed", drive.wordpress.post(post).slug());

        drive.close(); // as if killed: the carry never ran
        drive.wordpress.down(false);
        drive = new InProcessDrive(drive.wordpress, drive.data);

        assertEquals("finder's metadata", drive.send(EDITOR, "GET", renamed + "._content.html", Map.of(), null).text());
        assertEquals(404, drive.send(EDITOR, "GET", finderFile, Map.of(), null).status());
    }

    @Test
    void aFolderMoveThatWordPressRefusedLeavesTheUsersOwnFilesWhereTheyAre() throws Exception {
        String finderFile = folder + "._content.html";
        assertEquals(201, drive.send(SUBSCRIBER, "PUT", finderFile, Map.of(), "a subscriber's metadata").status());
        assertEquals(403, drive.send(SUBSCRIBER, "MOVE", folder, Map.of("Destination", drive.url("posts/" + post + "-mine/")), null).status());
        java.nio.file.Path notes = drive.data.resolve("scratch").resolve(".moves");
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.exists(notes) ? java.nio.file.Files.list(notes) : java.util.stream.Stream.empty()) {
            assertEquals(List.of(), left.toList(), "a refused move leaves no note to look at on every request");
        }

        drive.close();
        drive = new InProcessDrive(drive.wordpress, drive.data);

        assertEquals("a subscriber's metadata", drive.send(SUBSCRIBER, "GET", finderFile, Map.of(), null).text());
    }

    @Test
    void renamingAFileOfOnesOwnOverAFieldSavesItAndAnEmptyOneChangesNothing() {
        assertEquals(201, drive.send(EDITOR, "PUT", folder + "sedAbC123", Map.of(), "edited by sed").status());
        assertEquals(204, drive.send(EDITOR, "MOVE", folder + "sedAbC123", Map.of("Destination", drive.url(folder + "content.html")), null)
                .status());
        assertEquals("edited by sed", drive.wordpress.post(post).content().raw());
        assertEquals(404, drive.send(EDITOR, "GET", folder + "sedAbC123", Map.of(), null).status());

        assertEquals(201, drive.send(EDITOR, "PUT", folder + ".title.txt.Xy12Ab", Map.of(), "").status());
        assertEquals(204, drive.send(EDITOR, "MOVE", folder + ".title.txt.Xy12Ab", Map.of("Destination", drive.url(folder + "title.txt")),
                null).status());
        assertEquals("A story", drive.wordpress.post(post).title().raw(), "davfs2 renames first and uploads after");
    }

    @Test
    void aFileOfOnesOwnRenamedIntoTheUploadFolderIsUploadedOnce() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
        assertEquals(201, drive.sendBytes(AUTHOR, "PUT", month + ".photo.png.Ab12Cd", Map.of(), new byte[] {1, 2, 3}).status());
        assertEquals(0, drive.wordpress.media().size(), "a temporary name is never uploaded");
        assertEquals(201, drive.send(AUTHOR, "MOVE", month + ".photo.png.Ab12Cd", Map.of("Destination", drive.url(month + "photo.png")), null)
                .status());
        assertEquals(1, drive.wordpress.media().size());
        assertEquals(3, drive.wordpress.bytesOf(drive.wordpress.media().get(0).id()).length);
    }

    @Test
    void proppatchAppliesInDocumentOrderAllOrNothing() {
        String file = folder + "title.txt";
        String both = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:test\">"
                + "<D:set><D:prop><Z:a>1</Z:a></D:prop></D:set><D:remove><D:prop><Z:a/></D:prop></D:remove>"
                + "<D:set><D:prop><Z:b>2</Z:b></D:prop></D:set></D:propertyupdate>";
        assertEquals(207, drive.send(EDITOR, "PROPPATCH", file, Map.of(), both).status());
        String props = drive.send(EDITOR, "PROPFIND", file, Map.of("Depth", "0"), null).text();
        assertTrue(props.contains(" xmlns:a=\"urn:test\">") && props.contains("<a:b>2</a:b>") && !props.contains("a:a"), props);

        String withLive = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:test\">"
                + "<D:set><D:prop><Z:c>3</Z:c><D:getetag>\"x\"</D:getetag></D:prop></D:set></D:propertyupdate>";
        Answer refused = drive.send(EDITOR, "PROPPATCH", file, Map.of(), withLive);
        assertTrue(refused.text().contains("403 Forbidden") && refused.text().contains("424 Failed Dependency"), refused.text());
        assertTrue(!drive.send(EDITOR, "PROPFIND", file, Map.of("Depth", "0"), null).text().contains("a:c"), "nothing was set");

        assertEquals(403, drive.send(SUBSCRIBER, "PROPPATCH", file, Map.of(), propertyUpdate("d", "4")).status(),
                "no properties where the user may not write");
        Answer tooLong = drive.send(EDITOR, "PROPPATCH", file, Map.of(), propertyUpdate("e", "x".repeat(20_000)));
        assertTrue(tooLong.status() == 207 && tooLong.text().contains("507"), tooLong.text());
    }

    @Test
    void renamingATermsFolderRenamesTheTermAndANewDraftTakesItsNameAsTitle() {
        assertEquals(201, drive.send(EDITOR, "MKCOL", "tags/untitled folder", Map.of(), null).status());
        assertEquals(201, drive.send(EDITOR, "MOVE", "tags/untitled folder/", Map.of("Destination", drive.url("tags/Recipes/")), null)
                .status());
        assertEquals(List.of("Recipes"), drive.wordpress.terms("post_tag").stream().map(t -> t.name()).toList());
        assertEquals("recipes", drive.wordpress.terms("post_tag").get(0).slug());

        long draft = oldDraft;
        assertEquals(201, drive.send(EDITOR, "MOVE", drive.folderOf(draft), Map.of("Destination", drive.url("posts/new-slug/")), null).status());
        assertEquals("Old draft", drive.wordpress.post(draft).title().raw(), "only a draft made by this user's New Folder is retitled");
        assertEquals(201, drive.send(EDITOR, "MKCOL", "posts/untitled folder", Map.of(), null).status());
        assertEquals(201, drive.send(EDITOR, "MOVE", "posts/untitled folder/", Map.of("Destination", drive.url("posts/Summer plans/")), null)
                .status());
        assertEquals(1, drive.wordpress.posts(p -> p.title().raw().equals("Summer plans")).size());
    }

    /**
     * A folder renamed to a name WordPress later gives another post (its slug saved through the drive by someone else):
     * WordPress's name reaches that post, and the renamed folder shows under its own WordPress name, each listed once.
     * (A path by a post's own name so never needs the user's names to be asked first: a GET of a field asks that store nothing.)
     */
    @Test
    void aNameGivenThatBecomesAnotherPostsOwnNameReachesThatPostAndEachIsListedOnce() {
        String taken = "posts/" + editorsPost + "-later";
        assertEquals(201, drive.send(EDITOR, "MOVE", folder, Map.of("Destination", drive.url(taken + "/")), null).status());
        assertEquals("A story", drive.send(EDITOR, "GET", taken + "/title.txt", Map.of(), null).text(), "the name given reaches the renamed post");
        assertEquals(204, drive.send(ADMIN, "PUT", drive.folderOf(editorsPost) + "slug.txt", Map.of(), "later").status());

        assertEquals("By the editor", drive.send(EDITOR, "GET", taken + "/title.txt", Map.of(), null).text(), "WordPress's name of the other post");
        String listing = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text();
        List<String> hrefs = new ArrayList<>();
        java.util.regex.Matcher href = java.util.regex.Pattern.compile("<D:href>([^<]*)</D:href>").matcher(listing);
        while (href.find()) {
            hrefs.add(href.group(1));
        }
        assertEquals(hrefs.size(), new java.util.HashSet<>(hrefs).size(), "no name listed twice: " + hrefs);
        String renamed = "/posts/" + post + "-" + editorsPost + "-later/";
        assertTrue(hrefs.contains(renamed), "the renamed post under its WordPress name: " + hrefs);
        assertEquals("A story", drive.send(EDITOR, "GET", renamed + "title.txt", Map.of(), null).text());
    }

    @Test
    void aFieldFileDeletedIsHiddenAndTheEmptiedFolderTrashesThePost() {
        for (String name : List.of("content.html", "title.txt")) {
            assertEquals(204, drive.send(ADMIN, "DELETE", folder + name, Map.of(), null).status());
        }
        assertEquals(404, drive.send(ADMIN, "GET", folder + "title.txt", Map.of(), null).status());
        assertEquals("A story", drive.wordpress.post(post).title().raw(), "WordPress is not changed by hiding a file");
        assertEquals(204, drive.send(ADMIN, "DELETE", folder, Map.of(), null).status());
        assertEquals("trash", drive.wordpress.post(post).status());
    }

    @Test
    void aUserWhoMayNotChangeThePostCannotHideItsFieldsFromThemselves() {
        Answer refused = drive.send(SUBSCRIBER, "DELETE", folder + "title.txt", Map.of(), null);
        assertEquals(403, refused.status(), refused.text());
        assertTrue(refused.text().contains("not allowed to edit this post"), refused.text());
        assertEquals("A story", drive.send(SUBSCRIBER, "GET", folder + "title.txt", Map.of(), null).text(), "nothing hidden");
        assertTrue(drive.send(SUBSCRIBER, "PROPFIND", folder, Map.of("Depth", "1"), null).text().contains("title.txt"));
        // An author may read an editor's published post, not change it: the same.
        String editors = drive.folderOf(editorsPost);
        assertEquals(403, drive.send(AUTHOR, "DELETE", editors + "content.html", Map.of(), null).status());
        assertTrue(drive.send(AUTHOR, "PROPFIND", editors, Map.of("Depth", "1"), null).text().contains("content.html"));
        // The author of the post may: Finder's empty-then-delete.
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder + "title.txt", Map.of(), null).status());
    }

    @Test
    void aFieldWhoseSaveWasRefusedStaysListedWhenTheClientDeletesItsFailedUpload() {
        // rclone: PUT refused, then DELETE of what it "failed to upload".
        assertEquals(403, drive.send(SUBSCRIBER, "PUT", folder + "status.txt", Map.of(), "draft").status());
        assertEquals(403, drive.send(SUBSCRIBER, "DELETE", folder + "status.txt", Map.of(), null).status());
        assertEquals(400, drive.send(EDITOR, "PUT", folder + "status.txt", Map.of(), "bogus-status").status());
        Answer cleanUp = drive.send(EDITOR, "DELETE", folder + "status.txt", Map.of(), null);
        assertEquals(403, cleanUp.status(), cleanUp.text());
        for (var who : List.of(SUBSCRIBER, EDITOR)) {
            assertEquals("publish", drive.send(who, "GET", folder + "status.txt", Map.of(), null).text(), who.login());
            assertTrue(drive.send(who, "PROPFIND", folder, Map.of("Depth", "1"), null).text().contains("status.txt"), who.login());
        }
        // A save that lands ends it: Finder's empty-then-delete works again.
        assertEquals(204, drive.send(EDITOR, "PUT", folder + "status.txt", Map.of(), "publish").status());
        assertEquals(204, drive.send(EDITOR, "DELETE", folder + "status.txt", Map.of(), null).status());
        assertEquals(404, drive.send(EDITOR, "GET", folder + "status.txt", Map.of(), null).status());
    }

    @Test
    void aMoveOrCopyToAnotherServerIsA502AndChangesNothing() {
        String slug = drive.wordpress.post(post).slug();
        int port = drive.port();
        for (String elsewhere : List.of("http://elsewhere.example:" + port, "http://127.0.0.1:" + (port + 1), "https://127.0.0.1:" + port,
                "http://127.0.0.1")) {
            Answer moved = drive.send(AUTHOR, "MOVE", folder, Map.of("Destination", elsewhere + "/posts/moved/"), null);
            assertEquals(502, moved.status(), elsewhere + ": " + moved.text());
            Answer copied = drive.send(AUTHOR, "COPY", folder, Map.of("Destination", elsewhere + "/posts/copied/"), null);
            assertEquals(502, copied.status(), elsewhere + ": " + copied.text());
        }
        Answer underscored = drive.send(AUTHOR, "MOVE", folder, Map.of("Host", "dav_1:" + port, "Destination", "http://dav_1:" + (port + 1) + "/posts/x/"), null);
        assertEquals(502, underscored.status(), "a host name with _ on another port: " + underscored.text());
        assertEquals(slug, drive.wordpress.post(post).slug(), "nothing moved");
        assertEquals(3, drive.wordpress.posts(p -> true).size(), "nothing copied");
        // This server, however it is spelled: a path alone, the host in capitals.
        assertEquals(201, drive.send(AUTHOR, "MOVE", folder, Map.of("Destination", "/posts/" + post + "-moved/"), null).status());
        assertEquals(201, drive.send(AUTHOR, "MOVE", "posts/" + post + "-moved/",
                Map.of("Destination", "HTTP://127.0.0.1:" + port + "/posts/" + post + "-moved-again/"), null).status());
        assertEquals("moved-again", drive.wordpress.post(post).slug());
        assertEquals(201, drive.send(AUTHOR, "MOVE", "posts/" + post + "-moved-again/",
                Map.of("Host", "dav_1:" + port, "Destination", "http://dav_1:" + port + "/posts/" + post + "-compose/"), null).status(),
                "a Compose service name, with _, is this server");
        assertEquals("compose", drive.wordpress.post(post).slug());
    }

    @Test
    void behindATrustedProxyTheDestinationNamesTheProxy() {
        Map<String, String> proxied = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dav.example.org");
        String destination = "https://dav.example.org/posts/" + post + "-proxied/";
        Map<String, String> headers = new java.util.HashMap<>(proxied);
        headers.put("Destination", destination);
        assertEquals(502, drive.send(AUTHOR, "MOVE", folder, headers, null).status(), "forwarded headers are not trusted by default");
        drive.close();
        drive = new InProcessDrive("--trust-forwarded-headers", "true");
        long id = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "Behind a proxy", "x");
        headers.put("Destination", "https://dav.example.org/posts/" + id + "-proxied/");
        Answer moved = drive.send(AUTHOR, "MOVE", drive.folderOf(id), headers, null);
        assertEquals(201, moved.status(), moved.text());
        assertEquals("proxied", drive.wordpress.post(id).slug());
    }

    @Test
    void aNewFolderKeepsItsOwnNameWhenASaveComesByWordPresssName() {
        assertEquals(201, drive.send(EDITOR, "MKCOL", "posts/Two Names", Map.of(), null).status());
        long made = drive.wordpress.posts(p -> p.title().raw().equals("Two Names")).get(0).id();
        assertEquals(204, drive.send(EDITOR, "PUT", "posts/" + made + "-two-names/content.html", Map.of(), "<p>Both.</p>").status());
        assertEquals("<p>Both.</p>", drive.send(EDITOR, "GET", "posts/Two Names/content.html", Map.of(), null).text());
        assertEquals(204, drive.send(EDITOR, "PUT", "posts/" + made + "-two-names/title.txt", Map.of(), "Retitled").status());
        assertEquals("Retitled", drive.send(EDITOR, "GET", "posts/Two Names/title.txt", Map.of(), null).text());
    }
}
