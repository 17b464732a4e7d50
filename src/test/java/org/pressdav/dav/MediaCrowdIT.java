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
                () -> drive.sendBytes("author", "PUT", drive.url("media/Together/same.png"), Map.of(), authors).status(),
                () -> drive.sendBytes("subscriber", "PUT", drive.url("media/Together/same.png"), Map.of(), MediaUploadIT.png(402)).status()));
        assertEquals(403, uploads.remove(2), "a subscriber may upload nothing, also in the middle of the race");
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

    /**
     * Finder's safe save by several users of one photo at once, each in a safe-save folder of the
     * same name (each user's own): the administrator and the editor save, the author (not the
     * uploader) and a subscriber try to. One attachment stays, with one whole saved version; no
     * safe-save folder or copy ever reaches WordPress; every folder is the saver's alone.
     */
    @Test
    void parallelSafeSavesOfOnePhotoByFourRolesLeaveOneWholeVersion() throws Exception {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/SafeCrowd/"), Map.of(), null).status());
        String photo = drive.url("media/SafeCrowd/photo.png");
        assertEquals(201, drive.sendBytes("editor", "PUT", photo, Map.of(), MediaUploadIT.png(500)).status());
        long id = at("SafeCrowd/photo.png").get(0).id();
        String folder = "media/SafeCrowd/photo.png.sb-5a1b2c3d-Xy7Zq0/";
        List<String> roles = List.of("admin", "editor", "admin", "editor", "author", "subscriber");
        List<byte[]> versions = new ArrayList<>();
        List<Callable<String>> saves = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            byte[] version = MediaUploadIT.png(510 + i);
            versions.add(version);
            String own = folder.replace("Zq0", "Zq" + i);
            saves.add(() -> {
                int made = drive.send(role, "MKCOL", drive.url(own), Map.of(), null).status();
                int written = drive.sendBytes(role, "PUT", drive.url(own + "photo.png"), Map.of(), version).status();
                int moved = drive.send(role, "MOVE", drive.url(own + "photo.png"), Map.of("Destination", photo), null).status();
                int deleted = drive.send(role, "DELETE", drive.url(own), Map.of(), null).status();
                return role + " " + made + " " + written + " " + moved + " " + deleted;
            });
        }
        // The same folder name by two users at once: each has their own.
        saves.add(() -> "same " + drive.send("author", "MKCOL", drive.url(folder), Map.of(), null).status() + " "
                + drive.send("subscriber", "MKCOL", drive.url(folder), Map.of(), null).status());
        List<String> answers = all(saves);
        for (int i = 0; i < roles.size(); i++) {
            String expected = roles.get(i) + " 201 201 " + (i < 4 ? "204" : "403") + " 204";
            assertEquals(expected, answers.get(i), "the saver's folder and copy are theirs; only those who may edit the photo replace it");
        }
        assertEquals("same 201 201", answers.get(roles.size()));

        List<Media> now = at("SafeCrowd/photo.png");
        assertEquals(1, now.size(), "one attachment at the path");
        assertEquals(id, now.get(0).id(), "the same attachment");
        byte[] bytes = served(now.get(0));
        assertTrue(versions.subList(0, 4).stream().anyMatch(v -> Arrays.equals(v, bytes)), "one whole version, saved by the administrator or the editor");
        assertTrue(wordpress.index(admin, Endpoint.MEDIA).stream().noneMatch(m -> m.drivePath() != null && m.drivePath().contains(".sb-")),
                "no copy became an attachment");
        assertTrue(wordpress.mediaFolders(admin).stream().noneMatch(f -> f.contains(".sb-")), "no safe-save folder became a media folder");
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(folder), Map.of("Depth", "0"), null).status(), "the author's, not the administrator's");
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(folder), Map.of("Depth", "0"), null).status());
    }
}
