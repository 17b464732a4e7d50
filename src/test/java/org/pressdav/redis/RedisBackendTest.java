package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.testbed.RedisServer;

/** The connection's one rule for a Redis that does not answer, on a real redis-server stopped and started again. */
class RedisBackendTest {
    private static RedisServer redis;
    private static RedisBackend backend;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        backend = RedisBackend.connect(redis.url(), "test:", "a", Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisDownRefusesWritesSayingWhyReadsGoOnAndItAllWorksAgainWhenItIsBack() throws InterruptedException {
        backend.run(() -> backend.redisson().getBucket(backend.key("k")).set("before"));
        assertNull(backend.problem());
        redis.kill();
        try {
            DavError refused = assertThrows(DavError.class, () -> backend.run(() -> backend.redisson().getBucket(backend.key("k")).set("lost")));
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().contains("Redis at 127.0.0.1:" + redis.port() + " does not answer"), refused.getMessage());
            assertEquals("without", backend.read(() -> backend.redisson().<String>getBucket(backend.key("k")).get(), "without"));
            assertTrue(backend.problem().startsWith("Redis at 127.0.0.1:"), backend.problem());
        } finally {
            redis.restart();
        }
        // Back, from its append-only file, with no restart of pressdav: the value written before is there, the refused one is not.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (backend.problem() != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNull(backend.problem(), "Redis answers again within 15 s of its restart");
        assertEquals("before", backend.read(() -> backend.redisson().<String>getBucket(backend.key("k")).get(), "without"));
    }

    @Test
    void aHungRedisCostsOneCallItsTimeoutAndTheNextFailAtOnce() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> get = () -> {
            asked.incrementAndGet();
            return backend.redisson().<String>getBucket(backend.key("hung")).get();
        };
        redis.pause();
        try {
            for (int i = 0; i < 20; i++) {
                assertEquals("without", backend.read(get, "without"));
            }
            assertEquals(503, assertThrows(DavError.class, () -> backend.write(get)).status());
            // Without failing at once, each of the 21 calls would wait out the timeout.
            assertTrue(asked.get() <= 2, "Redis was asked " + asked.get() + " times while it hung");
        } finally {
            redis.resume();
        }
        Thread.sleep(1_100);
        assertNull(backend.read(get, "without"), "asked again a second later, and answered (nothing is there)");
    }
}
