package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * Whole folders of mixed files through the real clients, with the companion plugin: a davfs2
 * mount (locks on) copying, moving, rsyncing and deleting; rclone sync and check; a cadaver
 * script of every method. After each, WordPress holds exactly what a user would expect: each file
 * once, at its path, with its bytes; no temporary file; nothing lost.
 */
class MediaClientsIT extends WritingIT {

    /** Images, a PDF, an archive, a file without an extension, a 0-byte file, a name with spaces and accents. */
    private static Path mixedFolder(Path dir, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve("photo.png"), MediaUploadIT.png(61));
        Files.write(folder.resolve("Café été 2026.png"), MediaUploadIT.png(62));
        Files.writeString(folder.resolve("guide.pdf"), "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        byte[] archive = new byte[40_000];
        new Random(63).nextBytes(archive);
        Files.write(folder.resolve("backup.zip"), archive);
        Files.writeString(folder.resolve("NOTES"), "a file without an extension\n");
        Files.write(folder.resolve("empty.txt"), new byte[0]);
        return folder;
    }

    /** What WordPress holds below a drive folder: path below it → bytes. */
    private static Map<String, byte[]> held(String folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (Media media : wordpress.index(admin, Endpoint.MEDIA)) {
            if (media.drivePath() != null && media.drivePath().startsWith(folder + "/")) {
                try (MediaContent content = wordpress.download(admin, media, null)) {
                    files.put(media.drivePath().substring(folder.length() + 1), content.body().readAllBytes());
                }
            }
        }
        return files;
    }

    private static List<Long> idsBelow(String folder) {
        List<Long> ids = new ArrayList<>();
        for (Media media : wordpress.index(admin, Endpoint.MEDIA)) {
            if (media.drivePath() != null && media.drivePath().startsWith(folder + "/")) {
                ids.add(media.id());
            }
        }
        ids.sort(Long::compare);
        return ids;
    }

