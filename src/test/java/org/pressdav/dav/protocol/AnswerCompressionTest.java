package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;

/**
 * gzip for the answers a client asks to have compressed (issue 21): multistatus answers and a
 * folder's page, never a file's bytes, whose ETag and ranges stay exact.
 */
class AnswerCompressionTest {
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
    private InProcessDrive drive;
    private String folder;
    private String text;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        text = "0123456789".repeat(200);
        folder = drive.folderOf(drive.wordpress.addPost("post", EDITOR.id(), "publish", "Compressed", text));
        for (int i = 0; i < 20; i++) {
            drive.wordpress.addPost("post", EDITOR.id(), "publish", "Post " + i, "<p>" + i + "</p>");
        }
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private static byte[] gunzip(byte[] body) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aListingAskedCompressedIsTheSameBytesGzipped() throws Exception {
        Answer packed = drive.send(EDITOR, "PROPFIND", "posts/", Map.of("Depth", "1", "Accept-Encoding", "gzip"), null);
        assertEquals(207, packed.status());
        assertEquals("gzip", packed.header("Content-Encoding"));
        assertTrue(packed.header("Vary").contains("Accept-Encoding"), packed.headers().toString());
        // No Accept-Encoding at all (java.net.http adds none, unlike OkHttp): the answer as it is.
        HttpResponse<byte[]> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(drive.url("posts/")))
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).header("Depth", "1")
                .header("Authorization", okhttp3.Credentials.basic(EDITOR.login(), EDITOR.password(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(207, plain.statusCode());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), plain.headers().toString());
        assertArrayEquals(plain.body(), gunzip(packed.body()));
        assertTrue(packed.body().length * 4 < plain.body().length, packed.body().length + " of " + plain.body().length);
    }

    @Test
    void aFoldersPageIsCompressedAndAFileNever() throws Exception {
        Answer page = drive.send(EDITOR, "GET", folder, Map.of("Accept", "text/html", "Accept-Encoding", "gzip"), null);
        assertEquals(200, page.status());
        assertEquals("gzip", page.header("Content-Encoding"));
        assertTrue(new String(gunzip(page.body()), StandardCharsets.UTF_8).contains("content.html"));

        String file = folder + "content.html";
        String etag = drive.send(EDITOR, "HEAD", file, Map.of(), null).header("ETag");
        Answer whole = drive.send(EDITOR, "GET", file, GZIP, null);
        assertEquals(200, whole.status());
        assertNull(whole.header("Content-Encoding"));
        assertEquals(etag, whole.header("ETag"));
        assertEquals(text, whole.text());
        Answer range = drive.send(EDITOR, "GET", file, Map.of("Range", "bytes=100-1099", "Accept-Encoding", "gzip"), null);
        assertEquals(206, range.status());
        assertNull(range.header("Content-Encoding"));
        assertEquals("bytes 100-1099/" + text.length(), range.header("Content-Range"));
        assertEquals(text.substring(100, 1100), range.text());
        assertEquals(304, drive.send(EDITOR, "GET", file, Map.of("If-None-Match", etag, "Accept-Encoding", "gzip"), null).status());
        assertEquals(200, drive.send(EDITOR, "GET", file, Map.of("If-Match", etag, "Accept-Encoding", "gzip"), null).status());
    }
}
