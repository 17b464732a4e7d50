package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;

/** What every {@link ScratchFiles} must do; a backend's test extends this and says how to make one. */
abstract class ScratchFilesContract {
    /** A store whose users who may upload keep {@code share} bytes each, others {@code smallShare}, all together {@code total}. */
    abstract ScratchFiles newStore(long share, long smallShare, long total) throws Exception;

    /** A store whose users may keep {@code share} bytes each, without a total that matters. */
    ScratchFiles newStore(long share) throws Exception {
        return newStore(share, share, Long.MAX_VALUE / 2);
    }

    static ScratchFiles.Owner uploader(String user) {
        return new ScratchFiles.Owner(user, true);
    }

    static ScratchFiles.Owner reader(String user) {
        return new ScratchFiles.Owner(user, false);
    }

    private static ByteArrayInputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void filesRoundTripPerUser() throws Exception {
        ScratchFiles store = newStore(1024);
        DavPath path = DavPath.parseDecoded("/posts/12-x/._content.html");
        assertTrue(store.write(uploader("user-1"), path, new ByteArrayInputStream(new byte[] {1, 2, 3})));
        assertTrue(!store.write(uploader("user-1"), path, new ByteArrayInputStream(new byte[] {1, 2, 3})), "the second write replaces");
        ScratchFile file = store.find("user-1", path);
        assertNotNull(file);
        assertEquals(2, java.nio.file.Files.readAllBytes(file.content())[1]);
        assertEquals(3, file.length());
        assertNull(store.find("user-2", path), "another user's file is their own");
        assertEquals(1, store.list("user-1", path.parent()).size());
        assertTrue(store.list("user-2", path.parent()).isEmpty());
    }

    @Test
    void aTemporaryFolderHoldsAnythingAndGoesWithEverythingInIt() throws Exception {
        ScratchFiles store = newStore(64 * 1024);
        DavPath folder = DavPath.parseDecoded("/media/Photos/beach.png.sb-5a1b2c3d-Xy7Zq0");
        DavPath inside = folder.child("beach.png");
        store.makeFolder(uploader("user-1"), folder);
        store.makeFolder(uploader("user-1"), folder.child("deeper"));
        store.write(uploader("user-1"), inside, bytes(100));
        store.write(uploader("user-1"), folder.child("deeper").child("x"), bytes(50));
        assertNotNull(store.folder("user-1", folder));
        assertNull(store.folder("user-2", folder), "another user's folder is their own");
        assertEquals(List.of("beach.png.sb-5a1b2c3d-Xy7Zq0"), store.folders("user-1", folder.parent()).stream().map(own -> own.path().name()).toList());
        assertEquals(List.of("deeper"), store.folders("user-1", folder).stream().map(own -> own.path().name()).toList());
        assertEquals(100, store.find("user-1", inside).length());
        assertEquals(2, store.folders("user-1", folder).size() + store.list("user-1", folder).size());

        assertNull(store.folder("user-1", DavPath.parseDecoded("/media/Photos")), "the drive's own folders are never the user's");
        assertTrue(store.folders("user-1", DavPath.parseDecoded("/media")).isEmpty());

        long used = store.bytes();
        assertTrue(store.delete("user-1", folder));
        assertNull(store.folder("user-1", folder));
        assertNull(store.find("user-1", inside));
        assertEquals(used - 150 - 2 * 4096, store.bytes(), "the files and both folders gave their share back");
    }

    @Test
    void foldersTakeTheShareToo() throws Exception {
        ScratchFiles store = newStore(3 * 4096);
        for (int i = 0; i < 3; i++) {
            store.makeFolder(uploader("user-1"), DavPath.parseDecoded("/posts/.TemporaryItems-" + i + ".sb-1-a"));
        }
        assertThrows(DavError.InsufficientStorage.class, () -> store.makeFolder(uploader("user-1"), DavPath.parseDecoded("/posts/four.sb-1-a")));
        assertNull(store.folder("user-1", DavPath.parseDecoded("/posts/four.sb-1-a")), "nothing made past the share");
        store.makeFolder(uploader("user-2"), DavPath.parseDecoded("/posts/four.sb-1-a"));
    }

