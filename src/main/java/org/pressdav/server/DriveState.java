package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.config.PressdavConfig;
import org.pressdav.dav.lock.DiskLockSystem;
import org.pressdav.dav.lock.StripedSerialWrites;
import org.pressdav.dav.store.DiskScratchFiles;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.InMemoryDeadProperties;
import org.pressdav.dav.store.InMemoryFirstSeen;
import org.pressdav.dav.store.InMemoryFolderNames;
import org.pressdav.dav.store.InMemoryHiddenFiles;
import org.pressdav.ops.Metrics;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisDeadProperties;
import org.pressdav.redis.RedisFirstSeen;
import org.pressdav.redis.RedisFolderNames;
import org.pressdav.redis.RedisHiddenFiles;
import org.pressdav.redis.RedisInstanceName;
import org.pressdav.redis.RedisLockSystem;
import org.pressdav.redis.RedisLoginCounts;
import org.pressdav.redis.RedisOpenUploads;
import org.pressdav.redis.RedisScratchQuota;
import org.pressdav.redis.RedisScratchRecords;
import org.pressdav.redis.RedisSerialWrites;
import org.pressdav.wordpress.OpenUploads;

/**
 * What the drive keeps besides WordPress, and where: the one place that decides between an instance
 * alone (in memory, with locks and users' own files in the data directory) and several instances of
 * a site sharing it all in Redis ({@code --redis-url}), their users' own files on the data directory
 * they share. Either way the drive sees the same stores ({@link DriveStores}) and login throttle.
 */
final class DriveState implements AutoCloseable {
    /** How long a write turn outlives an instance that died holding it; renewed every third of it while it lives. */
    static final Duration LEASE = Duration.ofSeconds(10);
    /** Properties without a WordPress field (Windows' Win32 times) last a day after last use. */
    private static final Duration PROPERTIES_KEPT = Duration.ofHours(24);
    /** A name given to a new folder is kept ten minutes after its last use; a deleted field file hides as long. */
    private static final Duration NAMES_KEPT = Duration.ofMinutes(10);
    /** How long an instance's name outlives it in Redis: one that starts under the name of one killed waits at most as long. */
    private static final Duration NAME_HELD = Duration.ofSeconds(15);
    /** An open upload is findable for an hour, longer than the plugin keeps one nothing is sent to (ten minutes unless set). */
    private static final Duration UPLOADS_KEPT = Duration.ofHours(1);

    private final RedisBackend redis;
    private final RedisInstanceName name;
    private final RedisSerialWrites turns;
    private final DriveStores stores;
    private final LoginThrottle throttle;

    private DriveState(RedisBackend redis, RedisInstanceName name, RedisSerialWrites turns, DriveStores stores,
            LoginThrottle throttle) {
        this.redis = redis;
        this.name = name;
        this.turns = turns;
        this.stores = stores;
        this.throttle = throttle;
    }

    /**
     * The state as the config asks: alone, or on the Redis of {@code --redis-url} under keys that begin with
     * {@code keys} (one prefix a site), whose round trips and write-turn waits {@code metrics} then measures, and whose
     * news of writes elsewhere makes {@code wordpress} forget them.
     */
    static DriveState open(PressdavConfig config, String keys, Clock clock, Ticker ticker, CachingWordPressClient wordpress, Metrics metrics)
            throws IOException {
        Path scratchDir = config.dataDir().resolve("scratch");
        long smallShare = smallShare(config);
        LoginThrottle.Limits limits = LoginThrottle.Limits.STANDARD;
        if (config.redisUrl() == null) {
            return new DriveState(null, null, null, alone(config, config.dataDir(), clock), new LoginThrottle(limits, ticker));
        }
        RedisBackend redis = RedisBackend.connect(config.redisUrl(), keys, config.instanceName(), LEASE);
        RedisInstanceName name;
        try {
            name = RedisInstanceName.take(redis, NAME_HELD);
        } catch (InterruptedException e) {
            redis.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the instance's name", e);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        try {
            return shared(config, clock, wordpress, metrics, redis, name, scratchDir, smallShare, limits);
        } catch (IOException | RuntimeException e) {
            // The name goes at once: the same instance started again does not wait for it to lapse.
            name.close();
            redis.close();
            throw e;
        }
    }

    /** The stores of an instance alone, its locks and scratch files in {@code dir}. */
    static DriveStores alone(PressdavConfig config, Path dir, Clock clock) throws IOException {
        return new DriveStores(
                // Locks outlive a restart: a client that locked a file for ten minutes keeps it for ten minutes.
                DiskLockSystem.open(dir.resolve("locks"), clock),
                new InMemoryDeadProperties(PROPERTIES_KEPT, clock),
                new InMemoryFolderNames(NAMES_KEPT, clock),
                new InMemoryHiddenFiles(NAMES_KEPT, clock),
                new DiskScratchFiles(dir.resolve("scratch"), config.scratchMaxBytes(), smallShare(config), config.scratchTotalMaxBytes(),
                        config.scratchTtl(), clock),
                new InMemoryFirstSeen(clock),
                new StripedSerialWrites(1024, patience(config)),
                clock);
    }

