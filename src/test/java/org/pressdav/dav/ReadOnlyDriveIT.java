package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.sardine.DavResource;
import com.github.sardine.Sardine;
import com.github.sardine.SardineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.Post;

/** The read-only drive through Sardine, a real DAV client, checked against WordPress itself. */
class ReadOnlyDriveIT {
    private static RunningDrive drive;
    private static TestBed bed;
    private static Sardine admin;
    private static OkHttpWordPressClient wordpress;

    @BeforeAll
    static void start() {
        drive = RunningDrive.start();
        bed = drive.bed();
        admin = sardine("admin");
        wordpress = drive.wordpress();
    }

    @AfterAll
    static void stop() {
        drive.close();
    }

    static Sardine sardine(String role) {
        Sardine sardine = SardineFactory.begin(bed.credentials(role).login(), bed.applicationPassword(role));
        sardine.enablePreemptiveAuthentication("127.0.0.1");
        return sardine;
    }

    private static List<String> names(Sardine client, String path) throws IOException {
        List<DavResource> listing = client.list(drive.url(path));
        return listing.subList(1, listing.size()).stream().map(DavResource::getName).toList();
    }

    /** The folder of a seeded post or page: {@code posts/<id>-…/}. */
    private static String folderOf(String kind, String key) throws IOException {
        String prefix = bed.id(kind, key) + "-";
        return names(admin, kind + "/").stream().filter(n -> n.startsWith(prefix) || n.equals(prefix.substring(0, prefix.length() - 1)))
                .findFirst().map(n -> kind + "/" + n + "/").orElseThrow(() -> new AssertionError("no folder for " + kind + " " + key));
    }

    private static byte[] get(Sardine client, String path) throws IOException {
        try (InputStream in = client.get(drive.url(path))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theRootHoldsTheWholeTree() throws IOException {
        // The test bed's own types (book, guide, genre) and WordPress's blocks, navigation menus, templates and global styles (none
        // in the seed's theme, which is not installed), which the administrator may edit.
        assertEquals(List.of("site", "posts", "pages", "blocks", "navigation", "books", "guides", "templates", "template-parts", "global-styles",
                "media", "users", "categories", "tags", "genres", "comments", "trash"), names(admin, ""));
    }

    @Test
    void everyTrapPostsFieldsReadByteForByteWithMatchingProperties() throws IOException {
        for (String kind : List.of("posts", "pages")) {
            Endpoint<Post> endpoint = kind.equals("posts") ? Endpoint.POSTS : Endpoint.PAGES;
            for (JsonNode seeded : bed.seedData().get(kind)) {
                String key = seeded.get("key").asText();
                String folder = folderOf(kind, key);
                Post truth = wordpress.get(bed.credentials("admin"), endpoint, bed.id(kind, key), Context.EDIT);

                assertArrayEquals(seeded.get("content").asText().getBytes(UTF_8), get(admin, folder + "content.html"), key);
                assertArrayEquals(seeded.get("title").asText().getBytes(UTF_8), get(admin, folder + "title.txt"), key);
                assertEquals(truth.status(), new String(get(admin, folder + "status.txt"), UTF_8), key);
                assertEquals(String.valueOf(truth.id()), new String(get(admin, folder + "id.txt"), UTF_8), key);
                assertEquals(truth.dateGmt().toString(), new String(get(admin, folder + "date-gmt.txt"), UTF_8), key);

                List<DavResource> files = admin.list(drive.url(folder));
                DavResource content = files.stream().filter(r -> r.getName().equals("content.html")).findFirst().orElseThrow();
                assertEquals(seeded.get("content").asText().getBytes(UTF_8).length, content.getContentLength(), key + " length in bytes");
                assertTrue(content.getEtag().startsWith("\"") && !content.getEtag().startsWith("W/"), "strong ETag " + content.getEtag());
                assertEquals(truth.modifiedGmt().getEpochSecond(), content.getModified().toInstant().getEpochSecond(), key + " getlastmodified");
                assertEquals(truth.dateGmt().getEpochSecond(), content.getCreation().toInstant().getEpochSecond(), key + " creationdate");
                assertTrue(content.getContentType().startsWith("text/html"), content.getContentType());
            }
        }
    }

    @Test
    void fieldFilesNameTermsUsersAndParents() throws IOException {
        String emoji = folderOf("posts", "emoji");
        assertEquals("news", new String(get(admin, emoji + "categories.txt"), UTF_8));
        assertEquals("fun", new String(get(admin, emoji + "tags.txt"), UTF_8));
        assertEquals("admin", new String(get(admin, emoji + "author.txt"), UTF_8));
        assertEquals("日本", new String(get(admin, folderOf("posts", "cjk") + "tags.txt"), UTF_8));
        assertEquals("ana author", new String(get(admin, folderOf("posts", "author-post") + "author.txt"), UTF_8));
        String about = folderOf("pages", "about");
        assertEquals(about.substring("pages/".length(), about.length() - 1),
                new String(get(admin, folderOf("pages", "team") + "parent.txt"), UTF_8));
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(admin, emoji + "post.json"));
        assertEquals(bed.id("posts", "emoji"), json.get("id").asLong());
        assertTrue(json.at("/content/raw").isTextual(), "post.json is the edit context object");
    }

    @Test
    void draftsAreNamedFromTheirGeneratedSlug() throws IOException {
        assertEquals("posts/" + bed.id("posts", "draft-no-slug") + "-an-unsaved-draft/", folderOf("posts", "draft-no-slug"));
        assertEquals("", new String(get(admin, folderOf("posts", "draft-no-slug") + "slug.txt"), UTF_8));
    }

    @Test
    void termsUsersCommentsAndTheSiteRead() throws IOException {
        assertEquals("news", new String(get(admin, "categories/local/parent.txt"), UTF_8));
        assertEquals("Everything new", new String(get(admin, "categories/news/description.txt"), UTF_8));
        assertEquals("日本", new String(get(admin, "tags/日本/name.txt"), UTF_8));
        assertTrue(names(admin, "users/").containsAll(List.of("admin", "editor", "ana author", "subscriber")));
        assertEquals("author", new String(get(admin, "users/ana author/roles.txt"), UTF_8));
        assertEquals("ana@example.test", new String(get(admin, "users/ana author/email.txt"), UTF_8));
        String pending = String.valueOf(bed.id("comments", "pending"));
        assertEquals("hold", new String(get(admin, "comments/" + pending + "/status.txt"), UTF_8));
        assertEquals(String.valueOf(bed.id("comments", "approved")),
                new String(get(admin, "comments/" + bed.id("comments", "reply") + "/parent.txt"), UTF_8));
        assertEquals("pressdav test bed", new String(get(admin, "site/name.txt"), UTF_8));
        assertEquals(bed.url().toString().replaceAll("/$", ""), new String(get(admin, "site/url.txt"), UTF_8));
        assertTrue(new String(get(admin, "site/site.json"), UTF_8).contains("\"settings\""), "an administrator sees the settings");
    }

    @Test
    void mediaIsLaidOutByMonthAndReadsByteIdentical() throws Exception {
        String year = String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear());
        // The seed's months, and this month's folder, which always shows: uploads go there.
        assertEquals(java.util.stream.Stream.of("2024", "2025", year).distinct().sorted().toList(),
                names(admin, "media/").stream().sorted().toList());
        for (String key : List.of("png", "jpeg", "pdf", "large")) {
            String file = bed.manifest().at("/media/" + key + "/file").asText();
            List<DavResource> listing = admin.list(drive.url("media/" + file), 0);
            assertEquals(bed.manifest().at("/media/" + key + "/size").asLong(), listing.get(0).getContentLength(), file);
            assertEquals(bed.manifest().at("/media/" + key + "/mime_type").asText(), listing.get(0).getContentType(), file);
            byte[] bytes = get(admin, "media/" + file);
            assertEquals(bed.manifest().at("/media/" + key + "/sha256").asText(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), file);
        }
    }

