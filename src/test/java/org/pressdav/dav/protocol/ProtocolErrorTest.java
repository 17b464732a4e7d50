package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * Every status of the error table, in process: what the drive refuses itself, and what
 * WordPress refuses, passed on with WordPress's status and message. Nothing is a bare 500.
 */
class ProtocolErrorTest {
    private InProcessDrive drive;
    private long post;
    private String folder;
    private String month;

    @BeforeEach
    void start() {
        drive = new InProcessDrive("--scratch-max-mb", "1");
        post = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Errors", "Body.");
        folder = drive.folderOf(post);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private void assertAnswer(int status, String says, Answer answer) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.text().contains(says), "'" + says + "' in " + answer.text());
    }

    @Test
    void badRequests() {
        assertAnswer(400, "malformed", drive.send(ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"), "<D:propfind xmlns:D=\"DAV:\">"));
        assertAnswer(400, "DTD", drive.send(ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>"));
        assertAnswer(400, "Invalid parameter(s): status", drive.send(EDITOR, "PUT", folder + "status.txt", Map.of(), "bogus"));
        assertAnswer(400, "UTF-8", drive.sendBytes(EDITOR, "PUT", folder + "title.txt", Map.of(), new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertAnswer(400, "ISO-8601", drive.send(EDITOR, "PUT", folder + "date-gmt.txt", Map.of(), "yesterday"));
        assertEquals("Errors", drive.wordpress.post(post).title().raw());
    }

    @Test
    void unauthorizedAndThrottled() {
        assertAnswer(401, "application password", drive.send(null, "PROPFIND", "posts/", Map.of("Depth", "1"), null));
        InMemoryWordPress.Account wrong = new InMemoryWordPress.Account(9, "guesser", "wrong", "subscriber");
        assertAnswer(401, "did not accept", drive.send(wrong, "GET", "site/name.txt", Map.of(), null));
        int before = drive.wordpress.calls.get("me").get();
        for (int i = 0; i < 12; i++) {
            drive.send(wrong, "GET", "site/name.txt", Map.of(), null);
        }
        Answer throttled = drive.send(wrong, "GET", "site/name.txt", Map.of(), null);
        assertAnswer(429, "Too many failed logins", throttled);
        assertTrue(drive.wordpress.calls.get("me").get() - before <= 10, "WordPress is no longer asked");
        assertEquals(200, drive.send(EDITOR, "GET", "site/name.txt", Map.of(), null).status());
    }

    @Test
    void forbiddenByTheDriveAndByWordPress() {
        assertAnswer(403, "Sorry, you are not allowed to edit this post.", drive.send(SUBSCRIBER, "PUT", folder + "content.html", Map.of(), "x"));
        assertAnswer(403, "read-only", drive.send(EDITOR, "PUT", folder + "id.txt", Map.of(), "99"));
        assertAnswer(403, "Sorry, you are not allowed to delete this post.", drive.send(AUTHOR, "DELETE", folder, Map.of(), null));
        assertAnswer(403, "cannot be made", drive.send(ADMIN, "MKCOL", "site/more", Map.of(), null));
        assertAnswer(403, "not allowed to upload", drive.sendBytes(SUBSCRIBER, "PUT", month + "x.png", Map.of(), new byte[] {1}));
        // A folder the subscriber does not see (an empty media folder is not shown to them): still "may not upload", not "no such folder".
        assertAnswer(403, "not allowed to upload", drive.sendBytes(SUBSCRIBER, "PUT", "media/1999/01/x.png", Map.of(), new byte[] {1}));
        assertAnswer(409, "does not exist", drive.sendBytes(EDITOR, "PUT", "media/1999/01/x.png", Map.of(), new byte[] {1}));
        assertEquals("publish", drive.wordpress.post(post).status());
    }

    @Test
    void notFoundMethodNotAllowedAndConflicts() {
        assertAnswer(404, "Not found", drive.send(ADMIN, "GET", "posts/99999-none/content.html", Map.of(), null));
        assertAnswer(404, "Not found", drive.send(ADMIN, "PROPFIND", "nothing-here", Map.of("Depth", "0"), null));
        assertAnswer(405, "folder", drive.send(ADMIN, "PUT", "posts/", Map.of(), "x"));
        assertAnswer(405, "already exists", drive.send(ADMIN, "MKCOL", folder, Map.of(), null));
        assertAnswer(405, "not supported", drive.send(ADMIN, "PATCH", folder, Map.of(), "x"));
        assertAnswer(409, "does not exist", drive.send(ADMIN, "PUT", "posts/99999-none/content.html", Map.of(), "x"));
        assertEquals(201, drive.send(ADMIN, "MKCOL", "tags/Twice", Map.of(), null).status());
        drive.wordpress.addTerm("post_tag", "Again");
        assertAnswer(409, "already exists", drive.send(ADMIN, "MKCOL", "tags/Again", Map.of(), null));
        assertAnswer(409, "no tag with the slug 'nope'", drive.send(ADMIN, "PUT", folder + "tags.txt", Map.of(), "nope"));
    }

    @Test
    void temporaryFilesTakeASmallShareWithoutTheRightToUploadAndATotalForAll() {
        try (InProcessDrive shares = new InProcessDrive("--scratch-max-mb", "4", "--scratch-total-max-mb", "5")) {
            assertEquals(201, shares.sendBytes(AUTHOR, "PUT", "posts/._author", Map.of(), new byte[3 << 20]).status());
            assertAnswer(507, "who may not upload", shares.sendBytes(SUBSCRIBER, "PUT", "posts/._subscriber", Map.of(), new byte[2 << 20]));
            assertEquals(201, shares.sendBytes(SUBSCRIBER, "PUT", "posts/.DS_Store", Map.of(), new byte[500_000]).status(), "a client's own files fit");
            assertAnswer(507, "all users", shares.sendBytes(EDITOR, "PUT", "posts/._editor", Map.of(), new byte[2 << 20]));
            assertEquals(404, shares.send(EDITOR, "GET", "posts/._editor", Map.of(), null).status(), "nothing kept of a refused write");
        }
    }

    @Test
    void preconditionsSizesTypesLocksAndStorage() {
        assertAnswer(412, "Precondition failed", drive.send(ADMIN, "PUT", folder + "title.txt", Map.of("If-Match", "\"other\""), "x"));
        assertAnswer(413, "at most", drive.sendBytes(ADMIN, "PUT", folder + "slug.txt", Map.of(), new byte[100_000]));
        assertAnswer(415, "MKCOL takes no body", drive.send(ADMIN, "MKCOL", "posts/With body", Map.of(), "x"));
        assertAnswer(415, "not allowed to upload this file type", drive.sendBytes(ADMIN, "PUT", month + "tool.exe", Map.of(), new byte[] {1}));
        String token = drive.send(ADMIN, "LOCK", folder + "excerpt.txt", Map.of("Depth", "0"), ProtocolLockTest.lockInfo("exclusive", "write"))
                .header("Lock-Token");
        assertTrue(token != null);
        assertAnswer(423, "locked", drive.send(EDITOR, "PUT", folder + "excerpt.txt", Map.of(), "x"));
        assertAnswer(507, "per user", drive.sendBytes(EDITOR, "PUT", "posts/._big", Map.of(), new byte[2 << 20]));
        Answer partial = drive.send(ADMIN, "PROPFIND", "posts/", Map.of(), null);
        assertEquals(403, partial.status());
        assertTrue(partial.text().contains("propfind-finite-depth"));
    }

    @Test
    void wordpressDownIsABadGatewayWithTheReason() {
        drive.send(ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"), null);
        drive.wordpress.down(true);
        assertAnswer(502, "WordPress cannot be reached", drive.send(EDITOR, "PUT", folder + "title.txt", Map.of(), "while down"));
        drive.wordpress.down(false);
        drive.wordpress.slow(true);
        assertAnswer(504, "did not answer", drive.send(EDITOR, "PUT", folder + "title.txt", Map.of(), "while slow"));
        drive.wordpress.slow(false);
        assertEquals("Errors", drive.wordpress.post(post).title().raw());
        assertEquals(204, drive.send(EDITOR, "PUT", folder + "title.txt", Map.of(), "after").status());
    }
}
