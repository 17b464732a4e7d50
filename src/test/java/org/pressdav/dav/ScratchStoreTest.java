package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.wordpress.Credentials;

class ScratchStoreTest {
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

    private static DavSession user(String login) {
        return user(login, "pw");
    }

    /** A session of the WordPress user {@code login} (its id from the name), logged in with {@code password}. */
    private static DavSession user(String login, String password) {
        org.pressdav.wordpress.User user = new org.pressdav.wordpress.User(Math.abs(login.hashCode()) + 1L, login, login, null, null, null,
                null, null, null, login, null, null, null, null);
        return new DavSession(null, Credentials.of(login, password), user, null);
    }

    @Test
    void filesRoundTripPerUserAndExpireWhenUntouched(@TempDir Path dir) throws Exception {
        ScratchStore store = new ScratchStore(dir, 1024, Duration.ofHours(1), clock);
        DavPath path = DavPath.parseDecoded("/posts/12-x/._content.html");
        assertTrue(store.write(user("ana"), path, new ByteArrayInputStream(new byte[] {1, 2, 3})));
        ScratchFile file = store.find(user("ana"), path);
        assertNotNull(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.write(out, 1, 2);
        assertEquals(2, out.toByteArray()[0]);
        assertNull(store.find(user("bob"), path), "another user's scratch is their own");
        assertEquals(1, store.list(user("ana"), path.parent()).size());

        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertNull(store.find(user("ana"), path), "expired after an hour untouched");
        assertTrue(store.list(user("ana"), path.parent()).isEmpty());
    }

    @Test
    void aUserCannotKeepMoreThanTheirShareAndNothingHalfWrittenStays(@TempDir Path dir) throws Exception {
        ScratchStore store = new ScratchStore(dir, 100, Duration.ofHours(1), clock);
        DavPath first = DavPath.parseDecoded("/posts/.DS_Store");
        store.write(user("ana"), first, new ByteArrayInputStream(new byte[60]));
        DavPath second = DavPath.parseDecoded("/pages/.DS_Store");
        assertThrows(DavError.InsufficientStorage.class, () -> store.write(user("ana"), second, new ByteArrayInputStream(new byte[60])));
        assertNull(store.find(user("ana"), second));
        assertEquals(60, store.find(user("ana"), first).length());
        assertTrue(store.write(user("bob"), second, new ByteArrayInputStream(new byte[60])), "the share is per user");
        store.write(user("ana"), first, new ByteArrayInputStream(new byte[90]));
        assertEquals(90, store.find(user("ana"), first).length(), "replacing a file counts its new size only");
    }

    @Test
    void parallelWritesNeverTakeAUserPastTheirShareWhateverPasswordTheyUse(@TempDir Path dir) throws Exception {
        ScratchStore store = new ScratchStore(dir, 5 << 20, Duration.ofHours(1), clock);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
        try {
            java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                // The same WordPress user, through eight spellings of a password WordPress would accept.
                DavSession session = user("sam", "pass" + ".".repeat(n));
                writes.add(pool.submit(() -> {
                    try {
                        store.write(session, DavPath.parseDecoded("/posts/._big" + n), new ByteArrayInputStream(new byte[4 << 20]));
                        stored.incrementAndGet();
                    } catch (DavError.InsufficientStorage expected) {
                        // refused: the share is taken
                    }
                    return null;
                }));
            }
            for (var write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, stored.get(), "one 4 MiB file fits a 5 MiB share");
        long onDisk;
        try (var files = java.nio.file.Files.walk(dir)) {
            onDisk = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertEquals(4 << 20, onDisk);
    }
}
