package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
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

    /** One hash of a fresh namespace, as copied by its instance, and how many times it was read from Redis. */
    private static final class Copied {
        final RedisBackend backend = redis.fresh();
        final NearCache copies = backend.nearCache();
        final String key;
        int reads;

        Copied(String... key) {
            this.key = backend.key(key);
        }

        /** The hash, from the copy or read now as the stores read it, {@code meanwhile} run after the read and before it is done. */
        Map<String, String> hash(Runnable meanwhile) {
            return copies.hash(key, () -> {
                reads++;
                Map<String, String> read = backend.redisson().<String, String>getMap(key).readAllMap();
                meanwhile.run();
                return read;
            });
        }

        Map<String, String> hash() {
            return hash(() -> { });
        }
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
        Copied copied = new Copied("k");
        assertEquals(Map.of(), copied.hash(() -> copied.copies.changed(copied.key)), "the read answers its own request");
        copied.hash();
        assertEquals(2, copied.reads, "what the raced read found was not kept");
        copied.hash();
        assertEquals(2, copied.reads, "a read that raced nothing is kept");
    }

    @Test
    void aReadThatRacedTheNewsOfAChangeElsewhereKeepsNoCopy() {
        Copied copied = new Copied("hidden", "user-1", TITLE.parent().encoded());
        RedisHiddenFiles elsewhere = new RedisHiddenFiles(redis.secondClient(copied.backend), Duration.ofMinutes(10), CLOCK);
        long heard = copied.copies.newsHeard();
        // The read finds the hash before the other instance's change, whose news arrives before the read is done.
        Map<String, String> raced = copied.hash(() -> {
            elsewhere.hide("user-1", TITLE);
            Await.within(Duration.ofSeconds(5), () -> copied.copies.newsHeard() > heard, "the news of the change elsewhere");
        });
        assertEquals(Map.of(), raced);
        Map<String, String> after = copied.hash();
        assertEquals(2, copied.reads, "what the raced read found was not kept");
        assertEquals(Set.of("title.txt"), after.keySet());
    }

    @Test
    void aFailedCallDropsEveryCopy() {
        Copied copied = new Copied("k");
        copied.hash();
        redis.server().pause();
        try {
            assertEquals("without", copied.backend.read(() -> copied.backend.redisson().getBucket(copied.backend.key("other")).get(), "without"));
        } finally {
            redis.server().resume();
        }
        copied.hash();
        assertEquals(2, copied.reads, "the copy was dropped when Redis did not answer (its news may have been lost)");
    }

    @Test
    void aNewSubscriptionAfterRedisCameBackDropsEveryCopy() {
        Copied copied = new Copied("k");
        copied.hash();
        RedisBackend other = redis.secondClient(copied.backend);
        redis.server().kill();
        redis.restartFor(other);
        // Changed while this instance was not subscribed: no news of it will come.
        other.redisson().getMap(copied.key).put("new", "field");
        Await.within(NearCache.KEPT.dividedBy(2), () -> copied.hash().containsKey("new"),
                "the copy dropped when the subscription started again, well before copies expire");
        assertEquals(2, copied.reads);
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
