package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisLoginCounts;
import org.pressdav.testbed.RedisClients;
import org.pressdav.wordpress.Credentials;

/**
 * The login throttle's rules counting in a real redis-server, and what only a shared count can
 * show: two instances (two connections) counting one guesser's tries together.
 */
class RedisLoginThrottleTest extends LoginThrottleContract {
    private static final String GUESSER = "203.0.113.9";
    @RegisterExtension
    static final RedisClients redis = new RedisClients();
    private RedisBackend first;
    private RedisBackend second;

    /** This test's first instance's connection (made on first use: the contract makes its throttle before any @BeforeEach here). */
    private RedisBackend first() {
        if (first == null) {
            first = redis.fresh();
            second = redis.secondClient(first);
        }
        return first;
    }

    private RedisBackend second() {
        first();
        return second;
    }

    @Override
    LoginThrottle newThrottle(LoginThrottle.Limits limits, Ticker ticker) {
        return on(first(), limits, ticker);
    }

    private static LoginThrottle on(RedisBackend backend, LoginThrottle.Limits limits, Ticker ticker) {
        return new LoginThrottle(limits, ticker, new RedisLoginCounts(backend, limits.memory(), limits.knownFor(), ticker));
    }

    @Test
    void failuresThroughTwoInstancesAddUpToOnePairsTenTries() {
        AtomicLong nanos = new AtomicLong(1_000);
        LoginThrottle a = on(first(), LoginThrottle.Limits.STANDARD, nanos::get);
        LoginThrottle b = on(second(), LoginThrottle.Limits.STANDARD, nanos::get);
        for (int i = 0; i < 10; i++) {
            LoginThrottle through = i % 2 == 0 ? a : b;
            Credentials guess = Credentials.of("admin", "two-instances-" + i);
            assertEquals(Duration.ZERO, through.admit(GUESSER, guess), "try " + (i + 1));
            through.failed(GUESSER, guess);
        }
        assertEquals(Duration.ofMinutes(1), a.admit(GUESSER, Credentials.of("admin", "eleventh")), "10 tries in all, not 10 per instance");
        assertEquals(Duration.ofMinutes(1), b.admit(GUESSER, Credentials.of("admin", "eleventh")));
    }

    @Test
    void aMountAcceptedThroughOneInstanceIsNotThrottledThroughAnotherByAGuesserAtItsAddress() {
        AtomicLong nanos = new AtomicLong(1_000);
        LoginThrottle a = on(first(), LoginThrottle.Limits.STANDARD, nanos::get);
        LoginThrottle b = on(second(), LoginThrottle.Limits.STANDARD, nanos::get);
        String office = "198.51.100.7";
        Credentials mount = Credentials.of("admin", "right-password");
        assertEquals(Duration.ZERO, a.admit(office, mount));
        a.succeeded(office, mount);
        for (int i = 0; i < 10; i++) {
            LoginThrottle through = i % 2 == 0 ? a : b;
            Credentials guess = Credentials.of("admin", "office-guess-" + i);
            assertEquals(Duration.ZERO, through.admit(office, guess), "try " + (i + 1));
            through.failed(office, guess);
        }
        assertNotEquals(Duration.ZERO, b.admit(office, Credentials.of("admin", "eleventh")), "the guesser waits");
        assertEquals(Duration.ZERO, b.admit(office, mount), "the mount's request the balancer sent to the other instance goes on");
        b.succeeded(office, mount);
        assertNotEquals(Duration.ZERO, a.admit(office, Credentials.of("admin", "twelfth")), "its use gives the guesser no new tries");
    }

    @Test
    void guessesSentAtOnceThroughTwoInstancesCannotPassTheLimitTogether() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000);
        LoginThrottle a = on(first(), LoginThrottle.Limits.STANDARD, nanos::get);
        LoginThrottle b = on(second(), LoginThrottle.Limits.STANDARD, nanos::get);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle through = i % 2 == 0 ? a : b;
                Credentials guess = Credentials.of("editor", "at-once-" + i);
                tries.add(pool.submit(() -> through.admit("192.0.2.77", guess).isZero()));
            }
            int letThrough = 0;
            for (Future<Boolean> admitted : tries) {
                letThrough += admitted.get() ? 1 : 0;
            }
            assertEquals(10, letThrough, "each try is counted atomically whichever instance lets it through");
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(Duration.ZERO, b.admit("192.0.2.77", Credentials.of("editor", "one-more")));
    }
}
