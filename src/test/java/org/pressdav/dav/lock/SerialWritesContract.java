package org.pressdav.dav.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;

/** What every {@link SerialWrites} must do; a backend's test extends this. */
abstract class SerialWritesContract {
    /** Turns that a waiting writer gives up on after about {@code patienceMillis} (503). */
    abstract SerialWrites newWrites(long patienceMillis);

    /** Another client of the backend {@code first} uses (another instance of pressdav); in one process, the same. */
    SerialWrites sameBackend(SerialWrites first, long patienceMillis) {
        return first;
    }

    @Test
    void writesOfOneObjectTakeTurnsAndOthersRunAlongside() throws Exception {
        SerialWrites writes = newWrites(10_000);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> {
                    try (SerialWrites.Turn turn = writes.await(List.of("posts/12"))) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inside.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, most.get(), "never two writes of one object at once");
    }

    @Test
    void twoObjectsTakenInEitherOrderNeverDeadlock() throws Exception {
        SerialWrites writes = newWrites(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                List<String> keys = i % 2 == 0 ? List.of("posts/1", "posts/2") : List.of("posts/2", "posts/1");
                all.add(pool.submit(() -> {
                    try (SerialWrites.Turn turn = writes.await(keys)) {
                        return null;
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aWriteThatWaitsTooLongIsToldToTryAgain() throws Exception {
        SerialWrites writes = newWrites(100);
        try (SerialWrites.Turn held = writes.await(List.of("posts/12"))) {
            Future<?> waiting = Executors.newSingleThreadExecutor().submit(() -> writes.await(List.of("posts/12")).close());
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class, waiting::get);
            assertEquals(503, ((DavError) e.getCause()).status());
        }
        writes.await(List.of("posts/12")).close();
    }

    @Test
    void twoClientsOfOneBackendTakeTurnsAndSeeEachOthersWrites() throws Exception {
        // Both clients give up after 200 ms (in one process they are one).
        SerialWrites one = newWrites(200);
        SerialWrites other = sameBackend(one, 200);
        SerialWrites.Mark before = other.mark();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            try (SerialWrites.Turn held = one.await(List.of("posts/12"))) {
                java.util.concurrent.ExecutionException refused = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> pool.submit(() -> other.await(List.of("posts/12")).close()).get());
                assertEquals(503, ((DavError) refused.getCause()).status(), "the other client waits for the turn the first holds");
            }
            pool.submit(() -> {
                try (SerialWrites.Turn turn = other.await(List.of("posts/12"))) {
                    org.junit.jupiter.api.Assertions.assertTrue(other.endedSince(before, List.of("posts/12")),
                            "a write of the object through the first client ended since the second's mark");
                }
                return null;
            }).get();
        } finally {
            pool.shutdown();
        }
    }
}