    /** Who may not upload gets 1 MiB: room for a client's ._ and .DS_Store files, not for a store of their own. */
    private static long smallShare(PressdavConfig config) {
        return Math.min(1L << 20, config.scratchMaxBytes());
    }

    private static DriveState shared(PressdavConfig config, Clock clock, CachingWordPressClient wordpress, Metrics metrics, RedisBackend redis,
            RedisInstanceName name, Path scratchDir, long smallShare, LoginThrottle.Limits limits) throws IOException {
        metrics.counter("pressdav.redis.calls", "Calls to Redis: each one round trip (or one batch of commands).", redis::calls);
        Timer waits = metrics.timer("pressdav.write.turn.wait", "How long writes waited for their turn, on this instance and in Redis.");
        RedisSerialWrites turns = new RedisSerialWrites(redis, patience(config), wordpress::forgetWritten,
                nanos -> waits.record(nanos, TimeUnit.NANOSECONDS));
        DriveStores shared = new DriveStores(
                new RedisLockSystem(redis),
                new RedisDeadProperties(redis, PROPERTIES_KEPT, clock),
                new RedisFolderNames(redis, NAMES_KEPT, clock),
                new RedisHiddenFiles(redis, NAMES_KEPT, clock),
                DiskScratchFiles.shared(scratchDir, config.scratchMaxBytes(), smallShare, config.scratchTotalMaxBytes(), config.scratchTtl(), clock,
                        redis.instance(), new RedisScratchRecords(redis), new RedisScratchQuota(redis)),
                new RedisFirstSeen(redis, clock),
                turns,
                clock);
        return new DriveState(redis, name, turns, shared, sharedThrottle(redis, clock));
    }

    /** Failed logins counted by all instances together, in Redis, on the wall clock they share. */
    private static LoginThrottle sharedThrottle(RedisBackend redis, Clock clock) {
        LoginThrottle.Limits limits = LoginThrottle.Limits.STANDARD;
        Ticker wall = LoginThrottle.wallClock(clock);
        return new LoginThrottle(limits, wall, new RedisLoginCounts(redis, limits.memory(), limits.knownFor(), wall));
    }

    /**
     * The one login throttle of several sites, for every site and the root (a login tried on each is counted once for
     * all): this instance's, or with {@code --redis-url} all instances' in Redis under {@code pressdav:}; {@code close}
     * ends its connection.
     */
    record Throttle(LoginThrottle throttle, AutoCloseable connection) implements AutoCloseable {
        static Throttle open(PressdavConfig config, Clock clock, Ticker ticker) {
            if (config.redisUrl() == null) {
                return new Throttle(new LoginThrottle(LoginThrottle.Limits.STANDARD, ticker), () -> { });
            }
            RedisBackend redis = RedisBackend.connect(config.redisUrl(), "pressdav:", config.instanceName(), LEASE);
            return new Throttle(sharedThrottle(redis, clock), redis::close);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /** How long a write waits for its turn before it is refused (503): two of WordPress's longest answers. */
    private static Duration patience(PressdavConfig config) {
        return config.wordpressTimeout().multipliedBy(2);
    }

    DriveStores stores() {
        return stores;
    }

    LoginThrottle loginThrottle() {
        return throttle;
    }

    /**
     * A folder of the data directory that only this instance uses (request bodies waiting for WordPress,
     * Jetty's temporary files): instances sharing one data directory each get their own inside it, so one
     * that starts or stops removes its own leftovers, never another's files in flight.
     */
    static Path ownDir(PressdavConfig config, String name) {
        Path dir = config.dataDir().resolve(name);
        return config.redisUrl() == null ? dir : dir.resolve(config.instanceName());
    }

    /**
     * Where uploads in chunks are kept while open, for the same file sent again to go on with: in Redis, for any
     * instance to find; alone nowhere (an instance that dies takes its uploads with it, and the plugin removes them).
     */
    OpenUploads openUploads() {
        return redis == null ? OpenUploads.NONE : new RedisOpenUploads(redis, UPLOADS_KEPT);
    }

    /** Why the Redis the instances share does not answer now (readiness), or null when it does or there is none. */
    String problem() {
        return redis == null ? null : redis.problem();
    }

    @Override
    public void close() {
        if (redis != null) {
            turns.close();
            name.close();
            redis.close();
        }
    }
}
