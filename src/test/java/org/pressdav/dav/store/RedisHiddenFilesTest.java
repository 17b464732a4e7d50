package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisHiddenFiles;
import org.pressdav.testbed.RedisClients;

/** The hidden-file contract on a real redis-server. */
class RedisHiddenFilesTest extends HiddenFilesContract {
    private static RedisClients redis;
    private final Map<HiddenFiles, RedisBackend> backends = new IdentityHashMap<>();

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
    HiddenFiles newHidden(Clock clock, Duration hideFor) {
        RedisBackend backend = redis.fresh();
        HiddenFiles store = new RedisHiddenFiles(backend, hideFor, clock);
        backends.put(store, backend);
        return store;
    }

    @Override
    HiddenFiles secondClientOf(HiddenFiles first, Clock clock, Duration hideFor) {
        return new RedisHiddenFiles(redis.secondClientOf(backends.get(first)), hideFor, clock);
    }
}
