package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;

/** Who sees what, and what no request can reach, on the real drive in front of the real WordPress. */
class SecurityIT {
    private static RunningDrive drive;
    private static TestBed bed;

    @BeforeAll
    static void start() {
        drive = RunningDrive.start();
        bed = drive.bed();
    }

    @AfterAll
    static void stop() {
        drive.close();
    }

    private static String listing(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "PROPFIND", drive.url(path), Map.of("Depth", "1"), null);
        assertEquals(207, answer.status(), role + " " + path);
        return answer.text();
    }

    /** How a post's folder starts in an href: {@code /posts/12-}, so that 12 never matches 112. */
    private static String folder(String key) {
        return "/posts/" + bed.id("posts", key) + "-";
    }

    @Test
    void aWrongPasswordIsA401AndNeverAnonymousData() {
        String url = drive.url("posts/");
        for (String authorization : List.of("Basic " + basic(bed.credentials("subscriber").login(), "abcd efgh ijkl mnop qrst uvwx"),
                "Basic " + basic("nobody", "nothing"), "Basic !!!not-base64", "Bearer token")) {
            RunningDrive.Answer answer = drive.send(null, "PROPFIND", url, Map.of("Depth", "1", "Authorization", authorization), null);
            assertEquals(401, answer.status(), authorization);
            assertTrue(answer.header("WWW-Authenticate").startsWith("Basic"), "a challenge the client can answer");
            assertFalse(answer.text().contains("multistatus"));
        }
        RunningDrive.Answer anonymous = drive.send(null, "GET", drive.url("site/name.txt"), Map.of(), null);
        assertEquals(401, anonymous.status());
    }

    @Test
    void aSubscriberCannotReadAnotherUsersDraft() {
        String draft = folder("author-draft").substring(1) + "anas-own-draft/";
        assertFalse(listing("subscriber", "posts/").contains(folder("author-draft")));
        assertEquals(404, drive.send("subscriber", "GET", drive.url(draft + "content.html"), Map.of(), null).status());
        assertEquals(404, drive.send("subscriber", "PROPFIND", drive.url(draft), Map.of("Depth", "0"), null).status());
        // …while its author reads it.
        assertEquals("<p>Ana is writing.</p>", drive.send("author", "GET", drive.url(draft + "content.html"), Map.of(), null).text());
    }

    @Test
    void anAuthorsListingAfterAnAdministratorsNeverShowsTheAdministratorsDrafts() {
        String adminDraft = folder("draft-no-slug");
        String privatePost = folder("private");
        String adminView = listing("admin", "posts/");
        assertTrue(adminView.contains(adminDraft) && adminView.contains(privatePost), "the administrator sees drafts and private posts");

        String authorView = listing("author", "posts/");
        assertFalse(authorView.contains(adminDraft), "an administrator's draft leaked into an author's listing");
        assertFalse(authorView.contains(privatePost), "a private post leaked into an author's listing");
        assertTrue(authorView.contains(folder("author-draft")), "the author still sees their own draft");
        assertEquals(404, drive.send("author", "GET",
                drive.url(adminDraft.substring(1) + "an-unsaved-draft/content.html"), Map.of(), null).status());
        assertFalse(drive.send("author", "GET", drive.url("users/"), Map.of(), null).text().contains("subscriber"),
                "only those who may list users see every login");
    }

    @Test
    void aSubscriberSeesNoModerationQueueAndNoEmailAddresses() {
        String comments = listing("subscriber", "comments/");
        assertFalse(comments.contains("/" + bed.id("comments", "pending") + "/"));
        assertFalse(comments.contains("/" + bed.id("comments", "spam") + "/"));
        assertTrue(comments.contains("/" + bed.id("comments", "approved") + "/"));
        String approved = "comments/" + bed.id("comments", "approved") + "/";
        assertEquals(404, drive.send("subscriber", "GET", drive.url(approved + "author-email.txt"), Map.of(), null).status());
        assertFalse(drive.send("subscriber", "GET", drive.url("site/site.json"), Map.of(), null).text().contains("\"settings\""));
    }

    @Test
    void traversalAttemptsStayInsideTheTree() throws IOException {
        for (String target : List.of("/posts/../../etc/passwd", "/posts/%2e%2e/%2e%2e/etc/passwd", "/posts/..%2F..%2Fetc%2Fpasswd",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/posts/..%5C..%5Cetc%5Cpasswd", "/..", "/posts/%252e%252e/x",
                "/media/2024/05/..%00/x")) {
            String response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                    + basic("admin", bed.applicationPassword("admin")) + "\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(response.substring(9, 12));
            assertTrue(status == 400 || status == 403 || status == 404, target + " answered " + status);
            assertFalse(response.contains("root:"), target + " leaked a file");
        }
    }

    @Test
    void anExternalEntityIsRefusedWithoutBeingFetched() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:displayname>&e;</d:displayname></d:prop></d:propfind>";
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url("posts/"), Map.of("Depth", "0"), xxe);
        assertEquals(400, answer.status());
        assertFalse(answer.text().contains("root:"));
    }

    @Test
    void anEntityExpansionBombIsRefusedWithoutExpanding() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">");
        String previous = "a";
        for (int i = 0; i < 10; i++) {
            String name = "e" + i;
            bomb.append("<!ENTITY ").append(name).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">");
            previous = name;
        }
        bomb.append("]><d:propfind xmlns:d=\"DAV:\"><d:prop><d:displayname>&").append(previous).append(";</d:displayname></d:prop></d:propfind>");
        long start = System.nanoTime();
        RunningDrive.Answer answer = drive.send("admin", "PROPFIND", drive.url("posts/"), Map.of("Depth", "0"), bomb.toString());
        assertEquals(400, answer.status());
        assertTrue(answer.body().length < 10_000, "nothing was expanded into the answer");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused rather than expanded");
    }

    @Test
    void anonymousReadingShowsOnlyWhatThePublicSees() {
        try (RunningDrive open = RunningDrive.start("--anonymous-read", "true")) {
            RunningDrive.Answer posts = open.send(null, "PROPFIND", open.url("posts/"), Map.of("Depth", "1"), null);
            assertEquals(207, posts.status());
            assertTrue(posts.text().contains(folder("emoji")));
            assertFalse(posts.text().contains(folder("draft-no-slug")));
            assertFalse(posts.text().contains(folder("private")));
            assertFalse(posts.text().contains(folder("author-draft")));
            RunningDrive.Answer wrong = open.send(null, "PROPFIND", open.url("posts/"),
                    Map.of("Depth", "1", "Authorization", "Basic " + basic("admin", "wrong password here")), null);
            assertEquals(401, wrong.status(), "a wrong password is refused, not downgraded to anonymous");
        }
    }

    @Test
    void aPathPrefixHoldsTheDriveWhileOptionsAnswersEverywhere() {
        try (RunningDrive prefixed = RunningDrive.start("--path-prefix", "/dav")) {
            String root = "http://127.0.0.1:" + prefixed.port();
            assertEquals(200, prefixed.send(null, "OPTIONS", root + "/", Map.of(), null).status());
            RunningDrive.Answer listing = prefixed.send("admin", "PROPFIND", root + "/dav/posts/", Map.of("Depth", "1"), null);
            assertEquals(207, listing.status());
            assertTrue(listing.text().contains("<D:href>/dav/posts/" + bed.id("posts", "emoji") + "-"), listing.text());
            assertEquals(404, prefixed.send("admin", "PROPFIND", root + "/posts/", Map.of("Depth", "1"), null).status());
            assertEquals(207, prefixed.send("admin", "PROPFIND", root + "/dav", Map.of("Depth", "0"), null).status());
        }
    }

    private static String basic(String login, String password) {
        return java.util.Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request exactly as written, so that no client library normalises the path first. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", drive.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
