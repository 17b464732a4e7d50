package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;
import org.pressdav.wordpress.WordPressException;

/**
 * Media deleted from the drive on the real WordPress: where the site keeps them in the trash ({@code MEDIA_TRASH},
 * {@code scripts/wordpress media-trash on}) they show in {@code trash/media/}, come back by a MOVE with their id and
 * bytes, are deleted for good there, and a folder whose only file went to the trash is deleted; elsewhere a deleted file
 * is gone for good and {@code trash/} has no {@code media/}. What WordPress holds is read from it directly.
 */
class MediaTrashIT extends WritingIT {

    private static Media stored(long id) {
        return wordpress.get(admin, Endpoint.MEDIA, id, Context.EDIT);
    }

    /** The attachment the drive shows at this path below media/, as WordPress's index holds it now. */
    private static Media attachmentAt(String path) {
        return wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> path.equals(m.drivePath())).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment at " + path));
    }

    private static byte[] served(Media media) throws IOException {
        try (MediaContent content = wordpress.download(admin, media, null)) {
            return content.body().readAllBytes();
        }
    }

    private static RunningDrive.Answer send(RunningDrive on, String role, String method, String path) {
        return on.send(role, method, on.url(path), Map.of(), null);
    }

    private static RunningDrive.Answer move(RunningDrive on, String role, String from, String to) {
        return on.send(role, "MOVE", on.url(from), Map.of("Destination", on.url(to)), null);
    }

    private static void put(RunningDrive on, String role, String path, byte[] bytes) {
        RunningDrive.Answer put = on.sendBytes(role, "PUT", on.url(path), Map.of("Content-Type", "image/png"), bytes);
        assertEquals(201, put.status(), put.text());
    }

    private interface OnDrive {
        void run(RunningDrive on) throws IOException;
    }

    /** {@code test} on pressdav started with the site's media trash on (pressdav reads the plugin's features as it starts); off after. */
    private static void withMediaTrash(OnDrive test) throws IOException {
        bed.script("media-trash", "on");
        try (RunningDrive on = RunningDrive.start()) {
            test.run(on);
        } finally {
            bed.script("media-trash", "off");
        }
    }

    @Test
    void withMediaTrashADeletedFileIsInTrashComesBackByMoveAndIsDeletedForGoodThere() throws IOException {
        withMediaTrash(on -> {
            assertEquals(201, send(on, "author", "MKCOL", "media/Bin/").status());
            put(on, "author", "media/Bin/kept.png", MediaUploadIT.png(61));
            put(on, "author", "media/Bin/gone.png", MediaUploadIT.png(62));
            Media kept = attachmentAt("Bin/kept.png");
            byte[] before = served(kept);

            assertEquals(204, send(on, "author", "DELETE", "media/Bin/kept.png").status());
            assertEquals("trash", stored(kept.id()).status(), "in WordPress's trash, not gone");
            assertFalse(on.names("author", "media/Bin/").contains("kept.png"));
            assertTrue(on.names("author", "trash/media/").contains("kept.png"), on.names("author", "trash/media/").toString());
            assertArrayEquals(before, on.sendBytes("author", "GET", on.url("trash/media/kept.png"), Map.of(), null).body());

            RunningDrive.Answer restored = move(on, "author", "trash/media/kept.png", "media/Bin/kept.png");
            assertEquals(201, restored.status(), restored.text());
            Media back = attachmentAt("Bin/kept.png");
            assertEquals(kept.id(), back.id(), "the same attachment");
            assertEquals(kept.sourceUrl(), back.sourceUrl());
            assertArrayEquals(before, served(back));
            assertArrayEquals(before, on.sendBytes("author", "GET", on.url("media/Bin/kept.png"), Map.of(), null).body());
            assertFalse(on.names("author", "trash/media/").contains("kept.png"));

            long gone = attachmentAt("Bin/gone.png").id();
            assertEquals(204, send(on, "author", "DELETE", "media/Bin/gone.png").status());
            assertEquals(204, send(on, "author", "DELETE", "trash/media/gone.png").status());
            assertEquals(404, assertThrows(WordPressException.class, () -> stored(gone)).status(), "deleted for good");
        });
    }

    @Test
    void withMediaTrashAFolderWhoseOnlyFileWentToTheTrashIsDeleted() throws IOException {
        withMediaTrash(on -> {
            assertEquals(201, send(on, "editor", "MKCOL", "media/Solo/").status());
            put(on, "editor", "media/Solo/only.png", MediaUploadIT.png(63));
            long only = attachmentAt("Solo/only.png").id();
            RunningDrive.Answer deleted = send(on, "editor", "DELETE", "media/Solo/");
            assertEquals(204, deleted.status(), deleted.text());
            assertEquals(404, on.send("editor", "PROPFIND", on.url("media/Solo/"), Map.of("Depth", "0"), null).status());
            assertEquals("trash", stored(only).status(), "its file is in the trash");
            assertTrue(on.names("editor", "trash/media/").contains("only.png"));
        });
    }

    @Test
    void withoutMediaTrashADeletedFileIsGoneForGoodAndNotInTrash() throws IOException {
        assertEquals(201, send(drive, "author", "MKCOL", "media/Plain/").status());
        put(drive, "author", "media/Plain/plain.png", MediaUploadIT.png(64));
        long plain = attachmentAt("Plain/plain.png").id();
        assertEquals(204, send(drive, "author", "DELETE", "media/Plain/plain.png").status());
        assertEquals(404, assertThrows(WordPressException.class, () -> stored(plain)).status(), "gone for good");
        assertFalse(namesIn("admin", "trash/").contains("media/"), namesIn("admin", "trash/").toString());
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url("trash/media/"), Map.of("Depth", "0"), null).status());
    }
}
