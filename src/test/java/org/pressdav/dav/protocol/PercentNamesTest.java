package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;

/**
 * Names with a literal {@code %} ({@code 100% sure.txt}, a browser upload stored as
 * {@code a%2Fb.jpg}): sent as {@code %25}, decoded exactly once, listed with {@code %25} again.
 * The encoded forms of {@code ..} and {@code /} still name nothing outside the tree.
 */
class PercentNamesTest {
    private InProcessDrive drive;
    private String month;
    private String base;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        month = "/media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
        base = "http://127.0.0.1:" + drive.port();
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    /** A request to a URL whose escapes a client keeps as written. */
    private Answer raw(String method, String encodedPath, Map<String, String> headers, String body) {
        return drive.send(AUTHOR, method, base + encodedPath, headers, body);
    }

    /**
     * The status of a request line sent byte for byte, as an attacker would: OkHttp itself would
     * resolve {@code %2e%2e} before sending it.
     */
    private int statusOfRawLine(String method, String target, String destination) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", drive.port())) {
            String credentials = java.util.Base64.getEncoder().encodeToString((AUTHOR.login() + ":" + AUTHOR.password()).getBytes(StandardCharsets.UTF_8));
            String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + drive.port() + "\r\nAuthorization: Basic " + credentials
                    + "\r\nDepth: 0\r\n" + (destination == null ? "" : "Destination: " + base + destination + "\r\n")
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(response.contains("name.txt"), target + ": " + response);
            return Integer.parseInt(response.substring(9, 12));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNameWithAPercentIsWrittenReadListedRenamedAndDeleted() {
        assertEquals(201, raw("PUT", month + "100%25%20done.txt", Map.of(), "all of it").status());
        Answer read = raw("GET", month + "100%25%20done.txt", Map.of(), null);
        assertEquals(200, read.status(), read.text());
        assertEquals("all of it", read.text());
        String listing = raw("PROPFIND", month, Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains("<D:href>" + month + "100%25%20done.txt</D:href>"), listing);
        assertEquals("100% done.txt", drive.wordpress.media().get(0).title().raw(), "WordPress has the name decoded once");

        // rsync's way: a temporary name with a % in it, renamed to the final one.
        assertEquals(201, raw("PUT", month + ".100%25%20sure.txt.AbC123", Map.of(), "sure").status());
        assertEquals(201, raw("MOVE", month + ".100%25%20sure.txt.AbC123", Map.of("Destination", base + month + "100%25%20sure.txt"), null).status());
        assertEquals("sure", raw("GET", month + "100%25%20sure.txt", Map.of(), null).text());

        assertEquals(204, raw("DELETE", month + "100%25%20done.txt", Map.of(), null).status());
        assertEquals(404, raw("GET", month + "100%25%20done.txt", Map.of(), null).status());
    }

    @Test
    void aFileNamedWithAnEncodedSlashIsOneNameNotTwoSegments() {
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, drive.sendBytes(AUTHOR, "PUT", base + month + "a%252Fb.jpg", Map.of(), photo).status());
        assertEquals("a%2Fb.jpg", drive.wordpress.media().get(0).title().raw());
        Answer read = raw("GET", month + "a%252Fb.jpg", Map.of(), null);
        assertEquals(200, read.status(), read.text());
        assertArrayEquals(photo, read.body());
        String listing = raw("PROPFIND", month, Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains("<D:href>" + month + "a%252Fb.jpg</D:href>"), listing);
        assertEquals(204, raw("DELETE", month + "a%252Fb.jpg", Map.of(), null).status());
        assertTrue(drive.wordpress.media().isEmpty());
    }

    @Test
    void theEncodedFormsOfDotDotAndSlashStillLeadNowhere() {
        for (String path : List.of("/media/%2e%2e/site/", "/media/%2E%2E/site/", "/media/..%2Fsite/", "/media%2F..%2Fsite/",
                "/media/%2e%2e%2fsite/", "/media/.%2e/site/", "/media/%2e./site/", "/%2e%2e/", "/media/x%00y/", "/media/%c0%ae%c0%ae/site/")) {
            int status = statusOfRawLine("PROPFIND", path, null);
            assertTrue(status == 400 || status == 403, path + " answered " + status);
        }
        // Decoded once: %252e%252e is the name "%2e%2e", which is no folder, not a way up.
        assertEquals(404, statusOfRawLine("PROPFIND", "/media/%252e%252e/site/", null));
        assertEquals(404, statusOfRawLine("PROPFIND", "/media/..%252Fsite/", null));
        // A Destination is read by the same rule.
        assertEquals(201, raw("PUT", month + ".x.txt.AbC123", Map.of(), "x").status());
        for (String destination : List.of("/media/%2e%2e/site/name.txt", "/media/..%2Fsite%2Fname.txt")) {
            int status = statusOfRawLine("MOVE", month + ".x.txt.AbC123", destination);
            assertTrue(status == 400 || status == 403, destination + " answered " + status);
        }
        assertEquals("In-memory site", raw("GET", "/site/name.txt", Map.of(), null).text());
    }

    @Test
    void anAdministratorSeesTheSameHrefsInTheListingOfTheWholeMonth() {
        assertEquals(201, drive.send(ADMIN, "PUT", base + month + "50%25.txt", Map.of(), "half").status());
        String listing = drive.send(ADMIN, "PROPFIND", base + month, Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains("<D:href>" + month + "50%25.txt</D:href>"), listing);
    }
}
