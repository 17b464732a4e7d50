package org.pressdav.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's name, held in Redis while the instance runs, so that no two instances of a site
 * run under one name: the name is their own folders of the data directory they share
 * ({@code incoming/<name>}, {@code tmp/<name>}, which an instance empties when it starts) and the
 * label of their metrics. {@code instances:<name>} holds a mark of this run for {@code held},
 * renewed every third of it; an instance that starts while its name is held waits for it to lapse
 * (one killed a moment ago frees it within {@code held}), then refuses to start, saying who holds it.
 */
public final class RedisInstanceName implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisInstanceName.class);
    /** KEYS[1] the name's key; ARGV this run's mark, the milliseconds it is held. 1: held by this run now; 0: by another. */
    private static final RedisScript HOLD = new RedisScript("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """);
    /** KEYS[1] the name's key; ARGV this run's mark: let go only if it is still this run's. */
    private static final RedisScript LET_GO = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisBackend redis;
    private final String mark;
    private final Duration held;
    private final ScheduledExecutorService renewer;
    private final AtomicBoolean toldLost = new AtomicBoolean();

    private RedisInstanceName(RedisBackend redis, String mark, Duration held) {
        this.redis = redis;
        this.mark = mark;
        this.held = held;
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pressdav-instance-name");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes this instance's name for as long as it runs, waiting at most {@code held} and a second for an earlier
     * holder's mark to lapse; refuses (with who holds it) when another instance keeps it.
     */
    public static RedisInstanceName take(RedisBackend redis, Duration held) throws InterruptedException {
        String mark = "process " + ProcessHandle.current().pid() + " started " + java.time.Instant.now() + " (run " + UUID.randomUUID() + ")";
        RedisInstanceName name = new RedisInstanceName(redis, mark, held);
        long deadline = System.nanoTime() + held.plusSeconds(1).toNanos();
        for (boolean told = false; !name.hold(); told = true) {
            String holder = redis.write(() -> redis.redisson().<String>getBucket(name.key()).get());
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("another pressdav runs as instance \"" + redis.instance() + "\" on this Redis: " + holder
                        + "; give each instance its own --instance-name (it names its folders of the shared data directory)");
            }
            if (!told) {
                log.info("the instance name \"{}\" is held by {}: waiting up to {} s for it to lapse (an instance killed a moment ago)",
                        redis.instance(), holder, held.plusSeconds(1).toSeconds());
            }
            Thread.sleep(250);
        }
        long every = Math.max(1, held.toMillis() / 3);
        name.renewer.scheduleWithFixedDelay(name::renew, every, every, TimeUnit.MILLISECONDS);
        return name;
    }

    private boolean hold() {
        return redis.write(() -> HOLD.number(redis, key(), List.of(mark, Long.toString(held.toMillis())))) == 1;
    }

    /** Held again; a Redis that does not answer now is tried again at the next turn, a name another run took is told once. */
    private void renew() {
        long holding = redis.read(() -> HOLD.number(redis, key(), List.of(mark, Long.toString(held.toMillis()))), 1L);
        if (holding == 0 && toldLost.compareAndSet(false, true)) {
            log.error("another pressdav took the instance name \"{}\" while this one did not renew it (paused longer than {} s?): "
                    + "two instances now share its folders of the data directory", redis.instance(), held.toSeconds());
        }
    }

    private String key() {
        return redis.key("instances", redis.instance());
    }

    /** Lets the name go at once, for the next instance of this name to start without waiting. */
    @Override
    public void close() {
        renewer.shutdownNow();
        redis.read(() -> LET_GO.number(redis, key(), List.of(mark)), 0L);
    }
}
