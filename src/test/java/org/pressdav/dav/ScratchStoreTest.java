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
        return new DavSession(null, Credentials.of(login, "pw"), null, null);
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
        assertThrows(ScratchStore.Full.class, () -> store.write(user("ana"), second, new ByteArrayInputStream(new byte[60])));
        assertNull(store.find(user("ana"), second));
        assertEquals(60, store.find(user("ana"), first).length());
        assertTrue(store.write(user("bob"), second, new ByteArrayInputStream(new byte[60])), "the share is per user");
        store.write(user("ana"), first, new ByteArrayInputStream(new byte[90]));
        assertEquals(90, store.find(user("ana"), first).length(), "replacing a file counts its new size only");
    }
}