    @Test
    void everyUsersFilesFollowAFolderThatIsRenamed() throws Exception {
        ScratchFiles store = newStore(64 * 1024);
        DavPath from = DavPath.parseDecoded("/media/Photos");
        DavPath to = DavPath.parseDecoded("/media/Holidays");
        store.write(uploader("user-1"), from.child("._beach.png"), bytes(10));
        store.write(uploader("user-1"), from.child("deep").child(".DS_Store"), bytes(20));
        store.write(uploader("user-2"), from.child(".DS_Store"), bytes(30));
        store.write(uploader("user-2"), to.child(".DS_Store"), bytes(5));
        long used = store.bytes();
        store.carry(from, to);
        assertNull(store.find("user-1", from.child("._beach.png")));
        assertEquals(10, store.find("user-1", to.child("._beach.png")).length());
        assertEquals(20, store.find("user-1", to.child("deep").child(".DS_Store")).length());
        assertEquals(30, store.find("user-2", to.child(".DS_Store")).length(), "what was there is replaced");
        assertTrue(store.list("user-2", from).isEmpty());
        assertEquals(used - 5, store.bytes());
        store.carry(DavPath.parseDecoded("/media/Nothing"), to);
        assertEquals(30, store.find("user-2", to.child(".DS_Store")).length(), "a folder without files of anyone's changes nothing");
    }

    @Test
    void movedAndDeletedFilesAreGone() throws Exception {
        ScratchFiles store = newStore(1024);
        DavPath from = DavPath.parseDecoded("/posts/.a.txt.Ab12Cd");
        DavPath to = DavPath.parseDecoded("/posts/._a.txt");
        store.write(uploader("user-1"), from, bytes(10));
        store.move("user-1", from, to);
        assertNull(store.find("user-1", from));
        assertEquals(10, store.find("user-1", to).length());
        assertTrue(store.delete("user-1", to));
        assertNull(store.find("user-1", to));
        assertTrue(!store.delete("user-1", to));
    }

    @Test
    void aUserCannotKeepMoreThanTheirShareAndNothingHalfWrittenStays() throws Exception {
        ScratchFiles store = newStore(100);
        DavPath first = DavPath.parseDecoded("/posts/.DS_Store");
        DavPath second = DavPath.parseDecoded("/pages/.DS_Store");
        store.write(uploader("user-1"), first, bytes(60));
        assertThrows(DavError.InsufficientStorage.class, () -> store.write(uploader("user-1"), second, bytes(60)));
        assertNull(store.find("user-1", second));
        assertEquals(60, store.find("user-1", first).length());
        assertTrue(store.write(uploader("user-2"), second, bytes(60)), "the share is per user");
        store.write(uploader("user-1"), first, bytes(90));
        assertEquals(90, store.find("user-1", first).length(), "replacing a file counts its new size only");
        store.delete("user-1", first);
        store.write(uploader("user-1"), second, bytes(100));
        assertEquals(100, store.find("user-1", second).length(), "deleting gives the room back");
    }

    @Test
    void whoMayNotUploadKeepsTheSmallShare() throws Exception {
        ScratchFiles store = newStore(5000, 100, 1 << 20);
        DavPath ds = DavPath.parseDecoded("/posts/.DS_Store");
        assertTrue(store.write(reader("user-4"), ds, bytes(100)));
        assertThrows(DavError.InsufficientStorage.class, () -> store.write(reader("user-4"), DavPath.parseDecoded("/posts/._x"), bytes(1)));
        assertNull(store.find("user-4", DavPath.parseDecoded("/posts/._x")), "nothing kept past the share");
        assertThrows(DavError.InsufficientStorage.class, () -> store.makeFolder(reader("user-4"), DavPath.parseDecoded("/posts/a.sb-1-a")));
        store.write(reader("user-4"), ds, bytes(90));
        assertEquals(90, store.find("user-4", ds).length(), "replacing within the small share");
        assertTrue(store.write(uploader("user-3"), ds, bytes(5000)), "who may upload keeps the full share");
    }

