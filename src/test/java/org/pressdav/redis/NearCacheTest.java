package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.dav.DavPath;
import org.pressdav.testbed.Await;
import org.pressdav.testbed.RedisClients;

/**
 * This instance's copies of what Redis holds, on a real redis-server: a warm read asks Redis nothing; a read that
 * raced a change keeps no copy, whether the change was made here or its news came from another instance while the
 * read was on its way; a failed call, and a new subscription after Redis came back, drop every copy (news may have been
 * lost meanwhile); what a write decides on is Redis's latest, not the copy.
 */
class NearCacheTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final DavPath TITLE = DavPath.parseDecoded("/posts/12-x/title.txt");

    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    /** A read of the folder's hidden files as the stores make it, counted. */
    private static Supplier<Map<String, String>> counted(RedisBackend backend, String key, AtomicInteger reads, Runnable meanwhile) {
        return () -> {
            reads.incrementAndGet();
            Map<String, String> read = backend.redisson().<String, String>getMap(key).readAllMap();
            meanwhile.run();
            return read;
        };
    }

    @Test
    void aWarmReadAsksRedisNothing() {
        RedisBackend backend = redis.fresh();
        RedisHiddenFiles hidden = new RedisHiddenFiles(backend, Duration.ofMinutes(10), CLOCK);
        hidden.hide("user-1", TITLE);
        assertTrue(hidden.isHiddenForRead("user-1", TITLE));
        long calls = backend.calls();
        assertTrue(hidden.isHiddenForRead("user-1", TITLE));
        assertEquals(Set.of("title.txt"), hidden.hiddenInForRead("user-1", TITLE.parent()));
        assertEquals(calls, backend.calls(), "no call to Redis");
    }

    @Test
    void aReadThatRacedAChangeMadeHereKeepsNoCopy() {
        RedisBackend backend = redis.fresh();
        NearCache copies = backend.nearCache();
        String key = backend.key("k");
        AtomicInteger reads = new AtomicInteger();
        assertEquals(Map.of(), copies.hash(key, counted(backend, key, reads, () -> copies.changed(key))), "the read answers its own request");
        copies.hash(key, counted(backend, key, reads, () -> { }));
        assertEquals(2, reads.get(), "what the raced read found was not kept");
        copies.hash(key, counted(backend, key, reads, () -> { }));
        assertEquals(2, reads.get(), "a read that raced nothing is kept");
    }

    @Test
    void aReadThatRacedTheNewsOfAChangeElsewhereKeepsNoCopy() {
        RedisBackend backend = redis.fresh();
        RedisBackend other = redis.secondClient(backend);
        RedisHiddenFiles elsewhere = new RedisHiddenFiles(other, Duration.ofMinutes(10), CLOCK);
        NearCache copies = backend.nearCache();
        String key = backend.key("hidden", "user-1", TITLE.parent().encoded());
        AtomicInteger reads = new AtomicInteger();
        long heard = copies.newsHeard();
        // The read finds the hash before the other instance's change, whose news arrives before the read is done.
        Map<String, String> raced = copies.hash(key, counted(backend, key, reads, () -> {
            elsewhere.hide("user-1", TITLE);
            Await.within(Duration.ofSeconds(5), () -> copies.newsHeard() > heard, "the news of the change elsewhere");
        }));
        assertEquals(Map.of(), raced);
        Map<String, String> after = copies.hash(key, counted(backend, key, reads, () -> { }));
        assertEquals(2, reads.get(), "what the raced read found was not kept");
        assertEquals(Set.of("title.txt"), after.keySet());
    }

    @Test
    void aFailedCallDropsEveryCopy() {
        RedisBackend backend = redis.fresh();
        NearCache copies = backend.nearCache();
        String key = backend.key("k");
        AtomicInteger reads = new AtomicInteger();
        copies.hash(key, counted(backend, key, reads, () -> { }));
        redis.server().pause();
        try {
            assertEquals("without", backend.read(() -> backend.redisson().getBucket(backend.key("other")).get(), "without"));
        } finally {
            redis.server().resume();
        }
        copies.hash(key, counted(backend, key, reads, () -> { }));
        assertEquals(2, reads.get(), "the copy was dropped when Redis did not answer (its news may have been lost)");
    }

    @Test
    void aNewSubscriptionAfterRedisCameBackDropsEveryCopy() {
        RedisBackend backend = redis.fresh();
        NearCache copies = backend.nearCache();
        String key = backend.key("k");
        AtomicInteger reads = new AtomicInteger();
        copies.hash(key, counted(backend, key, reads, () -> { }));
        RedisBackend other = redis.secondClient(backend);
        redis.server().kill();
        redis.restartFor(other);
        // Changed while this instance was not subscribed: no news of it will come.
        other.redisson().getMap(key).put("new", "field");
        long deadline = System.nanoTime() + NearCache.KEPT.dividedBy(2).toNanos();
        while (reads.get() == 1 && System.nanoTime() < deadline) {
            copies.hash(key, counted(backend, key, reads, () -> { }));
        }
        assertEquals(2, reads.get(), "the copy was dropped when the subscription started again, well before copies expire");
    }

    @Test
    void whatAWriteDecidesOnIsRedisLatestEvenWhenTheNewsWasLost() {
        RedisBackend backend = redis.fresh();
        RedisHiddenFiles hidden = new RedisHiddenFiles(backend, Duration.ofMinutes(10), CLOCK);
        assertEquals(Set.of(), hidden.hiddenInForRead("user-1", TITLE.parent()));
        // Another instance's change whose news never came (written past the stores, as a lost message would leave it).
        redis.secondClient(backend).redisson().getMap(backend.key("hidden", "user-1", TITLE.parent().encoded()))
                .put(TITLE.name(), TimedHash.stamped(CLOCK.instant(), "H"));
        assertEquals(Set.of(), hidden.hiddenInForRead("user-1", TITLE.parent()), "a read shows the copy (until it is dropped)");
        assertTrue(hidden.isHidden("user-1", TITLE), "what a write decides on is read from Redis");
        assertEquals(Set.of("title.txt"), hidden.hiddenIn("user-1", TITLE.parent()));
    }

}
