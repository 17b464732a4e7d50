package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisLoginCounts;
import org.pressdav.testbed.RedisServer;
import org.pressdav.wordpress.Credentials;

/** A throttle counting in Redis while Redis does not answer: a known login goes on, an unknown one is refused and never counted nowhere. */
class RedisLoginThrottleDownTest {
    private static final String OFFICE = "198.51.100.7";

    @Test
    void knownCredentialsGoOnAndUnknownOnesAreRefusedWith503() {
        AtomicLong nanos = new AtomicLong(1_000);
        try (RedisServer redis = RedisServer.start();
                RedisBackend backend = RedisBackend.connect(redis.url(), "test:", "a", Duration.ofSeconds(5))) {
            LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.STANDARD, nanos::get,
                    new RedisLoginCounts(backend, LoginThrottle.Limits.STANDARD.memory(), LoginThrottle.Limits.STANDARD.knownFor(), nanos::get));
            Credentials known = Credentials.of("admin", "right-password");
            assertEquals(Duration.ZERO, throttle.admit(OFFICE, known));
            throttle.succeeded(OFFICE, known);
            Credentials unknown = Credentials.of("editor", "a-guess");
            redis.kill();
            assertEquals(Duration.ZERO, throttle.admit(OFFICE, known), "a mount WordPress accepted goes on");
            DavError refused = assertThrows(DavError.class, () -> throttle.admit(OFFICE, unknown));
            assertEquals(503, refused.status());
            assertTrue(refused.getMessage().startsWith("Logins cannot be checked now: failed logins are counted in Redis, and Redis at 127.0.0.1:"),
                    refused.getMessage());
            throttle.failed(OFFICE, unknown); // WordPress answered a try let through before: no error, the request is answered
            throttle.succeeded(OFFICE, Credentials.of("author", "pw"));
        }
    }
}
