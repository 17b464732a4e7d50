package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisScratchQuota;
import org.pressdav.redis.RedisScratchRecords;
import org.pressdav.testbed.RedisServer;

/** Scratch files on a shared directory while Redis does not answer: writes are refused with 503, nothing is kept uncounted. */
class SharedDiskScratchFilesRedisDownTest {
    @Test
    void writesAreRefusedSayingWhyAndNothingIsWrittenBehindTheCountsBack() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));
        Path root = Files.createTempDirectory("scratch");
        DavPath ds = DavPath.parseDecoded("/posts/.DS_Store");
        try (RedisServer redis = RedisServer.start(); RedisBackend backend = RedisBackend.connect(redis.url(), "test:", "a", Duration.ofSeconds(5))) {
            DiskScratchFiles store = DiskScratchFiles.shared(root, 1 << 20, 1 << 20, 1 << 24, Duration.ofHours(1), clock, "a",
                    new RedisScratchRecords(backend), new RedisScratchQuota(backend));
            store.write(new ScratchFiles.Owner("user-1", true), ds, new ByteArrayInputStream(new byte[10]));
            redis.kill();
            DavError refused = assertThrows(DavError.class,
                    () -> store.write(new ScratchFiles.Owner("user-1", true), DavPath.parseDecoded("/pages/.DS_Store"), new ByteArrayInputStream(new byte[10])));
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().contains("Redis at 127.0.0.1:" + redis.port() + " does not answer"), refused.getMessage());
            assertNull(store.find("user-1", ds), "a lookup goes on without the shared records");
            assertTrue(Files.notExists(root.resolve("user-1/pages/.DS_Store")), "nothing written uncounted");
            redis.restart();
            // Each pooled connection finds the restarted server on its own: look until one answers, for a while at most.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            ScratchFile found = store.find("user-1", ds);
            while (found == null) {
                if (System.nanoTime() >= deadline) {
                    fail("Redis back from its append-only file, the file is still not found after 15 s, with no restart of the store");
                }
                Thread.sleep(50);
                found = store.find("user-1", ds);
            }
        }
    }

    /** Redis gone after a change took the user's lock: the change is refused, never run on an empty list of the user's files. */
    @Test
    void aChangeWhoseRecordsCannotBeReadAfterTheLockIsRefused() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-25T12:00:00Z"));
        Path root = Files.createTempDirectory("scratch");
        DavPath ds = DavPath.parseDecoded("/posts/.DS_Store");
        try (RedisServer redis = RedisServer.start(); RedisBackend backend = RedisBackend.connect(redis.url(), "test:", "a", Duration.ofSeconds(5))) {
            AtomicBoolean killOnLock = new AtomicBoolean();
            ScratchRecords records = new GoneOnceLocked(new RedisScratchRecords(backend), killOnLock, redis);
            DiskScratchFiles store = DiskScratchFiles.shared(root, 1 << 20, 1 << 20, 1 << 24, Duration.ofHours(1), clock, "a", records,
                    new RedisScratchQuota(backend));
            store.write(new ScratchFiles.Owner("user-1", true), ds, new ByteArrayInputStream(new byte[10]));
            killOnLock.set(true);
            DavError refused = assertThrows(DavError.class, () -> store.delete("user-1", ds), "not a 404 for a file that is there");
            assertEquals(503, refused.status());
            assertTrue(Files.exists(root.resolve("user-1/posts/.DS_Store")), "the file is still there");
        }
    }

    /** The records, where Redis is killed right after the next lock was taken. */
    private record GoneOnceLocked(ScratchRecords records, AtomicBoolean killOnLock, RedisServer redis) implements ScratchRecords {
        @Override
        public Map<String, String> read(String user) {
            return records.read(user);
        }

        @Override
        public Map<String, String> readForChange(String user) {
            return records.readForChange(user);
        }

        @Override
        public void write(String user, Map<String, String> put, Set<String> removed) {
            records.write(user, put, removed);
        }

        @Override
        public <T> T locked(String user, Locked<T> change) throws IOException {
            return records.locked(user, () -> {
                if (killOnLock.getAndSet(false)) {
                    redis.kill();
                }
                return change.run();
            });
        }

        @Override
        public Set<String> users() {
            return records.users();
        }
    }
}
