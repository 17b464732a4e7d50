package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;

/** The scratch contract on disk, plus what the disk backend adds: files expire when untouched. */
class DiskScratchFilesTest extends ScratchFilesContract {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Override
    ScratchFiles newStore(long share, long smallShare, long total) throws Exception {
        return new DiskScratchFiles(Files.createTempDirectory("scratch"), share, smallShare, total, Duration.ofHours(1), clock);
    }

    @Test
    void theTotalCountsWhatIsOnDiskFromTheStart() throws Exception {
        java.nio.file.Path root = Files.createTempDirectory("scratch");
        DavPath ds = DavPath.parseDecoded("/posts/.DS_Store");
        new DiskScratchFiles(root, 100, 100, 250, Duration.ofHours(1), clock).write(uploader("user-1"), ds, new ByteArrayInputStream(new byte[100]));
        new DiskScratchFiles(root, 100, 100, 250, Duration.ofHours(1), clock).write(uploader("user-2"), ds, new ByteArrayInputStream(new byte[100]));
        ScratchFiles restarted = new DiskScratchFiles(root, 100, 100, 250, Duration.ofHours(1), clock);
        assertEquals(200, restarted.bytes());
        assertThrows(DavError.InsufficientStorage.class, () -> restarted.write(uploader("user-3"), ds, new ByteArrayInputStream(new byte[60])));
        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertNull(restarted.find("user-1", ds), "expired");
        assertEquals(100, restarted.bytes(), "an expired file leaves the total, though its user's count was never made");
    }

    @Test
    void aFileUntouchedForItsTimeToLiveIsGone() throws Exception {
        ScratchFiles store = newStore(1024);
        DavPath path = DavPath.parseDecoded("/posts/._x");
        store.write(uploader("user-1"), path, new ByteArrayInputStream(new byte[] {1}));
        assertNotNull(store.find("user-1", path));
        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertNull(store.find("user-1", path), "expired after an hour untouched");
        assertTrue(store.list("user-1", path.parent()).isEmpty());
        assertTrue(store.write(uploader("user-1"), path, new ByteArrayInputStream(new byte[1000])), "and its room is free again");
    }

    @Test
    void namesLongerThanAFileSystemTakesAreRefused() throws Exception {
        ScratchFiles store = newStore(1024);
        org.junit.jupiter.api.Assertions.assertThrows(DavError.class,
                () -> store.find("user-1", DavPath.parseDecoded("/posts/._" + "x".repeat(300))));
    }

    @Test
    void aFolderMoveIsNotedUntilItsFilesAreCarriedAndANoteLeftBehindOutlivesTheProcess() throws Exception {
        java.nio.file.Path root = Files.createTempDirectory("scratch");
        DavPath from = DavPath.parseDecoded("/media/Trip 100%");
        DavPath to = DavPath.parseDecoded("/media/Trip 2026");
        DiskScratchFiles store = new DiskScratchFiles(root, 1024, 1024, 4096, Duration.ofHours(1), clock);
        store.write(uploader("user-1"), from.child(".DS_Store"), new ByteArrayInputStream(new byte[] {7}));
        store.intendCarry(from, to);
        assertTrue(store.unfinishedCarries().isEmpty(), "a move this process just noted is still under way");
        now.set(now.get().plus(FolderMoveNotes.MOVE_UNDER_WAY).plusSeconds(1));
        assertEquals(List.of(new FolderMove(from, to)), store.unfinishedCarries(), "one whose answer never came is unfinished");

        DiskScratchFiles restarted = new DiskScratchFiles(root, 1024, 1024, 4096, Duration.ofHours(1), clock);
        assertEquals(List.of(new FolderMove(from, to)), restarted.unfinishedCarries(), "the note outlives the process");
        restarted.carry(from, to);
        assertNotNull(restarted.find("user-1", to.child(".DS_Store")));
        assertTrue(restarted.unfinishedCarries().isEmpty());
        assertTrue(new DiskScratchFiles(root, 1024, 1024, 4096, Duration.ofHours(1), clock).unfinishedCarries().isEmpty(), "a carried move leaves no note");
    }

    @Test
    void anAbandonedMoveAndANoteCutShortLeaveNothingToFinish() throws Exception {
        java.nio.file.Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = new DiskScratchFiles(root, 1024, 1024, 4096, Duration.ofHours(1), clock);
        store.intendCarry(DavPath.parseDecoded("/media/a"), DavPath.parseDecoded("/media/b"));
        store.abandonCarry(DavPath.parseDecoded("/media/a"), DavPath.parseDecoded("/media/b"));
        Files.writeString(root.resolve(".moves").resolve("x.move.part"), "/media/c\n");
        Files.writeString(root.resolve(".moves").resolve("y.move"), "/media/c\n");

        assertTrue(new DiskScratchFiles(root, 1024, 1024, 4096, Duration.ofHours(1), clock).unfinishedCarries().isEmpty());
    }
}
