package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.Crowd;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * The media drive used by a crowd, with the companion plugin: an administrator and an editor
 * replacing one file at once while its author tries too and a subscriber attacks it; many MKCOLs
 * of one folder by two users; two users uploading the same name at once. Each file stays one
 * attachment with one whole version, and every refusal leaves it as it was.
 */
class MediaCrowdIT extends WritingIT {
    private static Crowd crowd;

    @BeforeAll
    static void threads() {
        crowd = new Crowd(16);
    }

    @AfterAll
    static void stopThreads() {
        crowd.close();
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        return crowd.all(tasks);
    }

    private static List<Media> at(String path) {
        return wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> path.equals(m.drivePath())).toList();
    }

    private static byte[] served(Media media) throws IOException {
        try (MediaContent content = wordpress.download(admin, media, null)) {
            return content.body().readAllBytes();
        }
    }

    @Test
    void parallelReplacesOfOneFileLeaveOneWholeVersionAndRefusalsChangeNothing() throws Exception {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/Crowd/"), Map.of(), null).status());
        assertEquals(201, drive.sendBytes("editor", "PUT", drive.url("media/Crowd/shared.png"), Map.of(), MediaUploadIT.png(100)).status());
        long id = at("Crowd/shared.png").get(0).id();
        String url = drive.url("media/Crowd/shared.png");
        List<byte[]> versions = new ArrayList<>();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] version = MediaUploadIT.png(200 + i);
            versions.add(version);
            String role = i % 2 == 0 ? "admin" : "editor";
            tasks.add(() -> "replace " + drive.sendBytes(role, "PUT", url, Map.of("Content-Type", "image/png"), version).status());
        }
        // The file's uploader is the editor: the author may not replace it, the subscriber may do nothing to it.
        tasks.add(() -> "author " + drive.sendBytes("author", "PUT", url, Map.of(), MediaUploadIT.png(300)).status());
        tasks.add(() -> "subscriber " + drive.sendBytes("subscriber", "PUT", url, Map.of(), MediaUploadIT.png(301)).status());
        tasks.add(() -> "subscriber " + drive.send("subscriber", "DELETE", url, Map.of(), null).status());
        tasks.add(() -> "subscriber " + drive.send("subscriber", "MOVE", url, Map.of("Destination", drive.url("media/Crowd/stolen.png")), null).status());
        tasks.add(() -> "author " + drive.send("author", "DELETE", drive.url("media/Crowd/"), Map.of(), null).status());
        List<String> answers = all(tasks);
        assertEquals(6, answers.stream().filter("replace 204"::equals).count(), answers.toString());
        assertTrue(answers.stream().filter(a -> !a.startsWith("replace")).allMatch(a -> a.endsWith(" 403") || a.endsWith(" 207")), answers.toString());

        List<Media> now = at("Crowd/shared.png");
        assertEquals(1, now.size(), "one attachment at the path");
        assertEquals(id, now.get(0).id(), "the same attachment");
        byte[] bytes = served(now.get(0));
        assertTrue(versions.stream().anyMatch(v -> Arrays.equals(v, bytes)), "one whole version, not a mix or a stranger's");
        assertTrue(at("Crowd/stolen.png").isEmpty());
    }

    @Test
    void manyMkcolsOfOneFolderMakeOneAndTwoUsersUploadingOneNameMakeOneFile() throws Exception {
        List<Callable<Integer>> mkcols = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String role = i % 2 == 0 ? "editor" : "author";
            mkcols.add(() -> drive.send(role, "MKCOL", drive.url("media/Together/"), Map.of(), null).status());
        }
        List<Integer> made = all(mkcols);
        assertTrue(made.contains(201) && made.stream().allMatch(s -> s == 201 || s == 405), made.toString());
        assertEquals(1, wordpress.mediaFolders(admin).stream().filter("Together"::equals).count());

        byte[] editors = MediaUploadIT.png(400);
        byte[] authors = MediaUploadIT.png(401);
        List<Integer> uploads = all(List.of(
                () -> drive.sendBytes("editor", "PUT", drive.url("media/Together/same.png"), Map.of(), editors).status(),
                () -> drive.sendBytes("author", "PUT", drive.url("media/Together/same.png"), Map.of(), authors).status()));
        // The two take turns on the name: the second finds the first's file. The editor's upload
        // replaces the author's (204), the author may not replace the editor's (403): one file, the editor's bytes.
        assertTrue(uploads.equals(List.of(201, 403)) || uploads.equals(List.of(204, 201)), uploads.toString());
        List<Media> stored = wordpress.index(admin, Endpoint.MEDIA).stream()
                .filter(m -> m.drivePath() != null && m.drivePath().startsWith("Together/")).toList();
        assertEquals(List.of("Together/same.png"), stored.stream().map(Media::drivePath).toList());
        assertArrayEquals(editors, served(stored.get(0)));
        String listing = drive.send("admin", "PROPFIND", drive.url("media/Together/"), Map.of("Depth", "1"), null).text();
        assertEquals(2, listing.split("<D:response>", -1).length - 1, listing);
    }
}
