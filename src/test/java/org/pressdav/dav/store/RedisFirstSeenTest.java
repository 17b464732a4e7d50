package org.pressdav.dav.store;

import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.redis.RedisFirstSeen;
import org.pressdav.testbed.RedisClients;

/** The first-seen contract on a real redis-server. */
class RedisFirstSeenTest extends FirstSeenContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Override
    FirstSeen newFirstSeen(Clock clock) {
        return redis.fresh(backend -> new RedisFirstSeen(backend, clock));
    }

    @Override
    FirstSeen secondClientOf(FirstSeen first, Clock clock) {
        return redis.secondClientOf(first, backend -> new RedisFirstSeen(backend, clock));
    }
}
