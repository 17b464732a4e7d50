package org.pressdav.dav.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisSerialWrites;
import org.pressdav.testbed.RedisServer;

/** Write turns shared through a real redis-server: the contract, the other instance told at once, and a holder killed with kill -9. */
class RedisSerialWritesTest extends SerialWritesContract {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static RedisServer redis;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String namespace = "test-" + System.nanoTime() + ":";

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RedisSerialWrites client(long patienceMillis, java.util.function.Consumer<java.util.Collection<String>> forget) {
        RedisBackend backend = RedisBackend.connect(redis.url(), namespace, "test", LEASE);
        opened.add(backend);
        RedisSerialWrites writes = new RedisSerialWrites(backend, Duration.ofMillis(patienceMillis), forget, nanos -> { });
        opened.add(writes);
        return writes;
    }

    @Override
    SerialWrites newWrites(long patienceMillis) {
        return client(patienceMillis, keys -> { });
    }

    @Override
    SerialWrites sameBackend(SerialWrites first, long patienceMillis) {
        return client(patienceMillis, keys -> { });
    }

    @Test
    void anotherInstanceForgetsWhatOneWroteAtOnceAndAtItsNextTurnWhenItMissedTheMessage() throws Exception {
        List<String> forgotten = new CopyOnWriteArrayList<>();
        SerialWrites one = newWrites(5_000);
        SerialWrites other = client(5_000, forgotten::addAll);
        one.await(List.of("posts/12")).close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!forgotten.contains("posts/12") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("posts/12"), forgotten, "told by pub/sub within a second");
        // A client that heard nothing (it started later) still learns at its turn that the object was written.
        List<String> late = new CopyOnWriteArrayList<>();
        SerialWrites third = client(5_000, late::addAll);
        SerialWrites.Mark mark = third.mark();
        try (SerialWrites.Turn turn = third.await(List.of("posts/12", "posts/99"))) {
            assertEquals(List.of("posts/12"), late, "the counter of posts/12 moved; posts/99 was never written");
            assertTrue(third.endedSince(mark, List.of("posts/12")), "so the write looks at its object again");
        }
    }

    @Test
    void aTurnHeldByAProcessKilledWithKill9IsFreeWithinTheLeasePlusOneSecond() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.pressdav.redis.TurnHolder", redis.url(), namespace,
                Long.toString(LEASE.toMillis()), "posts/7").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("held")) {
                // Redisson's log lines come first.
            }
            assertEquals("held", line, "the holder took the turn");
            // Well past one lease: the holder's watchdog renews it while it lives.
            Thread.sleep(LEASE.toMillis() + 1_000);
            SerialWrites waiter = newWrites(100);
            assertEquals(503, org.junit.jupiter.api.Assertions.assertThrows(org.pressdav.dav.DavError.class,
                    () -> waiter.await(List.of("posts/7")).close()).status(), "a live holder keeps its turn past the lease");
            holder.destroyForcibly();
            long killed = System.nanoTime();
            holder.waitFor(5, TimeUnit.SECONDS);
            SerialWrites patient = newWrites(LEASE.toMillis() + 5_000);
            patient.await(List.of("posts/7")).close();
            long freedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.println("turn free " + freedMillis + " ms after kill -9 (lease " + LEASE.toMillis() + " ms)");
            assertTrue(freedMillis <= LEASE.toMillis() + 1_000, "free within the lease plus one second: " + freedMillis + " ms");
        } finally {
            holder.destroyForcibly();
        }
    }
}
