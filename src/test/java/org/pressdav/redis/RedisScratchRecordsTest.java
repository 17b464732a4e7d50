package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.testbed.RedisClients;

/** The records of users' scratch files in Redis, where only Redis can go wrong. */
class RedisScratchRecordsTest {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Test
    void aChangeDoneWhileItsLockWasLostIsStillDone() throws Exception {
        RedisBackend first = redis.fresh();
        RedisBackend second = redis.secondClient(first);
        RedisScratchRecords records = new RedisScratchRecords(first);
        String done = records.locked("user-1", () -> {
            records.write("user-1", Map.of("/posts/._a", "f 1 2026-11-25T12:00:00Z"), Set.of());
            // As a lease that ran out (the instance stalled past it): the lock is no longer this thread's.
            second.redisson().getLock(second.key("scratch", "lock", "user-1")).forceUnlock();
            return "done";
        });
        assertEquals("done", done, "the unlock that found the lock gone is logged, not a 500 after the change was made");
        assertEquals(Map.of("/posts/._a", "f 1 2026-11-25T12:00:00Z"), records.read("user-1"));
    }
}
