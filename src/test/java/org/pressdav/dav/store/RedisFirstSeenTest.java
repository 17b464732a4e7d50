package org.pressdav.dav.store;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisFirstSeen;
import org.pressdav.testbed.RedisClients;

/** The first-seen contract on a real redis-server. */
class RedisFirstSeenTest extends FirstSeenContract {
    private static RedisClients redis;
    private final Map<FirstSeen, RedisBackend> backends = new IdentityHashMap<>();

    @BeforeAll
    static void start() {
        redis = RedisClients.start();
    }

    @AfterEach
    void closeClients() {
        redis.closeClients();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    FirstSeen newFirstSeen(Clock clock) {
        RedisBackend backend = redis.fresh();
        FirstSeen store = new RedisFirstSeen(backend, clock);
        backends.put(store, backend);
        return store;
    }

    @Override
    FirstSeen secondClientOf(FirstSeen first, Clock clock) {
        return new RedisFirstSeen(redis.secondClientOf(backends.get(first)), clock);
    }
}
