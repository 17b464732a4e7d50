package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Media;

/**
 * Media deleted from the drive: on a site that keeps them in WordPress's trash ({@code MEDIA_TRASH}, the plugin's
 * {@code media-trash}) in {@code trash/media/} under the name they had, readable, restored by a MOVE into any folder of
 * {@code media/} (same id, same bytes), deleted for good there; on any other site gone for good, and no
 * {@code trash/media/}. A trashed file holds no folder: its emptied folder can be deleted.
 */
class MediaTrashTest {
    private InProcessDrive drive;

    @AfterEach
    void stop() {
        if (drive != null) {
            drive.close();
        }
    }

    private void start(boolean mediaTrash) {
        InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();
        drive = new InProcessDrive(mediaTrash ? wordpress.withMediaTrash() : wordpress);
    }

    private Answer send(Account who, String method, String path, Map<String, String> headers) {
        return drive.send(who, method, path, headers, null);
    }

    private Answer move(Account who, String from, String to, Map<String, String> more) {
        Map<String, String> headers = new java.util.HashMap<>(more);
        headers.put("Destination", drive.url(to));
        return send(who, "MOVE", from, headers);
    }

    /** A file put at {@code media/<path>} by {@code who}: its attachment. */
    private Media put(Account who, String path, byte[] bytes) {
        assertEquals(201, drive.sendBytes(who, "PUT", "media/" + path, Map.of(), bytes).status());
        return drive.wordpress.media().stream().filter(m -> drive.wordpress.plugin().drivePathOf(m.id()).equals(path)
                && m.status().equals("inherit")).findFirst().orElseThrow();
    }

    private Media now(long id) {
        return drive.wordpress.media().stream().filter(m -> m.id() == id).findFirst().orElse(null);
    }

    @Test
    void aDeletedFileGoesToTheTrashAndComesBackByMoveWithItsIdAndBytes() {
        start(true);
        byte[] bytes = "the tram to Belém".getBytes();
        assertEquals(201, send(EDITOR, "MKCOL", "media/Trips/", Map.of()).status());
        Media tram = put(AUTHOR, "Trips/tram.txt", bytes);
        assertEquals(204, send(AUTHOR, "DELETE", "media/Trips/tram.txt", Map.of()).status());
        assertEquals("trash", now(tram.id()).status(), "in WordPress's trash, not gone");
        assertEquals(List.of(), drive.namesIn(AUTHOR, "media/Trips/"));
        assertTrue(drive.namesIn(AUTHOR, "trash/").contains("media/"));
        assertEquals(List.of("tram.txt"), drive.namesIn(AUTHOR, "trash/media/"), "under the name it had in its folder");
        assertArrayEquals(bytes, drive.sendBytes(AUTHOR, "GET", "trash/media/tram.txt", Map.of(), null).body());
        assertEquals(403, drive.sendBytes(AUTHOR, "PUT", "trash/media/tram.txt", Map.of(), "other".getBytes()).status());

        assertEquals(201, move(AUTHOR, "trash/media/tram.txt", "media/Trips/tram.txt", Map.of()).status());
        Media back = now(tram.id());
        assertEquals("inherit", back.status());
        assertEquals("Trips/tram.txt", drive.wordpress.plugin().drivePathOf(tram.id()));
        assertArrayEquals(bytes, drive.sendBytes(AUTHOR, "GET", "media/Trips/tram.txt", Map.of(), null).body());
        assertEquals(List.of(), drive.namesIn(AUTHOR, "trash/media/"));
    }

    @Test
    void aRestoreGoesToAnyFolderUnderTheNameGivenButNotOverAnotherFile() {
        start(true);
        assertEquals(201, send(EDITOR, "MKCOL", "media/Old/", Map.of()).status());
        assertEquals(201, send(EDITOR, "MKCOL", "media/New/", Map.of()).status());
        Media note = put(EDITOR, "Old/note.txt", "first".getBytes());
        assertEquals(204, send(EDITOR, "DELETE", "media/Old/note.txt", Map.of()).status());
        put(EDITOR, "New/kept.txt", "kept".getBytes());
        assertEquals(412, move(EDITOR, "trash/media/note.txt", "media/New/kept.txt", Map.of("Overwrite", "F")).status());
        assertEquals(403, move(EDITOR, "trash/media/note.txt", "posts/note.txt", Map.of()).status(), "only into media/");
        assertEquals("trash", now(note.id()).status());
        assertEquals(201, move(EDITOR, "trash/media/note.txt", "media/New/renamed.txt", Map.of()).status());
        assertEquals("New/renamed.txt", drive.wordpress.plugin().drivePathOf(note.id()));
        assertEquals(List.of("kept.txt", "renamed.txt"), drive.namesIn(EDITOR, "media/New/").stream().sorted().toList());
    }

