package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;

/**
 * Bounded resources, with a hostile subscriber: dead properties, slow clients without a login,
 * bodies too large for their field, uploads before permission, the scratch share per user.
 * pressdav runs here with small caps ({@code --max-upload-mb 1}, {@code --scratch-max-mb 1}) so
 * that the limits are reached with small bodies.
 */
class LimitsIT {
    private static RunningDrive drive;
    private static TestBed bed;
    private static Path dataDir;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("pressdav-limits");
        Files.createDirectories(dataDir.resolve("incoming"));
        Files.writeString(dataDir.resolve("incoming/upload-leftover.part"), "from a crash");
        drive = RunningDrive.startOnFreshSeed("--max-upload-mb", "1", "--scratch-max-mb", "1", "--data-dir", dataDir.toString());
        bed = drive.bed();
    }

    @AfterAll
    static void stop() {
        drive.close();
    }

    private static String month() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
    }

    private static String propertyUpdate(int count, int valueLength) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:hostile\"><D:set><D:prop>");
        for (int i = 0; i < count; i++) {
            xml.append("<Z:p").append(i).append('>').append("x".repeat(valueLength)).append("</Z:p").append(i).append('>');
        }
        return xml.append("</D:prop></D:set></D:propertyupdate>").toString();
    }

    /** Sends a request's head (and {@code bodyStart}), then reads the status line the server answers with, body unsent. */
    private static String statusBeforeBody(String role, String method, String path, long declaredLength, String bodyStart) throws IOException {
        URI uri = URI.create(drive.url(path));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            String auth = role == null ? "" : "Authorization: " + okhttp3.Credentials.basic(bed.credentials(role).login(),
                    bed.applicationPassword(role), java.nio.charset.StandardCharsets.UTF_8) + "\r\n";
            socket.getOutputStream().write((method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + auth
                    + "Content-Length: " + declaredLength + "\r\n\r\n" + bodyStart).getBytes(US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(12), US_ASCII);
        }
    }

    @Test
    void deadPropertiesAreBoundedAndRefusedWhereTheUserMayNotWrite() {
        assertEquals(403, drive.send("subscriber", "PROPPATCH", drive.url("site/name.txt"), Map.of(), propertyUpdate(1, 10)).status());
        String file = drive.postFolder(bed.id("posts", "emoji")) + "content.html";
        RunningDrive.Answer huge = drive.send("admin", "PROPPATCH", drive.url(file), Map.of(), propertyUpdate(1, 100 << 10));
        assertTrue(huge.status() == 207 && huge.text().contains("507"), huge.text());
        assertEquals(413, drive.send("admin", "PROPPATCH", drive.url(file), Map.of(), propertyUpdate(1, 1 << 20)).status());
        RunningDrive.Answer many = drive.send("admin", "PROPPATCH", drive.url(file), Map.of(), propertyUpdate(65, 10));
        assertTrue(many.status() == 207 && many.text().contains("507"), many.text());
        RunningDrive.Answer fine = drive.send("admin", "PROPPATCH", drive.url(file), Map.of(), propertyUpdate(3, 100));
        assertTrue(fine.status() == 207 && fine.text().contains("200 OK"), fine.text());
        int refused = 0;
        for (String field : List.of("title.txt", "excerpt.txt", "status.txt", "slug.txt", "date-gmt.txt", "categories.txt", "tags.txt",
                "author.txt", "url.txt", "id.txt")) {
            RunningDrive.Answer answer = drive.send("subscriber", "PROPPATCH", drive.url("posts/._props-" + field), Map.of(), propertyUpdate(60, 2000));
            if (answer.status() == 404) {
                assertEquals(201, drive.send("subscriber", "PUT", drive.url("posts/._props-" + field), Map.of(), "").status());
                answer = drive.send("subscriber", "PROPPATCH", drive.url("posts/._props-" + field), Map.of(), propertyUpdate(60, 2000));
            }
            refused += answer.text().contains("507") ? 1 : 0;
        }
        assertTrue(refused > 0, "a user's properties are bounded in all");
        assertEquals(204, drive.send("editor", "PUT", drive.url(drive.postFolder(bed.id("posts", "emoji")) + "excerpt.txt"), Map.of(), "Still saving.").status());
    }

    @Test
    void twoHundredFiftySilentClientsWithoutALoginLeaveTheServerServing() throws Exception {
        URI uri = URI.create(drive.url("posts/x/content.html"));
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                socket.getOutputStream().write(("PUT " + uri.getRawPath() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc")
                        .getBytes(US_ASCII));
                socket.getOutputStream().flush();
                silent.add(socket);
            }
            OkHttpClient patient = new OkHttpClient.Builder().readTimeout(20, TimeUnit.SECONDS).build();
            Request get = new Request.Builder().url(drive.url("site/name.txt"))
                    .header("Authorization", okhttp3.Credentials.basic("editor", bed.applicationPassword("editor"))).build();
            try (Response response = patient.newCall(get).execute()) {
                assertEquals(200, response.code());
            }
            silent.get(0).setSoTimeout(20_000);
            assertEquals("HTTP/1.1 401", new String(silent.get(0).getInputStream().readNBytes(12), US_ASCII),
                    "answered from its headers");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    @Test
    void refusalsComeFromTheHeadersBeforeTheBodyIsSent() throws IOException {
        assertEquals("HTTP/1.1 403", statusBeforeBody("subscriber", "PUT", month() + "huge.bin", 1L << 30, ""),
                "a subscriber may not upload: said before the gigabyte");
        assertEquals("HTTP/1.1 413", statusBeforeBody("admin", "PUT", month() + "huge.bin", 1L << 30, ""),
                "past --max-upload-mb: said before the gigabyte");
        assertEquals("HTTP/1.1 413", statusBeforeBody("editor", "PUT", drive.postFolder(bed.id("posts", "emoji")) + "status.txt", 15L << 20, "pub"),
                "a status is a word, not 15 MB");
        assertEquals("HTTP/1.1 403", statusBeforeBody("subscriber", "PUT", drive.postFolder(bed.id("posts", "emoji")) + "content.html", 1000, "x"));
        assertEquals("HTTP/1.1 405", statusBeforeBody("editor", "PUT", "posts/", 1000, "x"));
        assertEquals("HTTP/1.1 409", statusBeforeBody("editor", "PUT", "posts/99999-none/content.html", 1000, "x"));
    }

    @Test
    void largeLegalRequestsGetAClearAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> puts = new ArrayList<>();
            byte[] fifteenMegabytes = new byte[15 << 20];
            java.util.Arrays.fill(fifteenMegabytes, (byte) 'a');
            for (int i = 0; i < 12; i++) {
                puts.add(pool.submit(() -> drive.sendBytes("editor", "PUT", drive.url(drive.postFolder(bed.id("posts", "emoji")) + "status.txt"), Map.of(),
                        fifteenMegabytes).status()));
            }
            for (Future<Integer> put : puts) {
                assertEquals(413, put.get());
            }
        } finally {
            pool.shutdownNow();
        }
        StringBuilder names = new StringBuilder("<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:prop>");
        for (int i = 0; i < 25_000; i++) {
            names.append("<Z:n").append(i).append("/>");
        }
        names.append("</D:prop></D:propfind>");
        RunningDrive.Answer many = drive.send("editor", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"), names.toString());
        assertEquals(400, many.status(), many.text());
        assertEquals("publish", drive.wordpress().get(bed.credentials("admin"), Endpoint.POSTS, bed.id("posts", "emoji"), Context.EDIT)
                .status(), "the refused status.txt changed nothing");
    }

    @Test
    void anUploadPastTheCapIsStoppedWhileStreamingAndLeavesNothing() throws IOException {
        byte[] twoMegabytes = new byte[2 << 20];
        RunningDrive.Answer chunked = drive.putChunked("admin", drive.url(month() + "too-big.png"), Map.of(), twoMegabytes);
        assertEquals(413, chunked.status(), chunked.text());
        try (var left = Files.list(dataDir.resolve("incoming"))) {
            assertEquals(List.of(), left.toList(), "no spool file stays behind, and the leftover of an earlier run was removed at start");
        }
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(month() + "too-big.png"), Map.of("Depth", "0"), null).status());
    }

    @Test
    void theScratchShareIsPerWordPressUserWhateverPasswordSpellingIsUsed() {
        byte[] seventyPercent = new byte[700 << 10];
        assertEquals(201, drive.sendBytes("subscriber", "PUT", drive.url("posts/._first"), Map.of(), seventyPercent).status());
        String password = bed.applicationPassword("subscriber");
        String dotted = password.substring(0, 4) + "." + password.substring(4);
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        Request put = new Request.Builder().url(drive.url("posts/._second"))
                .header("Authorization", okhttp3.Credentials.basic(bed.credentials("subscriber").login(), dotted))
                .put(okhttp3.RequestBody.create(seventyPercent)).build();
        try (Response response = http.newCall(put).execute()) {
            assertEquals(507, response.code(), "the same WordPress user, the same share");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failedLoginsAreThrottledWithoutAskingWordPress() {
        int last = 0;
        for (int i = 0; i < 12; i++) {
            okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
            Request get = new Request.Builder().url(drive.url("site/name.txt"))
                    .header("Authorization", okhttp3.Credentials.basic("guesser", "wrong" + i)).build();
            try (Response response = http.newCall(get).execute()) {
                last = response.code();
                if (i < 10) {
                    assertEquals(401, last);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(429, last);
        assertEquals(200, drive.send("editor", "GET", drive.url("site/name.txt"), Map.of(), null).status(), "others still log in");
    }
}
