package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import com.github.sardine.DavResource;
import com.github.sardine.Sardine;
import com.github.sardine.SardineFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.node.Reads;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/** Reads, in process: Sardine's listing and GET, ranges and conditions, depth, and what each role is shown. */
class ProtocolReadTest {
    private InProcessDrive drive;
    private long published;
    private long authorsDraft;
    private long editorsDraft;
    private String folder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        published = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Public", "0123456789");
        authorsDraft = drive.wordpress.addPost("post", AUTHOR.id(), "draft", "Author's draft", "mine");
        editorsDraft = drive.wordpress.addPost("post", EDITOR.id(), "draft", "Editor's draft", "hers");
        folder = drive.folderOf(published);
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private Set<Long> listed(Account who, String top) {
        String listing = drive.send(who, "PROPFIND", top, Map.of("Depth", "1"), null).text();
        Matcher m = Pattern.compile("<D:href>/" + top + "(\\d+)[^<]*/</D:href>").matcher(listing);
        Set<Long> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void sardineListsAndReadsByteForByte() throws Exception {
        Sardine sardine = SardineFactory.begin(EDITOR.login(), EDITOR.password());
        try {
            List<DavResource> posts = sardine.list(drive.url("posts/"));
            assertTrue(posts.stream().anyMatch(r -> r.getName().startsWith(published + "-") && r.isDirectory()), posts.toString());
            List<DavResource> files = sardine.list(drive.url(folder));
            DavResource content = files.stream().filter(r -> r.getName().equals("content.html")).findFirst().orElseThrow();
            assertEquals(10L, content.getContentLength());
            try (var in = sardine.get(drive.url(folder + "content.html"))) {
                assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
        } finally {
            sardine.shutdown();
        }
    }

    @Test
    void optionsIsAnsweredEverywhereWithoutALogin() {
        for (String path : List.of("/", folder, folder + "content.html", "no/such/place")) {
            Answer options = drive.send(null, "OPTIONS", path, Map.of(), null);
            assertEquals(200, options.status(), path);
            assertEquals("1, 2", options.header("DAV"));
            assertTrue(options.header("Allow").contains("LOCK") && options.header("Allow").contains("PROPPATCH"));
            assertEquals("DAV", options.header("MS-Author-Via"));
        }
    }

    @Test
    void rangesAndConditions() {
        String file = folder + "content.html";
        Answer single = drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=2-4"), null);
        assertEquals(206, single.status());
        assertEquals("234", single.text());
        assertEquals("789", drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=-3"), null).text());
        Answer overlapping = drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=" + "0-,".repeat(19) + "0-"), null);
        assertEquals(10, overlapping.body().length, "overlapping ranges are one, never more than the file");
        Answer multi = drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=0-0,8-9"), null);
        assertTrue(multi.header("Content-Type").startsWith("multipart/byteranges"));
        Answer unsatisfiable = drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=50-60"), null);
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */10", unsatisfiable.header("Content-Range"));
        String etag = drive.send(EDITOR, "HEAD", file, Map.of(), null).header("ETag");
        assertEquals(304, drive.send(EDITOR, "GET", file, Map.of("If-None-Match", etag), null).status());
        assertEquals(412, drive.send(EDITOR, "GET", file, Map.of("If-Match", "\"other\""), null).status());
    }

    @Test
    void depthOnFilesAndFolders() {
        assertEquals(207, drive.send(EDITOR, "PROPFIND", folder + "title.txt", Map.of(), null).status());
        assertEquals(207, drive.send(EDITOR, "PROPFIND", folder + "title.txt", Map.of("Depth", "infinity"), null).status());
        assertEquals(404, drive.send(EDITOR, "PROPFIND", folder + "missing.txt", Map.of(), null).status());
        assertEquals(403, drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "infinity"), null).status());
        String one = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
        assertTrue(one.contains("content.html") && one.contains("title.txt"), one);
        String zero = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "0"), null).text();
        assertTrue(!zero.contains("content.html"), zero);
    }

    @Test
    void aPropertyWithoutANamespaceIsWellFormedXml() throws Exception {
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><plain xmlns=\"\">v</plain></D:prop></D:set>"
                + "</D:propertyupdate>";
        assertEquals(207, drive.send(EDITOR, "PROPPATCH", folder + "title.txt", Map.of(), patch).status());
        String found = drive.send(EDITOR, "PROPFIND", folder + "title.txt", Map.of("Depth", "0"), null).text();
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(found.getBytes(StandardCharsets.UTF_8)));
        assertEquals("v", doc.getElementsByTagNameNS("", "plain").item(0).getTextContent());
    }

    @Test
    void eachRoleIsShownWhatWordPressShowsIt() {
        assertEquals(Set.of(published, authorsDraft, editorsDraft), listed(ADMIN, "posts/"));
        assertEquals(Set.of(published, authorsDraft, editorsDraft), listed(EDITOR, "posts/"));
        assertEquals(Set.of(published, authorsDraft), listed(AUTHOR, "posts/"), "the public's posts and their own drafts");
        assertEquals(Set.of(published), listed(SUBSCRIBER, "posts/"));
        assertEquals(404, drive.send(AUTHOR, "GET", drive.folderOf(editorsDraft) + "content.html", Map.of(), null).status());
        for (Account who : List.of(ADMIN, EDITOR, AUTHOR, SUBSCRIBER)) {
            assertEquals(207, drive.send(who, "PROPFIND", "users/" + who.login() + "/", Map.of("Depth", "1"), null).status(), who.login());
        }
    }

    /** content.html (or an uploaded page) opened in a browser runs no script on the drive's origin, where the login goes with every request. */
    @Test
    void aFileOpenedInABrowserIsSandboxedAndNeverSniffed() {
        Answer page = drive.send(EDITOR, "GET", folder + "content.html", Map.of(), null);
        assertEquals("sandbox", page.header("Content-Security-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
    }

    @Test
    void readersSeeTheRenderedTextAndEditorsTheRawOne() {
        assertEquals("0123456789", drive.send(EDITOR, "GET", folder + "content.html", Map.of(), null).text());
        assertEquals("<p>0123456789</p>\n", drive.send(SUBSCRIBER, "GET", folder + "content.html", Map.of(), null).text());
    }
}
