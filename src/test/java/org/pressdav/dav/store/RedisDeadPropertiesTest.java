package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.redis.RedisDeadProperties;
import org.pressdav.testbed.RedisClients;

/** The dead-property contract on a real redis-server. */
class RedisDeadPropertiesTest extends DeadPropertyStoreContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Override
    DeadPropertyStore newStore(Clock clock, Duration ttl) {
        return redis.fresh(backend -> new RedisDeadProperties(backend, ttl, clock));
    }

    @Override
    DeadPropertyStore secondClientOf(DeadPropertyStore first, Clock clock, Duration ttl) {
        return redis.secondClientOf(first, backend -> new RedisDeadProperties(backend, ttl, clock));
    }
}
