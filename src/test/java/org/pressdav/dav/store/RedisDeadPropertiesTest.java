package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisDeadProperties;
import org.pressdav.testbed.RedisClients;

/** The dead-property contract on a real redis-server. */
class RedisDeadPropertiesTest extends DeadPropertyStoreContract {
    private static RedisClients redis;
    private final Map<DeadPropertyStore, RedisBackend> backends = new IdentityHashMap<>();

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
    DeadPropertyStore newStore(Clock clock, Duration ttl) {
        RedisBackend backend = redis.fresh();
        DeadPropertyStore store = new RedisDeadProperties(backend, ttl, clock);
        backends.put(store, backend);
        return store;
    }

    @Override
    DeadPropertyStore secondClientOf(DeadPropertyStore first, Clock clock, Duration ttl) {
        return new RedisDeadProperties(redis.secondClientOf(backends.get(first)), ttl, clock);
    }
}
