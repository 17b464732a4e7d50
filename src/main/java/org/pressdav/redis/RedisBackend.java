package org.pressdav.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.pressdav.dav.DavError;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the Redis every instance of a site shares, the names of its keys, and the one
 * rule for a Redis that does not answer: a write is refused (503, saying why), a read goes on
 * without what Redis keeps (and says so in the log), nothing falls back to this instance's memory.
 * A Redis that stops answering (hung, or its host gone) costs one request its timeout; for the
 * second after, calls do not wait for it again but fail at once, so a listing's few reads do not
 * each wait out the timeout. Readiness ({@link #problem}) always asks. A call that fails also drops
 * every copy this instance keeps of what Redis holds ({@link NearCache}): what changed meanwhile
 * elsewhere may not have been heard of.
 */
public final class RedisBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisBackend.class);
    /** How often a read that went on without Redis is logged at most. */
    private static final long QUIET_NANOS = Duration.ofSeconds(10).toNanos();
    /** How long calls fail at once after one found Redis not answering. */
    private static final long FAIL_FAST_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedissonClient redisson;
    private final String where;
    private final String namespace;
    private final String instance;
    private final Duration lease;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    /** Until when (System.nanoTime) calls fail at once, after one found Redis not answering; 0: none did lately. */
    private volatile long failingUntil;
    /** Why that call failed. */
    private volatile RedisException failure;
    private final NearCache nearCache;

    private RedisBackend(RedissonClient redisson, String where, String namespace, String instance, Duration lease) {
        this.redisson = redisson;
        this.where = where;
        this.namespace = namespace;
        this.instance = instance;
        this.lease = lease;
        this.nearCache = new NearCache(redisson, key("changed"));
    }

    /**
     * Connects to {@code url} ({@code redis://[:password@]host:port[/db]}, {@code rediss://} with TLS).
     * {@code namespace} starts every key (one Redis can hold several sites' state); {@code lease} is how
     * long a write turn outlives an instance that died holding it (renewed while it lives).
     */
    public static RedisBackend connect(String url, String namespace, String instance, Duration lease) {
        URI uri = URI.create(url);
        String where = uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        // Few threads: pressdav's requests wait on Redis, they do not need a pool of its own.
        config.setThreads(2);
        config.setNettyThreads(4);
        config.setLockWatchdogTimeout(lease.toMillis());
        SingleServerConfig server = config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + where)
                .setClientName("pressdav-" + instance)
                .setDatabase(database(uri))
                .setConnectTimeout(2_000)
                // A loopback or LAN Redis answers in well under a millisecond: a second is a Redis that does not answer.
                .setTimeout(1_000)
                .setRetryAttempts(0)
                .setPingConnectionInterval(5_000)
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(32);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                server.setUsername(userInfo.substring(0, colon));
            }
            server.setPassword(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        RedissonClient redisson;
        try {
            redisson = Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis at " + where + " does not answer: " + e.getMessage(), e);
        }
        log.info("shared state in Redis at {} (keys {}*), lease of a write turn {} s", where, namespace, lease.toSeconds());
        return new RedisBackend(redisson, where, namespace, instance, lease);
    }

    private static int database(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1).replace("/", ""));
    }

    public RedissonClient redisson() {
        return redisson;
    }

    /** A key of this site: the namespace, then the parts joined by {@code :}. */
    public String key(String... parts) {
        return namespace + String.join(":", parts);
    }

    /** This instance's name (lock owners, messages to the others, metrics). */
    public String instance() {
        return instance;
    }

    /** How long a write turn outlives an instance that died holding it. */
    public Duration lease() {
        return lease;
    }

    /** This instance's copies of what reads ask Redis for again and again, and the news of their changes. */
    NearCache nearCache() {
        return nearCache;
    }

    /** The hash at {@code key} as this instance's copy has it, read (one call) where there is none; null when Redis does not answer. */
    Map<String, String> copyOf(String key) {
        return nearCache.hash(key, () -> read(() -> redisson.<String, String>getMap(key).readAllMap(), null));
    }

    /** Calls made to Redis so far (each one round trip, or one batch of them): the metrics. */
    public long calls() {
        return calls.get();
    }

    /**
     * Runs a call that must reach Redis: what changes or guards something (a write, a lock's check, what a write
     * decides on), whether it reads or writes. Without Redis it is refused with 503, saying why.
     */
    public <T> T write(Supplier<T> call) {
        try {
            return call(call);
        } catch (RedisException e) {
            throw new DavError.Busy(unreachable(e) + "; writes wait until it answers again");
        }
    }

    /** The call, unless a call failed less than a second ago (then that failure again, at once). */
    private <T> T call(Supplier<T> call) {
        RedisException failed = failure;
        if (failed != null && System.nanoTime() - failingUntil < 0) {
            throw failed;
        }
        calls.incrementAndGet();
        try {
            T answer = call.get();
            failure = null;
            return answer;
        } catch (RedisException e) {
            failingUntil = System.nanoTime() + FAIL_FAST_NANOS;
            failure = e;
            nearCache.dropAll();
            throw e;
        }
    }

    /** The same for a call that answers nothing. */
    public void run(Runnable call) {
        write(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs a call a request may go without (what a read shows: names, hidden files, locks to list), even one that
     * writes something of no consequence (the time a value was used): without Redis the request goes on with {@code without}.
     */
    public <T> T read(Supplier<T> call, T without) {
        try {
            return call(call);
        } catch (RedisException e) {
            long now = System.nanoTime();
            long last = lastWarned.get();
            if (now - last >= QUIET_NANOS && lastWarned.compareAndSet(last, now)) {
                log.warn("{}; reads go on without the drive's shared state", unreachable(e));
            }
            return without;
        }
    }

    /** Why Redis cannot be used now (readiness), or null when it answers. */
    public String problem() {
        try {
            redisson.getKeys().count();
            failure = null;
            return null;
        } catch (RedisException e) {
            nearCache.dropAll();
            return unreachable(e);
        }
    }

    private String unreachable(RedisException e) {
        return "Redis at " + where + " does not answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }

    @Override
    public void close() {
        nearCache.close();
        redisson.shutdown();
    }
}
