package org.pressdav.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readiness asks WordPress at most once every five seconds, on a clock the test moves. */
class ReadinessTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<String> problem = new AtomicReference<>();

    private final Readiness<String> readiness = new Readiness<String>(() -> {
        asked.incrementAndGet();
        return problem.get();
    }, Duration.ofSeconds(5), nanos::get);

    @Test
    void aThousandProbesAskWordPressOnceEveryFiveSeconds() {
        for (int i = 0; i < 1000; i++) {
            assertNull(readiness.get());
        }
        assertEquals(1, asked.get());
        nanos.addAndGet(Duration.ofMillis(4999).toNanos());
        problem.set("WordPress cannot be reached");
        assertNull(readiness.get(), "the last answer stands for five seconds");
        assertEquals(1, asked.get());
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        for (int i = 0; i < 1000; i++) {
            assertEquals("WordPress cannot be reached", readiness.get());
        }
        assertEquals(2, asked.get(), "a 'not ready' is kept as long as a 'ready'");
    }

    @Test
    void probesThatArriveWhileWordPressIsAskedShareItsAnswer() throws InterruptedException {
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Readiness<String> slow = new Readiness<String>(() -> {
            asked.incrementAndGet();
            asking.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "WordPress did not answer within 60 s";
        }, Duration.ofSeconds(5), nanos::get);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Thread> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Thread probe = new Thread(() -> answers.add(slow.get()));
            probes.add(probe);
            probe.start();
        }
        asking.await();
        // Every probe is waiting (for WordPress, or for the probe asking it) before WordPress answers.
        while (probes.stream().anyMatch(p -> p.getState() != Thread.State.WAITING && p.getState() != Thread.State.BLOCKED)) {
            Thread.onSpinWait();
        }
        answer.countDown();
        for (Thread probe : probes) {
            probe.join();
        }
        assertEquals(1, asked.get());
        assertEquals(20, answers.size());
        answers.forEach(a -> assertEquals("WordPress did not answer within 60 s", a));
    }
}
