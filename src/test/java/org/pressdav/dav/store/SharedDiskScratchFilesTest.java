package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisScratchQuota;
import org.pressdav.redis.RedisScratchRecords;
import org.pressdav.testbed.RedisClients;

/**
 * The scratch contract on a data directory two instances share, with their index and quota in a
 * real redis-server: every call of the contract goes to the next instance in turn (a balancer's
 * round robin), and what only two instances can show besides.
 */
class SharedDiskScratchFilesTest extends ScratchFilesContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();
    private RedisBackend first;
    private RedisBackend second;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeEach
    void connect() {
        first = redis.fresh();
        second = redis.secondClient(first);
    }

    private DiskScratchFiles open(RedisBackend through, Path root, long share, long smallShare, long total) throws IOException {
        return DiskScratchFiles.shared(root, share, smallShare, total, Duration.ofHours(1), clock, through.instance(), new RedisScratchRecords(through),
                new RedisScratchQuota(through));
    }

    @Override
    ScratchFiles newStore(long share, long smallShare, long total) throws Exception {
        Path root = Files.createTempDirectory("scratch");
        return new RoundRobin(open(first, root, share, smallShare, total), open(second, root, share, smallShare, total));
    }

    private static ByteArrayInputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void aFinderSafeSaveWrittenThroughOneInstanceIsFoundMovedAndDeletedThroughTheOther() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 1 << 20, 1 << 20, 1 << 24);
        DiskScratchFiles b = open(second, root, 1 << 20, 1 << 20, 1 << 24);
        DavPath folder = DavPath.parseDecoded("/posts/12-x");
        DavPath temporary = folder.child(".dat1234.tmp");
        DavPath kept = folder.child("._content.html");
        a.write(uploader("user-1"), temporary, new ByteArrayInputStream(new byte[] {7, 8, 9}));
        assertEquals(3, b.find("user-1", temporary).length());
        assertEquals(List.of(".dat1234.tmp"), b.list("user-1", folder).stream().map(file -> file.path().name()).toList());
        b.move("user-1", temporary, kept);
        assertNull(a.find("user-1", temporary));
        assertArrayEquals(new byte[] {7, 8, 9}, Files.readAllBytes(a.find("user-1", kept).content()));
        assertEquals(3, a.bytes());
        assertTrue(b.delete("user-1", kept));
        assertNull(a.find("user-1", kept));
        assertEquals(0, a.bytes());
    }

    @Test
    void aShareFilledHalfThroughEachInstanceRefusesTheNextByte() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 100, 100, 1 << 20);
        DiskScratchFiles b = open(second, root, 100, 100, 1 << 20);
        a.write(uploader("user-1"), DavPath.parseDecoded("/posts/._a"), bytes(50));
        b.write(uploader("user-1"), DavPath.parseDecoded("/posts/._b"), bytes(50));
        DavError refused = assertThrows(DavError.InsufficientStorage.class, () -> a.write(uploader("user-1"), DavPath.parseDecoded("/posts/._c"), bytes(1)));
        assertEquals(507, refused.status());
        assertThrows(DavError.InsufficientStorage.class, () -> b.write(uploader("user-1"), DavPath.parseDecoded("/posts/._c"), bytes(1)));
        assertTrue(b.write(uploader("user-2"), DavPath.parseDecoded("/posts/._c"), bytes(1)), "the share is per user");
    }

    @Test
    void anInstanceOpeningTheDirectoryRecountsWhatIsOnDisk() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 100, 100, 1 << 20);
        a.write(uploader("user-1"), DavPath.parseDecoded("/posts/._a"), bytes(40));
        a.write(uploader("user-2"), DavPath.parseDecoded("/posts/._a"), bytes(30));
        Files.delete(root.resolve("user-1/posts/._a")); // lost behind the stores' back (an operator, a crash)
        Files.write(root.resolve("user-2/posts/._b"), new byte[20]);
        Files.createDirectories(root.resolve("user-3/pages"));
        Files.write(root.resolve("user-3/pages/.DS_Store"), new byte[10]);

        DiskScratchFiles b = open(second, root, 100, 100, 1 << 20);
        assertEquals(60, b.bytes(), "the counts are the disk's: user-2's 30 + 20, user-3's 10");
        assertNull(a.find("user-1", DavPath.parseDecoded("/posts/._a")), "the index too, for every instance");
        assertEquals(20, a.find("user-2", DavPath.parseDecoded("/posts/._b")).length());
        assertEquals(10, a.find("user-3", DavPath.parseDecoded("/pages/.DS_Store")).length());
        assertTrue(a.write(uploader("user-1"), DavPath.parseDecoded("/posts/._c"), bytes(100)), "user-1's lost 40 bytes are theirs again");
        assertThrows(DavError.InsufficientStorage.class, () -> b.write(uploader("user-2"), DavPath.parseDecoded("/posts/._c"), bytes(51)));
    }

    @Test
    void twoInstancesWritingOneNameAtOnceLeaveOneWholeFileCountedOnce() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 1 << 24, 1 << 24, 1 << 26);
        DiskScratchFiles b = open(second, root, 1 << 24, 1 << 24, 1 << 26);
        DavPath path = DavPath.parseDecoded("/posts/._same");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                DiskScratchFiles through = i % 2 == 0 ? a : b;
                byte[] body = new byte[(1 << 20) + i];
                Arrays.fill(body, (byte) i);
                writes.add(pool.submit(() -> through.write(uploader("user-1"), path, new ByteArrayInputStream(body))));
            }
            int made = 0;
            for (Future<Boolean> write : writes) {
                made += write.get() ? 1 : 0;
            }
            assertEquals(1, made, "one write made the file, the others replaced it");
        } finally {
            pool.shutdownNow();
        }
        byte[] kept = Files.readAllBytes(b.find("user-1", path).content());
        int writer = kept.length - (1 << 20);
        for (byte one : kept) {
            assertEquals((byte) writer, one, "the file is one writer's whole body");
        }
        assertEquals(kept.length, a.find("user-1", path).length());
        assertEquals(kept.length, b.bytes(), "counted once, at the size that stayed");
    }

    @Test
    void aWriteReservesItsShareInStepsOfAMebibyteNotChunkByChunk() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 64 << 20, 64 << 20, 1 << 30);
        long before = first.calls();
        assertTrue(a.write(uploader("user-1"), DavPath.parseDecoded("/posts/._big"), bytes(8 << 20))); // 128 reads of 64 KiB
        long calls = first.calls() - before;
        assertTrue(calls <= 8 + 6, calls + " calls to Redis for 8 MiB: 8 steps, a lookup, the lock, a read, a write, the unlock, a release");
        assertEquals(8 << 20, a.bytes(), "what was reserved ahead and not written was given back");
    }

    /**
     * A write under way holds at most a sixteenth of a small share ahead, so that a folder made beside it, through
     * the other instance, still fits (red before: the write reserved the whole 1 MiB of who may not upload, and the
     * MKCOL beside it was 507).
     */
    @Test
    void aWriteUnderWayLeavesRoomInASmallShareForAFolderBesideIt() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 64 << 20, 1 << 20, 1 << 30);
        DiskScratchFiles b = open(second, root, 64 << 20, 1 << 20, 1 << 30);
        ScratchFiles.Owner subscriber = new ScratchFiles.Owner("user-9", false);
        java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch folderMade = new java.util.concurrent.CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent > 0) {
                    begun.countDown();
                    try {
                        folderMade.await();
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return -1;
                }
                sent = Math.min(length, 1024);
                return sent;
            }
        };
        java.util.concurrent.Future<Boolean> writing = java.util.concurrent.Executors.newSingleThreadExecutor()
                .submit(() -> a.write(subscriber, DavPath.parseDecoded("/media/._photo.jpg"), slow));
        try {
            assertTrue(begun.await(10, java.util.concurrent.TimeUnit.SECONDS), "the write began");
            b.makeFolder(subscriber, DavPath.parseDecoded("/media/.TemporaryItems"));
        } finally {
            folderMade.countDown();
        }
        assertTrue(writing.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1024 + DiskScratchFiles.FOLDER_BYTES, a.bytes(), "the file and the folder, what was reserved ahead given back");
    }

    @Test
    void aShareThatIsNoWholeNumberOfStepsIsFilledToTheByte() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        long share = (2 << 20) + 10;
        DiskScratchFiles a = open(first, root, share, share, 1 << 30);
        DiskScratchFiles b = open(second, root, share, share, 1 << 30);
        DavPath file = DavPath.parseDecoded("/posts/._big");
        assertTrue(a.write(uploader("user-1"), file, bytes((int) share)));
        assertEquals(share, b.bytes());
        assertThrows(DavError.InsufficientStorage.class, () -> b.write(uploader("user-1"), DavPath.parseDecoded("/posts/._c"), bytes(1)));
        assertFalse(b.write(uploader("user-1"), file, bytes((int) share)), "a file replaced whole fits the share it leaves");
        assertThrows(DavError.InsufficientStorage.class, () -> a.write(uploader("user-1"), file, bytes((int) share + 1)));
        assertEquals(share, a.bytes(), "the refused write gave back all it had reserved");
        assertEquals(share, a.find("user-1", file).length());
    }

    @Test
    void aFolderMoveUnderWayOnOneInstanceIsNotTakenAsLeftBehindByAnotherStarting() throws Exception {
        Path root = Files.createTempDirectory("scratch");
        DiskScratchFiles a = open(first, root, 1 << 20, 1 << 20, 1 << 24);
        FolderMove move = new FolderMove(DavPath.parseDecoded("/posts/12-x"), DavPath.parseDecoded("/posts/12-y"));
        a.intendCarry(move.from(), move.to());
        Path note;
        try (var notes = Files.walk(root.resolve(".moves"))) {
            note = notes.filter(file -> file.toString().endsWith(".move")).findFirst().orElseThrow();
        }
        Path beingWritten = note.resolveSibling("another.move.part");
        Files.write(beingWritten, new byte[] {1}); // a's next note, half written when b starts

        DiskScratchFiles b = open(second, root, 1 << 20, 1 << 20, 1 << 24);
        assertEquals(List.of(), b.unfinishedCarries(), "a's move waits for WordPress's answer on a; it is not b's to finish");
        assertTrue(Files.exists(beingWritten), "b leaves a's half-written note alone");
        assertTrue(Files.exists(note));

        DiskScratchFiles aRestarted = open(first, root, 1 << 20, 1 << 20, 1 << 24);
        assertEquals(List.of(move), aRestarted.unfinishedCarries(), "a started again under its name finishes its own move");
    }

    /** Each call to the next instance, as a balancer without stickiness sends requests. */
    private static final class RoundRobin implements ScratchFiles {
        private final List<ScratchFiles> instances;
        private final AtomicInteger next = new AtomicInteger();

        RoundRobin(ScratchFiles... instances) {
            this.instances = List.of(instances);
        }

        private ScratchFiles next() {
            return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        }

        @Override
        public ScratchFile find(String user, DavPath path) {
            return next().find(user, path);
        }

        @Override
        public long bytes() {
            return next().bytes();
        }

        @Override
        public Contents contents(String user, DavPath folder) {
            return next().contents(user, folder);
        }

        @Override
        public ScratchFolder folder(String user, DavPath path) {
            return next().folder(user, path);
        }

        @Override
        public void makeFolder(Owner owner, DavPath path) throws IOException {
            next().makeFolder(owner, path);
        }

        @Override
        public boolean write(Owner owner, DavPath path, InputStream body) throws IOException {
            return next().write(owner, path, body);
        }

        @Override
        public boolean delete(String user, DavPath path) throws IOException {
            return next().delete(user, path);
        }

        @Override
        public void carry(DavPath from, DavPath to) throws IOException {
            next().carry(from, to);
        }

        @Override
        public void intendCarry(DavPath from, DavPath to) throws IOException {
            next().intendCarry(from, to);
        }

        @Override
        public void abandonCarry(DavPath from, DavPath to) throws IOException {
            next().abandonCarry(from, to);
        }

        @Override
        public List<FolderMove> unfinishedCarries() {
            return next().unfinishedCarries();
        }

        @Override
        public void move(String user, DavPath from, DavPath to) throws IOException {
            next().move(user, from, to);
        }
    }
}