    @Test
    void optionsAnswersEverywhereWithoutALogin() {
        for (String url : List.of(drive.url(), drive.url("posts/"), drive.url("no/such/thing"))) {
            RunningDrive.Answer answer = drive.send(null, "OPTIONS", url, Map.of(), null);
            assertEquals(200, answer.status(), url);
            assertNotNull(answer.header("DAV"), url);
            assertEquals("DAV", answer.header("MS-Author-Via"));
            assertTrue(answer.header("Allow").contains("PROPFIND"));
        }
    }

    @Test
    void foldersAnswerWithAndWithoutTheTrailingSlashNeverARedirect() {
        for (String url : List.of(drive.url("posts"), drive.url("posts/"), drive.url("media/2024"))) {
            RunningDrive.Answer answer = drive.send("admin", "PROPFIND", url, Map.of("Depth", "0"), null);
            assertEquals(207, answer.status(), url);
        }
    }

    @Test
    void depthInfinityIsRefusedWithThePrecondition() {
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url("posts/"), Map.of("Depth", "infinity"), null);
        assertEquals(403, answer.status());
        assertTrue(answer.text().contains("propfind-finite-depth"), answer.text());
    }

    @Test
    void malformedXmlIsABadRequest() {
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"),
                "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:propfind>");
        assertEquals(400, answer.status());
    }

    @Test
    void unknownPropertiesKeepTheirNamespaceAndAreNotFound() {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\">"
                + "<D:prop><D:getetag/><D:quota-available-bytes/><D:quota-used-bytes/><Z:Win32FileAttributes/></D:prop></D:propfind>";
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url(""), Map.of("Depth", "0"), body);
        assertEquals(207, answer.status());
        String xml = answer.text();
        assertTrue(xml.contains("<D:quota-available-bytes>") && xml.contains("<D:quota-used-bytes>0</D:quota-used-bytes>"), xml);
        int notFound = xml.indexOf("404 Not Found");
        // Its namespace is declared once, on the root, with a short prefix (issue 21).
        int win32 = xml.indexOf("<a:Win32FileAttributes/>");
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:a=\"urn:schemas-microsoft-com:\">"),
                xml);
        assertTrue(win32 > 0 && notFound > win32, "Win32FileAttributes is a 404 in its own namespace: " + xml);
        assertTrue(xml.indexOf("<D:getetag/>") > 0 && notFound > xml.indexOf("<D:getetag/>"), "a folder has no ETag: " + xml);
    }

    @Test
    void propnameListsNamesWithoutValues() throws IOException {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:propname/></D:propfind>";
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url(folderOf("posts", "emoji") + "title.txt"),
                Map.of("Depth", "0"), body);
        assertEquals(207, answer.status());
        assertTrue(answer.text().contains("<D:getetag/>") && answer.text().contains("<D:getcontentlength/>"), answer.text());
        assertFalse(answer.text().contains("Emoji"), "propname carries no values");
    }

    @Test
    void conditionalGetsAnswerNotModified() throws IOException {
        String url = drive.url(folderOf("posts", "crlf") + "content.html");
        RunningDrive.Answer first = drive.send("admin", "GET", url, Map.of(), null);
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        assertEquals(304, drive.send("admin", "GET", url, Map.of("If-None-Match", etag), null).status());
        assertEquals(304, drive.send("admin", "HEAD", url, Map.of("If-None-Match", "\"other\", " + etag), null).status());
        assertEquals(304, drive.send("admin", "GET", url, Map.of("If-Modified-Since", lastModified), null).status());
        assertEquals(200, drive.send("admin", "GET", url, Map.of("If-None-Match", "\"other\""), null).status());
        assertEquals(412, drive.send("admin", "GET", url, Map.of("If-Match", "\"other\""), null).status());
    }

    /** A single range, a suffix, two ranges (multipart) and one beyond the end, of a file whose bytes are {@code whole}. */
    static void assertRangesOf(RunningDrive on, String url, byte[] whole) {
        RunningDrive.Answer single = on.send("admin", "GET", url, Map.of("Range", "bytes=1000-1999"), null);
        assertEquals(206, single.status());
        assertEquals("bytes 1000-1999/" + whole.length, single.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(whole, 1000, 2000), single.body());

        RunningDrive.Answer suffix = on.send("admin", "GET", url, Map.of("Range", "bytes=-500"), null);
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 500, whole.length), suffix.body());

        RunningDrive.Answer multi = on.send("admin", "GET", url, Map.of("Range", "bytes=0-9,100-109"), null);
        assertEquals(206, multi.status());
        assertTrue(multi.header("Content-Type").startsWith("multipart/byteranges; boundary="));
        String body = new String(multi.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("Content-Range: bytes 0-9/" + whole.length) && body.contains("Content-Range: bytes 100-109/" + whole.length));
        assertTrue(body.contains(new String(Arrays.copyOfRange(whole, 100, 110), java.nio.charset.StandardCharsets.ISO_8859_1)));

        RunningDrive.Answer beyond = on.send("admin", "GET", url, Map.of("Range", "bytes=" + whole.length + "-"), null);
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + whole.length, beyond.header("Content-Range"));
    }

    @Test
    void rangesSingleMultipleSuffixAndUnsatisfiable() throws IOException {
        String file = bed.manifest().at("/media/large/file").asText();
        assertRangesOf(drive, drive.url("media/" + file), Files.readAllBytes(bed.uploadsDir().resolve(file)));

        RunningDrive.Answer text = drive.send("admin", "GET", drive.url(folderOf("posts", "crlf") + "content.html"),
                Map.of("Range", "bytes=-6"), null);
        assertEquals("four\r\n", text.text());
    }

    @Test
    void headGivesTheLengthWithoutABody() throws IOException {
        String file = bed.manifest().at("/media/png/file").asText();
        RunningDrive.Answer head = drive.send("admin", "HEAD", drive.url("media/" + file), Map.of(), null);
        assertEquals(200, head.status());
        assertEquals(String.valueOf(bed.manifest().at("/media/png/size").asLong()), head.header("Content-Length"));
        assertEquals(0, head.body().length);
    }

    @Test
    void aMissingThingIsAPlain404AndFinderProbesCostNothing() {
        for (String path : List.of("._.", ".DS_Store", "posts/._12-x", "posts/99999-nope/", "media/1999/", "desktop.ini")) {
            assertEquals(404, drive.send("admin", "PROPFIND", drive.url(path), Map.of("Depth", "0"), null).status(), path);
        }
    }

    @Test
    void aRenamedOrWrongNameIsNotFoundEvenWithTheRightId() throws IOException {
        String id = String.valueOf(bed.id("posts", "emoji"));
        assertEquals(404, drive.send("admin", "GET", drive.url("posts/" + id + "-old-name/title.txt"), Map.of(), null).status());
        assertFalse(folderOf("posts", "emoji").contains("old-name"));
    }
}
