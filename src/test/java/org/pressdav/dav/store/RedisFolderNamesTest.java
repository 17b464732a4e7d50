package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisFolderNames;
import org.pressdav.testbed.RedisClients;

/** The folder-name contract on a real redis-server. */
class RedisFolderNamesTest extends FolderNamesContract {
    private static RedisClients redis;
    private final Map<FolderNames, RedisBackend> backends = new IdentityHashMap<>();

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
    FolderNames newNames(Clock clock, Duration ttl) {
        RedisBackend backend = redis.fresh();
        FolderNames store = new RedisFolderNames(backend, ttl, clock);
        backends.put(store, backend);
        return store;
    }

    @Override
    FolderNames secondClientOf(FolderNames first, Clock clock, Duration ttl) {
        return new RedisFolderNames(redis.secondClientOf(backends.get(first)), ttl, clock);
    }
}
