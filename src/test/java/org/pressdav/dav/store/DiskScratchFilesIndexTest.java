package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavPath;

/**
 * {@link DiskScratchFiles} answers lookups and listings from its index, not from the disk: what
 * changes on disk behind its back is seen only by a store opened afterwards, which reads the index
 * back from the disk; expiry and parallel changes keep the index equal to the disk.
 */
class DiskScratchFilesIndexTest {
    private static final Duration TTL = Duration.ofHours(1);
    private static final DavPath POSTS = DavPath.parseDecoded("/posts");
    private static final DavPath OWN = DavPath.parseDecoded("/posts/draft.html.sb-5a1b2c3d-Xy7Zq0");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private DiskScratchFiles open(Path root) {
        return new DiskScratchFiles(root, 1 << 20, 1 << 20, 1 << 24, TTL, clock);
    }

    private static ScratchFiles.Owner user1() {
        return new ScratchFiles.Owner("user-1", true);
    }

    private static ByteArrayInputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void lookupsAndListingsAnswerFromMemoryAndAReopenedStoreReadsTheDisk() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = open(root);
        store.write(user1(), POSTS.child("._a"), bytes(3));
        store.makeFolder(user1(), OWN);
        store.write(user1(), OWN.child("draft.html"), bytes(5));

        deleteTree(root.resolve("user-1"));
        Files.createDirectories(root.resolve("user-1/posts"));
        Files.write(root.resolve("user-1/posts/._b"), new byte[7]);

        assertEquals(3, store.find("user-1", POSTS.child("._a")).length(), "a file the disk lost is still known");
        assertNotNull(store.folder("user-1", OWN), "so is a folder");
        assertEquals(List.of("._a"), names(store.list("user-1", POSTS)), "a listing does not read the folder");
        assertEquals(List.of(OWN), store.folders("user-1", POSTS).stream().map(ScratchFolder::path).toList());
        assertEquals(5, store.find("user-1", OWN.child("draft.html")).length());
        assertNull(store.find("user-1", POSTS.child("._b")), "a file put on disk behind the store's back is not looked for");

