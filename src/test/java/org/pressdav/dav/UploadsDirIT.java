package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RequestLog;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;

/**
 * {@code --uploads-dir}: pressdav beside WordPress on one disk reads media files from the uploads
 * folder instead of through the web server. The bytes are the same, ranges too, nothing is asked of
 * the web server for them, and who may read what is still WordPress's rule, asked through REST.
 */
class UploadsDirIT extends WritingIT {
    static RunningDrive onDisk;

    @BeforeAll
    static void startBesideWordPress() {
        onDisk = RunningDrive.start("--uploads-dir", bed.uploadsDir().toString());
    }

    @AfterAll
    static void stopBeside() {
        onDisk.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The request log line of a GET, which counts the calls it made to WordPress. */
    private static String getLogged(RunningDrive on, String path) {
        List<String> lines = RequestLog.linesOf(() -> assertEquals(200, on.send("admin", "GET", on.url(path), Map.of(), null).status()),
                "GET /" + path + " 200 ");
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    @Test
    void seededMediaReadByteIdenticalFromDiskWithoutAskingTheWebServer() throws Exception {
        for (String key : List.of("png", "jpeg", "pdf", "large")) {
            String file = bed.manifest().at("/media/" + key + "/file").asText();
            RunningDrive.Answer first = onDisk.send("admin", "GET", onDisk.url("media/" + file), Map.of(), null);
            assertEquals(200, first.status(), file);
            assertEquals(bed.manifest().at("/media/" + key + "/sha256").asText(), sha256(first.body()), file);
        }
        String large = "media/" + bed.manifest().at("/media/large/file").asText();
        String fromDisk = getLogged(onDisk, large);
        assertTrue(fromDisk.endsWith(" wordpress=0"), "a cached listing and the bytes from disk, no call to WordPress: " + fromDisk);
        getLogged(drive, large);
        String relayed = getLogged(drive, large);
        assertTrue(relayed.endsWith(" wordpress=1"), "without --uploads-dir the same GET asks the web server: " + relayed);
    }

    @Test
    void rangesFromDiskAreTheFilesBytes() throws Exception {
        String file = bed.manifest().at("/media/large/file").asText();
        ReadOnlyDriveIT.assertRangesOf(onDisk, onDisk.url("media/" + file), Files.readAllBytes(bed.uploadsDir().resolve(file)));
    }

    @Test
    void whoMayReadAFileIsStillWordPresssRule() throws Exception {
        Path file = Files.createTempFile("on-a-draft", ".txt");
        Files.writeString(file, "a file attached to the author's draft");
        Media onDraft = wordpress.upload(admin, "on-a-draft.txt", "text/plain", file, null);
        wordpress.update(admin, Endpoint.MEDIA, onDraft.id(), Map.of("post", bed.id("posts", "author-draft")));
        String url = onDisk.url("media/" + onDraft.sourceUrl().substring(onDraft.sourceUrl().indexOf("/uploads/") + "/uploads/".length()));

        assertEquals("a file attached to the author's draft", onDisk.send("author", "GET", url, Map.of(), null).text(),
                "the draft's author reads it");
        assertEquals(404, onDisk.send("subscriber", "GET", url, Map.of(), null).status(),
                "a subscriber may not see an attachment of someone's draft, though it is on the disk");
        assertEquals(401, onDisk.send(null, "GET", url, Map.of(), null).status());
    }

    @Test
    void aReplacedFileReadsItsNewBytes() {
        String url = onDisk.url(month + "replaced-on-disk.bin");
        for (String bytes : List.of("first version", "the second version, longer", "the second version, LONGER")) {
            RunningDrive.Answer put = onDisk.sendBytes("admin", "PUT", url, Map.of(), bytes.getBytes());
            assertTrue(put.status() == 201 || put.status() == 204, put.status() + " " + put.text());
            assertEquals(bytes, onDisk.send("admin", "GET", url, Map.of(), null).text(), "the bytes just saved");
        }
    }
}
