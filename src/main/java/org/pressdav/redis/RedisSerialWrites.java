package org.pressdav.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * <p>Each object has a write counter in Redis. Taking the turn reads the counters: an object whose
 * counter moved since this instance last knew it was written elsewhere, so this instance's cached
 * copy is forgotten ({@code forget}) and the write looks at its target again ({@link #endedSince})
 * before it checks {@code If-Match} and the like. Ending the turn bumps the counters and tells the
 * other instances (pub/sub), which forget the objects at once; with pub/sub lost, the counters still
 * make the next write of the object see it, and the change feed makes reads see it within its poll.
 */
public final class RedisSerialWrites implements SerialWrites, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisSerialWrites.class);
    /** Bumps the counters of ARGV[2..] in the hash KEYS[1] and tells the others (channel KEYS[2], message ARGV[1]). */
    private static final String END_TURN = """
            local counts = {}
            for i = 2, #ARGV do
              counts[#counts + 1] = redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
            end
            redis.call('PUBLISH', KEYS[2], ARGV[1])
            return counts
            """;

    private final RedisBackend backend;
    private final StripedSerialWrites here;
    private final Duration patience;
    private final Consumer<Collection<String>> forget;
    /** This process among the instances: messages it sent itself are not news to it. */
    private final String origin = UUID.randomUUID().toString();
    private final String counters;
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
        this.counters = backend.key("writes");
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
            List<String> moved = backend.write(() -> movedCounters(keys));
            if (!moved.isEmpty()) {
                learn(moved);
            }
        } catch (RuntimeException e) {
            release(held);
            local.close();
            throw e;
        }
        waited.accept(System.nanoTime() - start);
        return () -> {
            try {
                if (!keys.isEmpty()) {
                    endTurn(keys);
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

    /** The keys whose counters moved since this instance last knew them (one HMGET); remembers the new values. */
    private List<String> movedCounters(List<String> keys) {
        Map<String, String> now = backend.redisson().<String, String>getMap(counters).getAll(new LinkedHashSet<>(keys));
        List<String> moved = new ArrayList<>();
        for (String key : keys) {
            String count = now.get(key);
            String before = known.getIfPresent(key);
            // Never written through any instance: nothing cached here can be older than a write of ours.
            if (count != null && !count.equals(before)) {
                moved.add(key);
                known.put(key, count);
            }
        }
        return moved;
    }

    /** Bumps the counters and tells the others, in one round trip; a Redis gone by now is logged, the write stands. */
    private void endTurn(List<String> keys) {
        List<Object> args = new ArrayList<>(keys.size() + 1);
        args.add(origin + "\n" + String.join("\n", keys));
        args.addAll(keys);
        try {
            List<Object> counts = backend.write(() -> backend.redisson().getScript().eval(RScript.Mode.READ_WRITE, END_TURN,
                    RScript.ReturnType.LIST, List.of(counters, topic.getChannelNames().get(0)), args.toArray()));
            for (int i = 0; i < keys.size() && i < counts.size(); i++) {
                known.put(keys.get(i), String.valueOf(counts.get(i)));
            }
        } catch (DavError e) {
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