        DiskScratchFiles reopened = open(root);
        assertNull(reopened.find("user-1", POSTS.child("._a")));
        assertNull(reopened.folder("user-1", OWN));
        assertTrue(reopened.folders("user-1", POSTS).isEmpty());
        assertEquals(7, reopened.find("user-1", POSTS.child("._b")).length(), "the reopened store read the disk");
        assertEquals(List.of("._b"), names(reopened.list("user-1", POSTS)));
        assertEquals(7, reopened.bytes());
    }

    @Test
    void aReopenedStoreFindsWhatWasThereWithItsLengthsAndTimes() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = open(root);
        store.write(user1(), POSTS.child("._a"), bytes(3));
        now.set(now.get().plusSeconds(90));
        store.makeFolder(user1(), OWN);
        store.makeFolder(user1(), OWN.child("deeper"));
        store.write(user1(), OWN.child("deeper").child("x"), bytes(11));
        store.write(new ScratchFiles.Owner("user-2", false), DavPath.parseDecoded("/media/Photos/.DS_Store"), bytes(13));
        Instant written = now.get();

        DiskScratchFiles reopened = open(root);
        assertEquals(store.bytes(), reopened.bytes(), "the shares are counted from what was there");
        assertEquals(3 + 11 + 13 + 2 * DiskScratchFiles.FOLDER_BYTES, reopened.bytes());
        ScratchFile a = reopened.find("user-1", POSTS.child("._a"));
        assertEquals(3, a.length());
        assertEquals(written.minusSeconds(90), a.modified(), "the time it was written, as the store's clock had it");
        assertEquals(store.find("user-1", POSTS.child("._a")).etag(), a.etag(), "so a client's cached copy stays good");
        assertEquals(List.of(OWN), reopened.folders("user-1", POSTS).stream().map(ScratchFolder::path).toList());
        assertEquals(List.of("deeper"), reopened.folders("user-1", OWN).stream().map(own -> own.path().name()).toList());
        assertEquals(written, reopened.find("user-1", OWN.child("deeper").child("x")).modified());
        assertEquals(13, reopened.find("user-2", DavPath.parseDecoded("/media/Photos/.DS_Store")).length());
        assertNull(reopened.folder("user-1", POSTS), "a folder of the drive is still never the user's");
        assertTrue(reopened.delete("user-1", OWN));
        assertNull(reopened.find("user-1", OWN.child("deeper").child("x")));
        assertEquals(3 + 13, reopened.bytes(), "a folder read back gives its room back when deleted");
    }

    @Test
    void whatOutlivesItsTimeToLiveGoesFromMemoryAndDiskAlsoAfterAReopen() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = open(root);
        DavPath kept = POSTS.child("._kept");
        DavPath old = POSTS.child("._old");
        store.write(user1(), old, bytes(3));
        store.write(user1(), kept, bytes(5));
        store.makeFolder(user1(), OWN);
        now.set(now.get().plus(Duration.ofMinutes(50)));
        store.write(user1(), kept, bytes(6));
        now.set(now.get().plus(Duration.ofMinutes(11)));

        assertNull(store.find("user-1", old), "an hour and a minute untouched");
        assertFalse(Files.exists(root.resolve("user-1/posts/._old")), "and gone from the disk");
        assertEquals(6, store.find("user-1", kept).length(), "written again eleven minutes ago");
        assertEquals(List.of("._kept"), names(store.list("user-1", POSTS)));
        assertNull(store.folder("user-1", OWN), "an empty folder of the user's expires too");
        assertFalse(Files.exists(root.resolve("user-1").resolve("posts").resolve(OWN.name())));
        assertEquals(6, store.bytes(), "what expired gave its room back");

        now.set(now.get().plus(Duration.ofMinutes(30)));
        DiskScratchFiles reopened = open(root);
        assertEquals(6, reopened.find("user-1", kept).length(), "forty-one minutes untouched, read back with its time");
        now.set(now.get().plus(Duration.ofMinutes(20)));
        assertTrue(reopened.list("user-1", POSTS).isEmpty(), "an hour and a minute untouched, across a restart");
        assertEquals(0, reopened.bytes());
    }

    @Test
    void aFolderHoldingAFileOutlivesItsTimeAndCarriedFilesAreKnownWhereTheyWent() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = open(root);
        store.makeFolder(user1(), OWN);
        store.write(user1(), OWN.child("draft.html"), bytes(4));
        store.write(user1(), POSTS.child("._a"), bytes(2));
        DavPath to = DavPath.parseDecoded("/pages");
        store.write(user1(), to.child("._a"), bytes(9));
        ScratchFiles.Owner user2 = new ScratchFiles.Owner("user-2", true);
        store.makeFolder(user2, OWN);
        store.write(user2, POSTS.child(".DS_Store"), bytes(8));
        store.carry(POSTS, to);

        assertNull(store.find("user-1", POSTS.child("._a")), "no stale entry where the files were");
        assertNull(store.folder("user-1", OWN));
        assertEquals(2, store.find("user-1", to.child("._a")).length(), "what was there is replaced");
        DavPath moved = to.child(OWN.name());
        assertEquals(4, store.find("user-1", moved.child("draft.html")).length());
        assertEquals(index(open(root), "user-1"), index(store, "user-1"), "memory and disk agree");
        assertNull(store.find("user-2", POSTS.child(".DS_Store")), "a folder carried whole leaves no stale entry either");
        assertNull(store.folder("user-2", OWN));
        assertEquals(8, store.find("user-2", to.child(".DS_Store")).length());
        assertNotNull(store.folder("user-2", moved));
        assertEquals(index(open(root), "user-2"), index(store, "user-2"));

        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertNotNull(store.folder("user-1", moved), "a folder holding a file does not expire");
    }

    @Test
    void parallelWritesDeletesAndMovesInOneUsersFolderLeaveMemoryEqualToTheDisk() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles store = open(root);
        store.makeFolder(user1(), OWN);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        changeAtOnce(store, thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<DavPath, Long> remembered = index(store, "user-1");
        assertFalse(remembered.isEmpty());
        assertEquals(onDisk(root.resolve("user-1")), remembered, "every file the store knows is on disk, and no other");
        DiskScratchFiles reopened = open(root);
        assertEquals(remembered, index(reopened, "user-1"));
        assertEquals(reopened.bytes(), store.bytes(), "the shares counted as the changes went equal what the disk holds");
    }

    /** One thread's i-th round: its own files and folders, and the names every thread writes, deletes and moves. */
    private static void changeAtOnce(DiskScratchFiles store, int thread, int i) throws IOException {
        DavPath folder = POSTS.child("t" + thread + "-" + i + ".sb-1-a");
        store.makeFolder(user1(), folder);
        store.write(user1(), folder.child("f"), bytes(i));
        store.write(user1(), POSTS.child("._t" + thread + "-" + i), bytes(thread + i));
        store.write(user1(), POSTS.child(".DS_Store"), bytes(thread * 100 + i));
        store.write(user1(), OWN.child("shared-" + i % 3), bytes(thread));
        if (i % 2 == 0) {
            store.delete("user-1", folder);
            store.move("user-1", POSTS.child("._t" + thread + "-" + i), POSTS.child("._moved-" + i % 5));
        }
        try {
            if (i % 3 == 0) {
                store.move("user-1", POSTS.child(".DS_Store"), OWN.child("shared-" + i % 4));
            } else if (i % 3 == 1) {
                store.delete("user-1", OWN.child("shared-" + i % 3));
            }
        } catch (NoSuchFileException anotherThreadTookIt) {
            // another thread moved or deleted the shared name first
        }
    }

    /** Every file the store knows of the user's in /posts and the user's own folders in it, with its length. */
    private static Map<DavPath, Long> index(ScratchFiles store, String user) {
        Map<DavPath, Long> files = new TreeMap<>(Comparator.comparing(DavPath::toString));
        collect(store, user, POSTS, files);
        collect(store, user, DavPath.parseDecoded("/pages"), files);
        return files;
    }

    private static void collect(ScratchFiles store, String user, DavPath folder, Map<DavPath, Long> files) {
        store.list(user, folder).forEach(file -> files.put(file.path(), file.length()));
        store.folders(user, folder).forEach(own -> {
            files.put(own.path(), -1L);
            collect(store, user, own.path(), files);
        });
    }

    /** The same from the disk: a folder as -1, a partial write left aside. */
    private static Map<DavPath, Long> onDisk(Path userDir) throws IOException {
        Map<DavPath, Long> files = new TreeMap<>(Comparator.comparing(DavPath::toString));
        try (Stream<Path> walk = Files.walk(userDir)) {
            for (Path entry : walk.filter(p -> !p.equals(userDir) && !p.getFileName().toString().startsWith(".pressdav-")).toList()) {
                DavPath path = ScratchIndex.pathOf(userDir, entry);
                if (!Files.isDirectory(entry)) {
                    files.put(path, Files.size(entry));
                } else if (path.segments().size() > 1) { // the drive's own folders (/posts) are no one's
                    files.put(path, -1L);
                }
            }
        }
        return files;
    }

    private static List<String> names(List<ScratchFile> files) {
        return files.stream().map(file -> file.path().name()).toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }
}
