package org.pressdav.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.pressdav.dav.DavError;
import org.pressdav.dav.lock.SerialWrites;
import org.pressdav.dav.lock.StripedSerialWrites;
import org.redisson.api.RLock;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write turns shared by every instance of a site. A write takes this instance's turn on its objects
 * first (so a crowd on one instance waits in this process, in order), then a lease lock per object
 * in Redis, keys in sorted order so two instances never deadlock. A lease outlives an instance that
 * dies holding it by at most {@link RedisBackend#lease()}; Redisson renews it while the instance lives.
 *
 * <p>Each object has a write counter in Redis, moved when a turn on it is taken and again when it
 * ends (so a write whose end could not be told still shows). Taking the turn reads the counters: an
 * object whose counter moved since this instance last knew it (or whose counter this instance knew
 * and Redis no longer has) was written elsewhere, so this instance's cached copy is forgotten
 * ({@code forget}) and the write looks at its target again ({@link #endedSince}) before it checks
 * {@code If-Match} and the like. Ending the turn tells the other instances (pub/sub), which forget
 * the objects at once; with pub/sub lost, the counters still make the next write of the object see
 * it, and the change feed makes reads see it within its poll. A counter lives a day after its last
 * write, longer than anything stays cached; users' own files are never cached, so their turns keep
 * no counter and tell nobody.
 */
public final class RedisSerialWrites implements SerialWrites, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisSerialWrites.class);
    /** Moves the counters KEYS[i] (each kept ARGV[1] ms from now) and answers what each was before (false where none was). */
    private static final String TAKE_TURN = """
            local before = {}
            for i = 1, #KEYS do
              before[i] = redis.call('GET', KEYS[i])
              redis.call('INCR', KEYS[i])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
            end
            return before
            """;
    /** Moves the counters KEYS[2..] again, answers their values, and tells the others (channel KEYS[1], message ARGV[2]). */
    private static final String END_TURN = """
            local counts = {}
            for i = 2, #KEYS do
              counts[#counts + 1] = redis.call('INCR', KEYS[i])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
            end
            redis.call('PUBLISH', KEYS[1], ARGV[2])
            return counts
            """;
    /** How long a counter outlives its object's last write: longer than anything stays cached (--feed-cache-ttl, 1 h). */
    private static final long COUNTER_KEPT_MILLIS = java.time.Duration.ofDays(1).toMillis();

    private final RedisBackend backend;
    private final StripedSerialWrites here;
    private final Duration patience;
    private final Consumer<Collection<String>> forget;
    /** This process among the instances: messages it sent itself are not news to it. */
    private final String origin = UUID.randomUUID().toString();
    private final RTopic topic;
    private final int listener;
    /** Writes learned of from elsewhere, in the same buckets of keys as {@link StripedSerialWrites}' marks. */
    private final AtomicLongArray learned = new AtomicLongArray(64);
    /** The counter of each object as this instance last knew it. */
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(200_000).build();
    private final LongConsumer waited;

    private record Marks(Mark here, long[] learned) implements Mark {
    }

    /**
     * {@code patience}: how long a write waits for its turn, here and in Redis together, before it is
     * refused (503); {@code forget}: drops this instance's cached copies of objects written elsewhere;
     * {@code waited}: told how long each write waited for its turn, in nanoseconds (the metrics).
     */
    public RedisSerialWrites(RedisBackend backend, Duration patience, Consumer<Collection<String>> forget, LongConsumer waited) {
        this.backend = backend;
        this.here = new StripedSerialWrites(1024, patience);
        this.patience = patience;
        this.forget = forget;
        this.waited = waited;
        this.topic = backend.redisson().getTopic(backend.key("written"));
        this.listener = topic.addListener(String.class, (channel, message) -> heard(message));
    }

    @Override
    public Turn await(Collection<String> objectKeys) {
        List<String> keys = objectKeys.stream().filter(Objects::nonNull).distinct().sorted().toList();
        long start = System.nanoTime();
        Turn local = here.await(keys);
        List<RLock> held = new ArrayList<>();
        try {
            long deadline = start + patience.toNanos();
            for (String key : keys) {
                RLock lock = backend.redisson().getLock(backend.key("turn", key));
                if (!backend.write(() -> tryLock(lock, deadline - System.nanoTime()))) {
                    throw new DavError.Busy("Another save of this object is still running (on another instance); try again");
                }
                held.add(lock);
            }
            List<String> counted = keys.stream().filter(RedisSerialWrites::cached).toList();
            List<String> moved = counted.isEmpty() ? List.of() : backend.write(() -> takeCounters(counted));
            if (!moved.isEmpty()) {
                learn(moved);
            }
        } catch (RuntimeException e) {
            release(held);
            local.close();
            throw e;
        }
        waited.accept(System.nanoTime() - start);
        List<String> told = keys.stream().filter(RedisSerialWrites::cached).toList();
        return () -> {
            try {
                if (!told.isEmpty()) {
                    endTurn(told);
                }
            } finally {
                release(held);
                local.close();
            }
        };
    }

    private static boolean tryLock(RLock lock, long nanos) {
        try {
            return lock.tryLock(Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos)), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DavError.Busy("pressdav is stopping");
        }
    }

    /** Whether anything of the object can be cached: everything but a user's own files ({@code path:user-1:/…}). */
    private static boolean cached(String key) {
        return !key.startsWith("path:") || key.startsWith("path:/");
    }

    private String counterOf(String key) {
        return backend.key("writes", key);
    }

    /**
     * Moves the objects' counters (one round trip) and answers those that had moved since this instance last
     * knew them, or that Redis no longer has while this instance knew them; remembers the new values.
     */
    private List<String> takeCounters(List<String> keys) {
        List<Object> counterKeys = new ArrayList<>(keys.stream().map(this::counterOf).toList());
        List<Object> before = backend.redisson().getScript().eval(RScript.Mode.READ_WRITE, TAKE_TURN, RScript.ReturnType.LIST,
                counterKeys, Long.toString(COUNTER_KEPT_MILLIS));
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Object value = i < before.size() ? before.get(i) : null;
            String was = value == null || Boolean.FALSE.equals(value) ? null : value.toString();
            String knew = known.getIfPresent(key);
            // Never written through any instance (nor known here): nothing cached here can be older than a write of ours.
            if (was == null ? knew != null : !was.equals(knew)) {
                moved.add(key);
            }
            known.put(key, Long.toString(was == null ? 1 : Long.parseLong(was) + 1));
        }
        return moved;
    }

    /** Moves the counters again and tells the others, in one round trip; a Redis gone by now is logged, the write stands. */
    private void endTurn(List<String> keys) {
        List<Object> counterKeys = new ArrayList<>(keys.size() + 1);
        counterKeys.add(topic.getChannelNames().get(0));
        keys.forEach(key -> counterKeys.add(counterOf(key)));
        String message = origin + "\n" + String.join("\n", keys);
        try {
            List<Object> counts = backend.write(() -> backend.redisson().getScript().eval(RScript.Mode.READ_WRITE, END_TURN,
                    RScript.ReturnType.LIST, counterKeys, Long.toString(COUNTER_KEPT_MILLIS), message));
            for (int i = 0; i < keys.size() && i < counts.size(); i++) {
                known.put(keys.get(i), String.valueOf(counts.get(i)));
            }
        } catch (DavError e) {
            // The counters moved when the turn was taken: the next write of these objects elsewhere still sees it.
            log.warn("the other instances were not told of a write of {}: {}; they see it at their next write of it or the feed's next poll",
                    keys, e.getMessage());
        }
        bump(keys);
    }

    private void release(List<RLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            RLock lock = held.get(i);
            try {
                lock.unlock();
            } catch (RuntimeException e) {
                // Without Redis the lease runs out by itself: nobody renews it once this thread lets go.
                log.warn("a write turn's lease in Redis was not given back ({}); it ends within {} s", e.getMessage(),
                        backend.lease().toSeconds());
            }
        }
        held.clear();
    }

    /** Another instance wrote these objects: forget them here. */
    private void heard(String message) {
        List<String> lines = Arrays.asList(message.split("\n"));
        if (lines.isEmpty() || lines.get(0).equals(origin)) {
            return;
        }
        learn(lines.subList(1, lines.size()));
    }

    private void learn(List<String> keys) {
        forget.accept(keys);
        bump(keys);
    }

    private void bump(List<String> keys) {
        for (String key : keys) {
            learned.incrementAndGet(bucket(key));
        }
    }

    private int bucket(String key) {
        return Math.floorMod(key.hashCode(), learned.length());
    }

    @Override
    public Mark mark() {
        long[] counts = new long[learned.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = learned.get(i);
        }
        return new Marks(here.mark(), counts);
    }

    @Override
    public boolean endedSince(Mark mark, Collection<String> objectKeys) {
        Marks marks = (Marks) mark;
        if (here.endedSince(marks.here(), objectKeys)) {
            return true;
        }
        for (String key : objectKeys) {
            if (key != null && learned.get(bucket(key)) != marks.learned()[bucket(key)]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        topic.removeListener(listener);
    }
}