    @Test
    void allUsersTogetherKeepNoMoreThanTheTotal() throws Exception {
        ScratchFiles store = newStore(100, 100, 250);
        DavPath ds = DavPath.parseDecoded("/posts/.DS_Store");
        store.write(uploader("user-1"), ds, bytes(100));
        store.write(uploader("user-2"), ds, bytes(100));
        DavError refused = assertThrows(DavError.InsufficientStorage.class, () -> store.write(uploader("user-3"), ds, bytes(60)));
        assertTrue(refused.getMessage().contains("all users"), refused.getMessage());
        assertNull(store.find("user-3", ds), "nothing half-written stays");
        assertTrue(store.write(uploader("user-3"), ds, bytes(50)));
        assertEquals(250, store.bytes());
        store.write(uploader("user-1"), ds, bytes(100));
        assertEquals(100, store.find("user-1", ds).length(), "replacing a file counts its new size only, in the total too");
        assertThrows(DavError.InsufficientStorage.class, () -> store.makeFolder(uploader("user-3"), DavPath.parseDecoded("/posts/b.sb-1-a")));
        store.delete("user-1", ds);
        assertTrue(store.write(uploader("user-3"), DavPath.parseDecoded("/pages/.DS_Store"), bytes(50)), "deleting gives the room back to all");
        assertThrows(DavError.InsufficientStorage.class, () -> store.write(uploader("user-1"), ds, bytes(60)),
                "a refusal by the total gave the user's share back: only the total stands in the way");
        assertTrue(store.write(uploader("user-1"), ds, bytes(50)));
    }

    @Test
    void parallelWritesOfManyUsersNeverPassTheTotal() throws Exception {
        ScratchFiles store = newStore(5 << 20, 5 << 20, 10 << 20);
        int stored = fourMiBWrittenEightTimesAtOnce(store, i -> "user-" + i, i -> DavPath.parseDecoded("/posts/._big"));
        assertTrue(stored <= 2, stored + " files of 4 MiB stored in a total of 10 MiB");
        assertEquals(stored * (4L << 20), store.bytes(), "refused writes gave their room back");
    }

    @Test
    void parallelWritesNeverTakeAUserPastTheirShare() throws Exception {
        ScratchFiles store = newStore(5 << 20);
        int stored = fourMiBWrittenEightTimesAtOnce(store, i -> "user-1", i -> DavPath.parseDecoded("/posts/._big" + i));
        assertTrue(stored <= 1, "at most one 4 MiB file fits a 5 MiB share, however the writes interleave");
        long kept = store.list("user-1", DavPath.parseDecoded("/posts")).stream().mapToLong(ScratchFile::length).sum();
        assertTrue(kept <= 5 << 20, kept + " bytes kept");
        for (ScratchFile file : store.list("user-1", DavPath.parseDecoded("/posts"))) {
            store.delete("user-1", DavPath.parseDecoded("/posts/" + file.path().name()));
        }
        assertTrue(store.write(uploader("user-1"), DavPath.parseDecoded("/posts/._after"), bytes(4 << 20)), "refused writes gave their room back");
    }

    /** Eight writes of 4 MiB at once, the i-th by {@code user} i to {@code path} i: how many were stored (the rest refused 507). */
    private static int fourMiBWrittenEightTimesAtOnce(ScratchFiles store, IntFunction<String> user, IntFunction<DavPath> path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger stored = new AtomicInteger();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String who = user.apply(i);
                DavPath where = path.apply(i);
                writes.add(pool.submit(() -> {
                    try {
                        store.write(uploader(who), where, bytes(4 << 20));
                        stored.incrementAndGet();
                    } catch (DavError.InsufficientStorage refused) {
                        // the share or the total is taken
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        return stored.get();
    }
}
