package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.redis.RedisFolderNames;
import org.pressdav.testbed.RedisClients;

/** The folder-name contract on a real redis-server. */
class RedisFolderNamesTest extends FolderNamesContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Override
    FolderNames newNames(Clock clock, Duration ttl) {
        return redis.fresh(backend -> new RedisFolderNames(backend, ttl, clock));
    }

    @Override
    FolderNames secondClientOf(FolderNames first, Clock clock, Duration ttl) {
        return redis.secondClientOf(first, backend -> new RedisFolderNames(backend, ttl, clock));
    }
}
