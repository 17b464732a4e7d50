package org.pressdav.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.pressdav.dav.DavError;
import org.pressdav.dav.store.ScratchRecords;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RLock;
import org.redisson.api.RMapAsync;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each user keeps in a data directory several instances share, in Redis: one hash per user
 * (path to line), the set of users, and a lease lock per user that every instance takes around a
 * change of the disk and of the hash. A lookup is one HGETALL; a change is the lock (one call,
 * renewed while the instance lives), an HGETALL, one MULTI writing what changed, and the unlock.
 * Without Redis a lookup finds nothing of the user's (logged) and a change is refused with 503.
 */
public final class RedisScratchRecords implements ScratchRecords {
    private static final Logger log = LoggerFactory.getLogger(RedisScratchRecords.class);
    /** How long a change waits for another instance's change of the same user's files. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final RedisBackend redis;

    public RedisScratchRecords(RedisBackend redis) {
        this.redis = redis;
    }

    @Override
    public Map<String, String> read(String user) {
        return redis.read(() -> redis.redisson().<String, String>getMap(entries(user), StringCodec.INSTANCE).readAllMap(), Map.of());
    }

    @Override
    public Map<String, String> readForChange(String user) {
        return redis.write(() -> redis.redisson().<String, String>getMap(entries(user), StringCodec.INSTANCE).readAllMap());
    }

    @Override
    public void write(String user, Map<String, String> put, Set<String> removed) {
        redis.run(() -> {
            RBatch batch = redis.redisson().createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
            RMapAsync<String, String> map = batch.getMap(entries(user), StringCodec.INSTANCE);
            if (!removed.isEmpty()) {
                map.fastRemoveAsync(removed.toArray(new String[0]));
            }
            if (!put.isEmpty()) {
                map.putAllAsync(put);
            }
            batch.getSet(redis.key("scratch", "users"), StringCodec.INSTANCE).addAsync(user);
            batch.execute();
        });
    }

    @Override
    public <T> T locked(String user, Locked<T> change) throws IOException {
        RLock lock = redis.redisson().getLock(redis.key("scratch", "lock", user));
        boolean taken = redis.write(() -> {
            try {
                return lock.tryLock(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        if (!taken) {
            throw new DavError.Busy("Another change of this user's temporary files took longer than " + LONGEST_WAIT.toSeconds() + " seconds; try again");
        }
        try {
            return change.run();
        } finally {
            // The change itself is done: whatever keeps the lock from being released (Redis gone, the lease run
            // out: IllegalMonitorStateException) is logged, not answered as a failure; the lease frees the lock.
            try {
                redis.read(() -> {
                    lock.unlock();
                    return null;
                }, null);
            } catch (RuntimeException e) {
                log.warn("the lock of {}'s temporary files was not released ({}); its lease frees it", user, e.toString());
            }
        }
    }

    @Override
    public Set<String> users() {
        return redis.read(() -> redis.redisson().<String>getSet(redis.key("scratch", "users"), StringCodec.INSTANCE).readAll(), Set.of());
    }

    private String entries(String user) {
        return redis.key("scratch", "entries", user);
    }
}
