package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;

/**
 * pressdav killed in the middle of relaying a large file in chunks: the pieces it sent stay on
 * WordPress's disk only until nothing has been sent to that upload for the plugin's idle time (10
 * minutes); the next chunk any client sends then removes them. The idle time is not waited for:
 * the pieces are aged on disk, as the clock would.
 */
class AbandonedUploadIT extends WritingIT {
    private static final long SIZE = 300L << 20;

    private static void write(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block);
            }
        }
    }

    private Path pieces() {
        return bed.uploadsDir().resolveSibling("pressdav-uploads");
    }

    /** The open uploads on WordPress's disk: a folder each. */
    private List<Path> uploads() throws IOException {
        if (!Files.isDirectory(pieces())) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(pieces())) {
            return all.filter(Files::isDirectory).toList();
        }
    }

    private static boolean holdsAPiece(Path upload) {
        try (Stream<Path> files = Files.list(upload)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".piece"));
        } catch (IOException gone) {
            return false;
        }
    }

    /**
     * The upload's files and folder, dated {@code by} ago. A piece PHP was still writing when the
     * relay was killed (a temporary {@code N.piece.XXXX}, renamed or removed when its request ends)
     * is waited for first: dated now, it would make the upload look alive again.
     */
    private static void age(Path upload, Duration by) throws Exception {
        for (int i = 0; i < 100 && writing(upload); i++) {
            Thread.sleep(100);
        }
        FileTime then = FileTime.from(Instant.now().minus(by));
        try (Stream<Path> files = Files.list(upload)) {
            for (Path file : files.toList()) {
                try {
                    Files.setLastModifiedTime(file, then);
                } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                    // a temporary piece finished just now: its final name is dated below on the next look
                }
            }
        }
        Files.setLastModifiedTime(upload, then);
    }

    private static boolean writing(Path upload) throws IOException {
        try (Stream<Path> files = Files.list(upload)) {
            return files.anyMatch(f -> f.getFileName().toString().matches(".*\\.piece\\..+"));
        }
    }

    @Test
    void aKilledRelayLeavesItsPiecesOnlyUntilTheCleanUp(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("killed.bin");
        write(big, SIZE);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process pressdav = new ProcessBuilder("java", "-jar", Path.of("target", "pressdav.jar").toAbsolutePath().toString(),
                "--wordpress-url", bed.url().toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString(), "--max-upload-mb", "1000", "--incoming-max-mb", "1000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pressdav.log").toFile()).start();
        String base = "http://127.0.0.1:" + port + "/";
        String user = "admin:" + bed.applicationPassword("admin");
        Process put = null;
        Path killed;
        try {
            for (int i = 0; i < 100 && Clients.run(dir, Map.of(), null, "curl", "-fsS", "-o", "/dev/null", "-X", "OPTIONS", base).exitCode() != 0; i++) {
                Thread.sleep(200);
            }
            assertEquals(List.of(), uploads(), "no upload is open before");
            put = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-u", user, "-T", big.toString(), base + month + "killed.bin")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("curl.log").toFile()).start();
            // Killed as soon as the first piece is on WordPress's disk, long before the last (150 chunks of 2 MB).
            while (uploads().stream().noneMatch(AbandonedUploadIT::holdsAPiece) && put.isAlive()) {
                Thread.sleep(20);
            }
            pressdav.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertEquals(1, uploads().size(), "the relay was cut short with its pieces on WordPress's disk: " + Files.readString(dir.resolve("pressdav.log")));
            killed = uploads().get(0);
        } finally {
            pressdav.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (put != null) {
                put.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        age(killed, Duration.ofMinutes(9));
        String id = sendOneChunkStraightToThePlugin(dir, user);
        assertTrue(Files.isDirectory(killed), "nine minutes after its last chunk an upload is still kept");

        age(killed, Duration.ofMinutes(11));
        String next = sendOneChunkStraightToThePlugin(dir, user);
        assertFalse(Files.exists(killed), "eleven minutes after, the next upload a client opens or sends to removes it");

        for (String open : List.of(id, next)) {
            Result abort = Clients.run(dir, Map.of(), null, "curl", "-fsS", "-u", user, "-X", "DELETE", bed.url() + "wp-json/pressdav/v1/uploads/" + open);
            assertEquals(0, abort.exitCode(), abort.output());
        }
        assertEquals(List.of(), uploads(), "nothing is left");
    }

    /** Opens an upload of one small chunk straight at the plugin and sends it: what a live client does meanwhile. */
    private String sendOneChunkStraightToThePlugin(Path dir, String user) throws Exception {
        Result opened = Clients.run(dir, Map.of(), null, "curl", "-fsS", "-u", user, "-H", "Content-Type: application/json",
                "--data", "{\"name\":\"alive.txt\",\"size\":5}", bed.url() + "wp-json/pressdav/v1/uploads");
        assertEquals(0, opened.exitCode(), opened.output());
        String id = new ObjectMapper().readTree(opened.output()).path("id").asText();
        Result chunk = Clients.run(dir, Map.of(), "alive", "curl", "-fsS", "-u", user, "-X", "PUT", "--data-binary", "@-",
                bed.url() + "wp-json/pressdav/v1/uploads/" + id + "/0");
        assertEquals(0, chunk.exitCode(), chunk.output());
        return id;
    }
}