    /** The local folder's files as WordPress must hold them: every file with bytes (WordPress keeps no empty file). */
    private static Map<String, byte[]> expected(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(folder)) {
            for (Path file : list.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0) {
                    files.put(org.pressdav.dav.Names.nfc(file.getFileName().toString()), bytes);
                }
            }
        }
        return files;
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    private static Result run(Path dir, String... command) throws Exception {
        return Clients.run(dir, Map.of(), null, command);
    }

    @Test
    void davfs2CopiesMovesSyncsAndDeletesAFolderOfMixedFiles(@TempDir Path dir) throws Exception {
        Path local = mixedFolder(dir, "Holiday mix");
        Path back = dir.resolve("back");
        Path mount = Clients.mountDavfs(drive, "editor", dir, "rw");
        try {
            Path media = mount.resolve("media");
            Result copied = run(dir, "cp", "-r", local.toString(), media.toString() + "/");
            assertEquals(0, copied.exitCode(), copied.output());
            Result same = run(dir, "diff", "-r", local.toString(), media.resolve("Holiday mix").toString());
            assertEquals(0, same.exitCode(), same.output());
            Result synced = run(dir, "rsync", "-r", local + "/", media.resolve("Synced").toString() + "/");
            assertEquals(0, synced.exitCode(), synced.output());
            Result out = run(dir, "rsync", "-r", media.resolve("Synced") + "/", back + "/");
            assertEquals(0, out.exitCode(), out.output());
        } finally {
            // Unmounting makes davfs2 send what it still holds.
            run(dir, "umount", mount.toString());
        }
        assertSame(expected(local), held("Holiday mix"));
        assertSame(expected(local), held("Synced"));
        assertSame(expected(local), expected(back));
        assertTrue(wordpress.index(admin, Endpoint.MEDIA).stream().noneMatch(m -> m.drivePath() != null && m.drivePath().matches(".*/\\..*")),
                "no temporary file reached WordPress");
        List<Long> ids = idsBelow("Holiday mix");

        Path again = Files.createDirectory(dir.resolve("again"));
        Path remount = Clients.mountDavfs(drive, "editor", again, "rw");
        try {
            Path media = remount.resolve("media");
            Result moved = run(again, "mv", media.resolve("Holiday mix").toString(), media.resolve("Moved mix").toString());
            assertEquals(0, moved.exitCode(), moved.output());
            Result removed = run(again, "rm", "-r", media.resolve("Synced").toString());
            assertEquals(0, removed.exitCode(), removed.output());
        } finally {
            run(again, "umount", remount.toString());
        }
        assertEquals(ids, idsBelow("Moved mix"), "a folder moved keeps every attachment");
        assertSame(expected(local), held("Moved mix"));
        assertTrue(held("Synced").isEmpty() && held("Holiday mix").isEmpty());
        assertTrue(wordpress.mediaFolders(admin).stream().noneMatch(f -> f.startsWith("Synced") || f.startsWith("Holiday mix")),
                wordpress.mediaFolders(admin).toString());
    }

    @Test
    void rcloneSyncKeepsTheAttachmentOfAnEditedFileAndChecksClean(@TempDir Path dir) throws Exception {
        Path local = mixedFolder(dir, "rclone");
        Files.delete(local.resolve("empty.txt"));
        List<String> remote = Clients.rcloneRemote(drive, "editor", dir);
        List<String> sync = new ArrayList<>(List.of("rclone", "sync", local.toString(), ":webdav:media/Rclone"));
        sync.addAll(remote);
        Result first = run(dir, sync.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.output());
        long photo = wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> "Rclone/photo.png".equals(m.drivePath())).findFirst()
                .orElseThrow().id();

        // Over plain WebDAV rclone compares sizes (no hashes, no settable modification times): the edit changes the size.
        byte[] edited = MediaUploadIT.png(64);
        Files.write(local.resolve("photo.png"), java.util.Arrays.copyOf(edited, edited.length + 100));
        Result second = run(dir, sync.toArray(String[]::new));
        assertEquals(0, second.exitCode(), second.output());
        List<String> check = new ArrayList<>(List.of("rclone", "check", local.toString(), ":webdav:media/Rclone"));
        check.addAll(remote);
        Result checked = run(dir, check.toArray(String[]::new));
        assertEquals(0, checked.exitCode(), checked.output());
        assertEquals(List.of(photo), wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> "Rclone/photo.png".equals(m.drivePath()))
                .map(Media::id).toList(), "the edited file is the same attachment, replaced");
        assertSame(expected(local), held("Rclone"));
    }

    @Test
    void cadaverDrivesEveryMethod(@TempDir Path home) throws Exception {
        Path netrc = home.resolve(".netrc");
        Files.writeString(netrc, "machine 127.0.0.1\nlogin editor\npassword " + bed.applicationPassword("editor") + "\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
        Files.write(home.resolve("logo.png"), MediaUploadIT.png(65));
        String script = String.join("\n",
                "cd media", "mkcol Cadaver", "cd Cadaver", "put logo.png", "get logo.png fetched.png", "move logo.png brand.png",
                "copy brand.png brand-copy.png", "lock brand.png", "propset brand.png color blue", "propget brand.png color",
                "unlock brand.png", "delete brand-copy.png", "ls", "quit", "");
        Result result = Clients.run(home, Map.of("HOME", home.toString()), script, "cadaver", drive.url());
        assertTrue(result.output().contains("blue"), result.output());
        assertTrue(!result.output().contains("failed:"), result.output());
        assertArrayEquals(Files.readAllBytes(home.resolve("logo.png")), Files.readAllBytes(home.resolve("fetched.png")));
        Map<String, byte[]> held = held("Cadaver");
        assertEquals(List.of("brand.png"), List.copyOf(held.keySet()));
        assertArrayEquals(Files.readAllBytes(home.resolve("logo.png")), held.get("brand.png"));
    }
}
