package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;

/** No other site can show the drive in a frame: every answer says so, the folder pages first. */
class ProtocolFramingTest {
    private final InProcessDrive drive = new InProcessDrive();

    @AfterEach
    void stop() {
        drive.close();
    }

    private static void assertNotFramable(String what, Answer answer) {
        assertNotFramable(what, answer, "frame-ancestors 'none'");
    }

    private static void assertNotFramable(String what, Answer answer, String policy) {
        assertEquals(List.of("DENY"), answer.headers().get("x-frame-options"), what);
        assertEquals(List.of(policy), answer.headers().get("content-security-policy"), what);
        assertEquals(List.of("nosniff"), answer.headers().get("x-content-type-options"), what);
    }

    @Test
    void everyAnswerOfTheDriveForbidsFraming() {
        long post = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Framed", "<p>x</p>");
        String folder = drive.folderOf(post);
        Answer page = drive.send(EDITOR, "GET", folder, Map.of("Accept", "text/html"), null);
        assertEquals(200, page.status());
        assertEquals(true, page.headers().get("content-type").get(0).startsWith("text/html"), page.headers().toString());
        assertNotFramable("a folder's page", page);
        assertNotFramable("the top page", drive.send(EDITOR, "GET", "/", Map.of("Accept", "text/html"), null));
        assertNotFramable("a file, whose script never runs on the drive's origin", drive.send(EDITOR, "GET", folder + "content.html", Map.of(), null),
                "sandbox; frame-ancestors 'none'");
        assertNotFramable("a listing", drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "1"), null));
        assertNotFramable("a refusal", drive.send(null, "GET", folder, Map.of(), null));
        assertNotFramable("OPTIONS", drive.send(null, "OPTIONS", "/", Map.of(), null));
    }
}
