package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;

/**
 * The form of a PROPFIND answer, byte for byte where it matters (issue 21: answers as small as the
 * protocol allows): each namespace declared once on the root, no whitespace, one 404 propstat
 * holding exactly the names not found, nothing that was not asked. A change that makes every
 * entry longer turns this red.
 */
class AnswerFormTest {
    static final String EXPLORER = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:name/><D:parentname/>"
            + "<D:href/><D:ishidden/><D:isreadonly/><D:getcontenttype/><D:contentclass/><D:getcontentlanguage/><D:creationdate/>"
            + "<D:lastaccessed/><D:getlastmodified/><D:getcontentlength/><D:iscollection/><D:isstructureddocument/><D:defaultdocument/>"
            + "<D:displayname/><D:isroot/><D:resourcetype/></D:prop></D:propfind>";
    static final String FINDER = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop "
            + "xmlns:A=\"http://www.apple.com/webdav_fs/props/\"><D:getlastmodified/><D:getcontentlength/><D:creationdate/><D:resourcetype/>"
            + "<A:appledoubleheader/></D:prop></D:propfind>";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\"";
    private static final String OK = "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>";
    private static final String NOT_FOUND = "</D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>";

    private InProcessDrive drive;
    private String folder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        long post = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Answer form", "<p>text</p>");
        drive.wordpress.addPost("post", EDITOR.id(), "publish", "Another one", "<p>more</p>");
        folder = drive.folderOf(post);
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    /** The DAV:response elements of a whole answer, which must be nothing but its head, these and its end. */
    private static List<String> responses(String xml, String head) {
        assertTrue(xml.startsWith(head), xml);
        assertTrue(xml.endsWith("</D:multistatus>\n"), xml);
        String body = xml.substring(head.length(), xml.length() - "</D:multistatus>\n".length());
        List<String> responses = new ArrayList<>();
        Matcher m = Pattern.compile("<D:response>.*?</D:response>").matcher(body);
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "nothing between responses: " + body);
            responses.add(m.group());
            end = m.end();
        }
        assertEquals(body.length(), end, body);
        return responses;
    }

    @Test
    void explorersListingIsEveryPropertyFoundThenOne404OfExactlyTheRest() {
        String xml = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), EXPLORER).text();
        List<String> responses = responses(xml, HEAD + ">");
        assertEquals(3, responses.size(), xml);
        String folderEntry = "<D:response><D:href>/posts/[^<]+/</D:href><D:propstat><D:prop>"
                + "<D:creationdate>[0-9-]+T[0-9:]+Z</D:creationdate><D:getlastmodified>[A-Za-z]{3}, [0-9]{2} [A-Za-z]{3} [0-9]{4} [0-9:]{8} GMT"
                + "</D:getlastmodified><D:resourcetype><D:collection/></D:resourcetype>" + OK
                + "<D:propstat><D:prop><D:name/><D:parentname/><D:href/><D:ishidden/><D:isreadonly/><D:getcontenttype/><D:contentclass/>"
                + "<D:getcontentlanguage/><D:lastaccessed/><D:getcontentlength/><D:iscollection/><D:isstructureddocument/>"
                + "<D:defaultdocument/><D:displayname/><D:isroot/>" + NOT_FOUND + "</D:response>";
        for (String entry : responses.subList(1, 3)) {
            assertTrue(Pattern.matches(folderEntry.replace("$", "\\$"), entry), entry);
        }
    }

    @Test
    void finderAsksAppleNamespaceDeclaredOnceOnTheRoot() {
        String xml = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "1"), FINDER).text();
        List<String> responses = responses(xml, HEAD + " xmlns:a=\"http://www.apple.com/webdav_fs/props/\">");
        assertTrue(responses.size() > 5, xml);
        assertFalse(xml.substring(xml.indexOf("<D:response>")).contains("xmlns"), "no namespace declared but on the root: " + xml);
        for (String entry : responses) {
            boolean isFolder = entry.contains("<D:collection/>");
            assertTrue(entry.endsWith("<D:propstat><D:prop>" + (isFolder ? "<D:getcontentlength/>" : "") + "<a:appledoubleheader/>"
                    + NOT_FOUND + "</D:response>"), "the 404 names exactly what is missing: " + entry);
            assertEquals(1, entry.split("404 Not Found", -1).length - 1, entry);
        }
        String content = responses.stream().filter(r -> r.contains("content.html</D:href>")).findFirst().orElseThrow();
        assertTrue(Pattern.matches("<D:response><D:href>[^<]+</D:href><D:propstat><D:prop><D:getlastmodified>[^<]+</D:getlastmodified>"
                + "<D:getcontentlength>[0-9]+</D:getcontentlength><D:creationdate>[^<]+</D:creationdate><D:resourcetype/>" + OK
                + "<D:propstat><D:prop><a:appledoubleheader/>" + NOT_FOUND + "</D:response>", content), content);
    }

    @Test
    void deadPropertiesOfEveryEntryShareTheRootsDeclarations() throws Exception {
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\"><D:set><D:prop>"
                + "<Z:Win32FileAttributes>00000020</Z:Win32FileAttributes><plain xmlns=\"\">v</plain></D:prop></D:set></D:propertyupdate>";
        String patched = drive.send(EDITOR, "PROPPATCH", folder + "title.txt", Map.of(), patch).text();
        assertEquals(HEAD + " xmlns:a=\"urn:schemas-microsoft-com:\"><D:response><D:href>/" + folder + "title.txt</D:href>"
                + "<D:propstat><D:prop><a:Win32FileAttributes/><plain/>" + OK + "</D:response></D:multistatus>\n", patched);
        String xml = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
        responses(xml, HEAD + " xmlns:a=\"urn:schemas-microsoft-com:\">");
        assertTrue(xml.contains("<a:Win32FileAttributes>00000020</a:Win32FileAttributes>") && xml.contains("<plain>v</plain>"), xml);
        assertTrue(xml.contains("<D:lockdiscovery/>"), "no lock: the empty element " + xml);
        assertFalse(xml.substring(xml.indexOf("<D:response>")).contains("xmlns"), xml);
        // Still the same properties, in the same namespaces, to a namespace-aware parser.
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("00000020", doc.getElementsByTagNameNS("urn:schemas-microsoft-com:", "Win32FileAttributes").item(0).getTextContent());
        assertEquals("v", doc.getElementsByTagNameNS("", "plain").item(0).getTextContent());
    }

    @Test
    void preferReturnMinimalLeavesOutThe404s() {
        Answer full = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), EXPLORER);
        Answer minimal = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1", "Prefer", "return=minimal"), EXPLORER);
        assertEquals(207, minimal.status());
        assertEquals("return=minimal", minimal.header("Preference-Applied"));
        assertNull(full.header("Preference-Applied"));
        List<String> responses = responses(minimal.text(), HEAD + ">");
        assertEquals(3, responses.size());
        for (String entry : responses.subList(1, 3)) {
            assertTrue(Pattern.matches("<D:response><D:href>/posts/[^<]+/</D:href><D:propstat><D:prop><D:creationdate>[^<]+</D:creationdate>"
                    + "<D:getlastmodified>[^<]+</D:getlastmodified><D:resourcetype><D:collection/>"
                    + "</D:resourcetype>" + OK + "</D:response>", entry), entry);
        }
        assertTrue(minimal.body().length * 10 < full.body().length * 6, minimal.body().length + " of " + full.body().length);
        // allprop has nothing to leave out: the preference is not applied.
        assertNull(drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1", "Prefer", "return=minimal"), null).header("Preference-Applied"));
        Answer brief = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1", "Brief", "t"), EXPLORER);
        assertEquals(minimal.text(), brief.text(), "Brief: t answers as return=minimal does");
        assertNull(brief.header("Preference-Applied"), "Brief is no Prefer: nothing to say was applied");
    }

    @Test
    void displaynameIsTheClientsOwnNotARepeatOfTheHref() throws Exception {
        // Not computed from the path (RFC 4918 §15.2 deprecates that): asked, it is a 404 until a client sets one.
        String asked = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/></D:prop></D:propfind>";
        String before = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "0"), asked).text();
        assertTrue(before.contains("<D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 404 Not Found"), before);
        assertFalse(drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text().contains("displayname"), "allprop has none");
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:displayname>Tom &amp; \"Jerry\" &lt;3"
                + "</D:displayname></D:prop></D:set></D:propertyupdate>";
        Answer patched = drive.send(EDITOR, "PROPPATCH", folder, Map.of(), patch);
        assertTrue(patched.text().contains("<D:displayname/></D:prop><D:status>HTTP/1.1 200 OK"), patched.text());
        String after = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1"), EXPLORER).text();
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var names = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(after.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("DAV:", "displayname");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            values.add(names.item(i).getTextContent());
        }
        // The folder it was set on shows it; the posts/ folder and the other post still name it as not found.
        assertEquals(List.of("", "Tom & \"Jerry\" <3", ""), values, after);
    }

    @Test
    void aNamespaceAClientMadeUpIsDeclaredOnTheRootEscaped() throws Exception {
        String hostile = "urn:\"><D:evil/><x a=\"&";
        String escaped = "urn:&quot;&gt;&lt;D:evil/&gt;&lt;x a=&quot;&amp;";
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:H=\"" + escaped + "\"><D:set><D:prop>"
                + "<H:mark>kept</H:mark></D:prop></D:set></D:propertyupdate>";
        assertEquals(207, drive.send(EDITOR, "PROPPATCH", folder + "title.txt", Map.of(), patch).status());
        String xml = drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
        assertFalse(xml.contains("<D:evil/>"), "the namespace's text never becomes markup: " + xml);
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(1, doc.getElementsByTagNameNS(hostile, "mark").getLength(), xml);
        assertEquals("kept", doc.getElementsByTagNameNS(hostile, "mark").item(0).getTextContent());
        assertEquals(0, doc.getElementsByTagNameNS("DAV:", "evil").getLength(), xml);
    }
}
