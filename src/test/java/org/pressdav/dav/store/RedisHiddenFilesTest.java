package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.redis.RedisHiddenFiles;
import org.pressdav.testbed.RedisClients;

/** The hidden-file contract on a real redis-server. */
class RedisHiddenFilesTest extends HiddenFilesContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Override
    HiddenFiles newHidden(Clock clock, Duration hideFor) {
        return redis.fresh(backend -> new RedisHiddenFiles(backend, hideFor, clock));
    }

    @Override
    HiddenFiles secondClientOf(HiddenFiles first, Clock clock, Duration hideFor) {
        return redis.secondClientOf(first, backend -> new RedisHiddenFiles(backend, hideFor, clock));
    }
}
