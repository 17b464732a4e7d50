package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;

/**
 * A 2 GiB file into media/ and back, byte for byte (by SHA-256), through pressdav running as its
 * jar with a 256 MB heap, with PHP's memory_limit at 128 MB: the body goes to WordPress in chunks
 * through the companion plugin, each below what PHP takes in one request.
 */
class LargeFileIT extends WritingIT {
    private static final long SIZE = 2L << 30;

    @BeforeAll
    static void phpAt128Megabytes() {
        bed.script("php-memory", "128M");
    }

    @AfterAll
    static void phpAsBefore() {
        bed.script("php-memory", "default");
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Bytes that do not compress, from a fixed seed. */
    private static void write(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(4918);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    @Test
    void twoGibibytesGoUpInChunksAndComeBackIdentical(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("video.bin");
        write(big, SIZE);
        String expected = sha256(big);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process pressdav = new ProcessBuilder("java", "-Xmx256m", "-jar", Path.of("target", "pressdav.jar").toAbsolutePath().toString(),
                "--wordpress-url", bed.url().toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString(), "--max-upload-mb", "3000", "--incoming-max-mb", "3000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pressdav.log").toFile()).start();
        String base = "http://127.0.0.1:" + port + "/";
        String user = "editor:" + bed.applicationPassword("editor");
        try {
            for (int i = 0; i < 100 && Clients.run(dir, Map.of(), null, "curl", "-fsS", "-o", "/dev/null", "-X", "OPTIONS", base).exitCode() != 0; i++) {
                Thread.sleep(200);
            }
            assertEquals(0, Clients.run(dir, Map.of(), null, "curl", "-fsS", "-u", user, "-X", "MKCOL", base + "media/Large/").exitCode());
            Result put = Clients.run(dir, Map.of(), null, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", user, "-T", big.toString(),
                    base + "media/Large/video.bin");
            assertEquals("201", put.output().strip(), put.output() + "\n" + Files.readString(dir.resolve("pressdav.log")));
            Files.delete(big);

            Media stored = wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> "Large/video.bin".equals(m.drivePath())).findFirst()
                    .orElseThrow();
            assertEquals(List.of(SIZE), List.of(Files.size(bed.uploadsDir().resolve(stored.mediaDetails().file()))));
            Path back = dir.resolve("back.bin");
            Result get = Clients.run(dir, Map.of(), null, "curl", "-fsS", "-u", user, "-o", back.toString(), base + "media/Large/video.bin");
            assertEquals(0, get.exitCode(), get.output());
            assertEquals(expected, sha256(back), "downloaded byte for byte");
            assertTrue(pressdav.isAlive(), "pressdav ran the whole way at -Xmx256m");
        } finally {
            pressdav.destroy();
            pressdav.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
