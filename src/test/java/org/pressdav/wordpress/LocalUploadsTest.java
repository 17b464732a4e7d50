package org.pressdav.wordpress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a media file is read from the uploads folder on disk, and when the web server is asked instead. */
class LocalUploadsTest {
    private static final String SITE = "https://blog.example.org/wp-content/uploads/";

    @TempDir
    Path temp;
    Path uploads;
    LocalUploads local;
    byte[] photo;

    @BeforeEach
    void aSiteWithOneFile() throws Exception {
        uploads = Files.createDirectories(temp.resolve("uploads"));
        Files.createDirectories(uploads.resolve("2026/11"));
        photo = new byte[100_000];
        new java.util.Random(7).nextBytes(photo);
        Files.write(uploads.resolve("2026/11/photo one.jpg"), photo);
        Files.writeString(temp.resolve("secret.txt"), "not below uploads");
        local = LocalUploads.at(uploads);
    }

    private static Media media(String file, Long size, String url) {
        return new Media(7, "photo", "inherit", null, null, null, 1, 0, null, "image/jpeg", "image", url,
                new Media.Details(file, size, null, null), null);
    }

    private Media photo() {
        return media("2026/11/photo one.jpg", (long) photo.length, SITE + "2026/11/photo%20one.jpg");
    }

    /** An output stream that also takes buffers, as pressdav's response body does. */
    static final class Connection extends OutputStream implements WritableByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffers;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public int write(ByteBuffer buffer) {
            buffers++;
            int n = buffer.remaining();
            byte[] copy = new byte[n];
            buffer.get(copy);
            bytes.write(copy, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    @Test
    void theWholeFileGoesOutAsMappedBuffersOrAsAStream() throws Exception {
        try (MediaContent content = local.open(photo(), null)) {
            assertNotNull(content);
            assertEquals(200, content.status());
            assertEquals(photo.length, content.contentLength());
            Connection out = new Connection();
            content.copyTo(out, photo.length);
            assertArrayEquals(photo, out.bytes.toByteArray());
            assertEquals(1, out.buffers, "one mapped piece, no copy through an array");
        }
        try (MediaContent content = local.open(photo(), null)) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            content.copyTo(plain, photo.length);
            assertArrayEquals(photo, plain.toByteArray());
        }
    }

    @Test
    void aRangeIsAnsweredAsAWebServerWould() throws Exception {
        try (MediaContent content = local.open(photo(), "bytes=1000-1999")) {
            assertEquals(206, content.status());
            assertEquals(1000, content.contentLength());
            assertEquals("bytes 1000-1999/" + photo.length, content.header("content-range"));
            Connection out = new Connection();
            content.copyTo(out, 1000);
            assertArrayEquals(Arrays.copyOfRange(photo, 1000, 2000), out.bytes.toByteArray());
        }
        try (MediaContent content = local.open(photo(), "bytes=0-0")) {
            assertEquals("bytes 0-0/" + photo.length, content.header("Content-Range"), "how pressdav asks an old file's size");
        }
    }

    @Test
    void theWebServerIsAskedWheneverTheDiskMightNotHoldWhatItServes() throws Exception {
        assertNull(LocalUploads.NONE.open(photo(), null), "no --uploads-dir");
        assertNull(local.open(media(null, (long) photo.length, SITE + "2026/11/photo%20one.jpg"), null), "WordPress did not say where");
        assertNull(local.open(media("2026/11/photo one.jpg", null, SITE + "2026/11/photo%20one.jpg"), null), "nor how large");
        assertNull(local.open(media("2026/11/photo one.jpg", photo.length + 1L, SITE + "2026/11/photo%20one.jpg"), null),
                "a size other than WordPress's: changed behind its back");
        assertNull(local.open(media("2026/11/photo one.jpg", (long) photo.length, SITE + "2026/11/other.jpg"), null),
                "the URL is of another file");
        assertNull(local.open(media("2026/11/missing.jpg", 3L, SITE + "2026/11/missing.jpg"), null), "not on this disk");
        assertNull(local.open(photo(), "bytes=5-"), "a range pressdav never asks for");
    }

    @Test
    void nothingOutsideTheUploadsFolderIsEverRead() throws Exception {
        long size = Files.size(temp.resolve("secret.txt"));
        assertNull(local.open(media("../secret.txt", size, SITE + "../secret.txt"), null), "a path that climbs out");
        assertNull(local.open(media(temp.resolve("secret.txt").toString(), size, "https://blog.example.org" + temp.resolve("secret.txt")), null),
                "an absolute path");
        Files.createSymbolicLink(uploads.resolve("2026/11/link.txt"), temp.resolve("secret.txt"));
        assertNull(local.open(media("2026/11/link.txt", size, SITE + "2026/11/link.txt"), null), "a link that leads out");
        Files.createDirectories(uploads.resolve("2026/12"));
        assertNull(local.open(media("2026/12", 0L, SITE + "2026/12"), null), "a folder");
        assertEquals("not below uploads", Files.readString(temp.resolve("secret.txt"), UTF_8));
    }
}
