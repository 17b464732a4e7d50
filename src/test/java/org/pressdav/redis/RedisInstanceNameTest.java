package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.testbed.RedisClients;

/**
 * No two instances of a site run under one name (they would share their folders of the data
 * directory): the second is refused, saying who holds the name; a name let go is taken again at
 * once, and the name of an instance that died lapses.
 */
class RedisInstanceNameTest {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Test
    void aSecondInstanceOfOneNameIsRefusedSayingWhoHoldsIt() throws Exception {
        RedisBackend first = redis.fresh();
        try (RedisInstanceName taken = RedisInstanceName.take(first, Duration.ofSeconds(3))) {
            // Waits four seconds for the name to lapse: the first renews it every second meanwhile.
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> RedisInstanceName.take(redis.sameInstanceAs(first), Duration.ofSeconds(3)));
            assertTrue(refused.getMessage().contains("another pressdav runs as instance \"a\"")
                    && refused.getMessage().contains("process " + ProcessHandle.current().pid())
                    && refused.getMessage().contains("--instance-name"), refused.getMessage());
            RedisInstanceName.take(redis.secondClient(first), Duration.ofSeconds(1)).close();
        }
    }

    /** Held for a minute, let go on close: the next instance of the name does not wait that minute (it would, and be refused, if not let go). */
    @Test
    void aNameLetGoIsTakenAgainAtOnce() throws Exception {
        RedisBackend first = redis.fresh();
        RedisInstanceName.take(first, Duration.ofMinutes(1)).close();
        RedisInstanceName.take(redis.sameInstanceAs(first), Duration.ofMinutes(1)).close();
    }

    /** An instance that stops without letting go (its connection gone, as with kill -9) keeps its name only until it lapses. */
    @Test
    void theNameOfAnInstanceThatDiedLapses() throws Exception {
        RedisBackend first = redis.fresh();
        RedisInstanceName.take(first, Duration.ofSeconds(1));
        first.close();
        RedisInstanceName.take(redis.sameInstanceAs(first), Duration.ofSeconds(1)).close();
    }
}
