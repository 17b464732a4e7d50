package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.testbed.RedisClients;

/**
 * The stores while Redis does not answer: every write, and the lock check that guards one, is
 * refused with 503 saying why (never done in this instance's memory alone); reads go on without
 * what Redis keeps; when Redis is back from its append-only file, all is there again, with no new connection.
 */
class StoresWithoutRedisTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final QName WIN32 = new QName("urn:schemas-microsoft-com:", "Win32LastModifiedTime");
    private static final ResourceKey FILE = ResourceKey.ROOT.child("posts").child("#posts/12").child("content.html");
    private static final DavPath PATH = DavPath.parseDecoded("/posts/12-x/content.html");

    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Test
    void withoutRedisWritesAre503AndReadsGoOnWithoutAndWhenItIsBackAllIsThere() {
        RedisBackend backend = redis.fresh();
        RedisLockSystem locks = new RedisLockSystem(backend);
        RedisDeadProperties properties = new RedisDeadProperties(backend, Duration.ofHours(24), CLOCK);
        RedisHiddenFiles hidden = new RedisHiddenFiles(backend, Duration.ofMinutes(10), CLOCK);
        RedisFolderNames names = new RedisFolderNames(backend, Duration.ofMinutes(10), CLOCK);
        RedisFirstSeen firstSeen = new RedisFirstSeen(backend, Clock.offset(CLOCK, Duration.ofHours(-1)));
        LockSystem.Lock lock = locks.create(NOW, FILE, PATH, true, false, null, "user-1", Duration.ofMinutes(10));
        assertNull(properties.replace("user-1", FILE, Map.of(WIN32, "kept")));
        hidden.hide("user-1", PATH);
        names.put("user-1", "posts", "untitled folder", 12);
        Instant seen = firstSeen.of("tags", 4);
        RedisOpenUploads uploads = new RedisOpenUploads(backend, Duration.ofHours(1));
        uploads.opened("upload-1", "0123456789abcdef0123456789abcdef");

        redis.server().kill();
        try {
            refused(() -> locks.create(NOW, FILE.parent(), PATH.parent(), true, true, null, "user-2", Duration.ofMinutes(10)));
            refused(() -> locks.confirm(NOW, "user-2", Set.of(), FILE, false));
            refused(() -> properties.replace("user-1", FILE, Map.of(WIN32, "lost")));
            refused(() -> hidden.hide("user-1", PATH.parent().child("title.txt")));
            refused(() -> names.put("user-1", "posts", "lost", 13));
            refused(() -> uploads.opened("upload-2", "fedcba9876543210fedcba9876543210"));
            assertEquals(Map.of(), locks.on(NOW, List.of(FILE)));
            assertEquals(Map.of(), properties.of("user-1", List.of(FILE)));
            assertEquals(Set.of(), hidden.hiddenIn("user-1", PATH.parent()));
            assertEquals(Map.of(), names.names("user-1", "posts"));
            assertEquals(Optional.empty(), uploads.find("upload-1"), "an upload not found starts over");
        } finally {
            redis.restartFor(backend);
        }
        assertEquals(Map.of(FILE, List.of(lock)), locks.on(NOW, List.of(FILE)));
        assertEquals(Map.of(FILE, Map.of(WIN32, "kept")), properties.of("user-1", List.of(FILE)));
        assertEquals(Set.of(PATH.name()), hidden.hiddenIn("user-1", PATH.parent()));
        assertEquals(Map.of(12L, "untitled folder"), names.names("user-1", "posts"));
        assertEquals(seen, new RedisFirstSeen(backend, CLOCK).of("tags", 4), "the date seen before, not now");
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), uploads.find("upload-1"));
        uploads.ended("upload-1", "fedcba9876543210fedcba9876543210");
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), uploads.find("upload-1"), "another upload's end leaves it");
        uploads.ended("upload-1", "0123456789abcdef0123456789abcdef");
        assertEquals(Optional.empty(), uploads.find("upload-1"), "an upload ended is not found");
    }

    private static void refused(Executable write) {
        DavError refused = assertThrows(DavError.class, write);
        assertEquals(503, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("Redis at 127.0.0.1:" + redis.server().port() + " does not answer"), refused.getMessage());
    }
}