    @Test
    void anEmptiedFolderCanBeDeletedAndItsFileStillRestoredElsewhere() {
        start(true);
        assertEquals(201, send(EDITOR, "MKCOL", "media/Only/", Map.of()).status());
        Media only = put(EDITOR, "Only/one.txt", "one".getBytes());
        assertEquals(204, send(EDITOR, "DELETE", "media/Only/one.txt", Map.of()).status());
        assertEquals(204, send(EDITOR, "DELETE", "media/Only/", Map.of()).status(), "its only file is in the trash");
        assertFalse(drive.namesIn(EDITOR, "media/").contains("Only/"));
        assertEquals(409, move(EDITOR, "trash/media/one.txt", "media/Only/one.txt", Map.of()).status(), "its folder is gone");
        assertEquals(201, move(EDITOR, "trash/media/one.txt", "media/one.txt", Map.of()).status());
        assertEquals("inherit", now(only.id()).status());
    }

    @Test
    void deleteInTrashDeletesForGoodAndTwoOfOneNameAreTold() {
        start(true);
        assertEquals(201, send(EDITOR, "MKCOL", "media/A/", Map.of()).status());
        assertEquals(201, send(EDITOR, "MKCOL", "media/B/", Map.of()).status());
        Media first = put(EDITOR, "A/same.txt", "a".getBytes());
        Media second = put(EDITOR, "B/same.txt", "b".getBytes());
        assertEquals(204, send(EDITOR, "DELETE", "media/A/same.txt", Map.of()).status());
        assertEquals(204, send(EDITOR, "DELETE", "media/B/same.txt", Map.of()).status());
        assertEquals(List.of("same.txt", "same (" + second.id() + ").txt"), drive.namesIn(EDITOR, "trash/media/").stream()
                .map(name -> java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)).toList());
        assertEquals(204, send(EDITOR, "DELETE", "trash/media/same.txt", Map.of()).status());
        assertNull(now(first.id()), "deleted for good");
        assertEquals(List.of("same.txt"), drive.namesIn(EDITOR, "trash/media/"), "the other is named plainly again");
    }

    @Test
    void eachSeesTheirOwnTrashedFilesAsWordPressListsThemAndASubscriberNone() {
        start(true);
        Media hers = put(EDITOR, "hers.txt", "hers".getBytes());
        Media mine = put(AUTHOR, "mine.txt", "mine".getBytes());
        assertEquals(204, send(EDITOR, "DELETE", "media/hers.txt", Map.of()).status());
        assertEquals(204, send(AUTHOR, "DELETE", "media/mine.txt", Map.of()).status());
        assertEquals(List.of("mine.txt"), drive.namesIn(AUTHOR, "trash/media/"));
        assertEquals(List.of("hers.txt", "mine.txt"), drive.namesIn(ADMIN, "trash/media/").stream().sorted().toList());
        assertFalse(drive.namesIn(SUBSCRIBER, "trash/").contains("media/"));
        assertEquals(404, send(AUTHOR, "DELETE", "trash/media/hers.txt", Map.of()).status(), "not in the author's trash");
        assertEquals("trash", now(hers.id()).status());
        assertEquals("trash", now(mine.id()).status());
    }

    @Test
    void withoutMediaTrashADeletedFileIsGoneForGoodAndTrashHasNoMedia() {
        start(false);
        Media gone = put(AUTHOR, "gone.txt", "gone".getBytes());
        assertEquals(204, send(AUTHOR, "DELETE", "media/gone.txt", Map.of()).status());
        assertNull(now(gone.id()));
        assertNull(drive.wordpress.calls.get("trashMedia"));
        assertFalse(drive.namesIn(ADMIN, "trash/").contains("media/"));
        assertEquals(404, send(ADMIN, "PROPFIND", "trash/media/", Map.of("Depth", "0")).status());
    }
}
