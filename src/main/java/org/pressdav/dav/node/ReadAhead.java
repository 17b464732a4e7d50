package org.pressdav.dav.node;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead of a client that walks into one object's folder after another: davfs2's {@code ls -R} and {@code find},
 * rclone's {@code lsf -R}, a backup tool. Each such folder needs its object read whole (a post's content), one
 * WordPress request each: 5,000 posts, 5,000 requests one after the other. Where a user opens {@link #WALK_OPENS}
 * different objects' folders of one kind within {@link #WALK_NANOS}, they are walking: the other objects of the shelf
 * the last one stands on (those after it in the listing's order first; all of them, whatever order the walker takes,
 * where the shelf holds at most {@link #AT_MOST}, else the next {@link #AHEAD}) are read in the background, a hundred a
 * request ({@code pressdav/v1/reads}), into the cache the walker's next requests are answered from. A person opening a
 * folder now and then never sets it off.
 * <p>
 * What is read is this user's own reads (the cache keeps them per user), the same each of their requests would make. A
 * request never fails for it: what goes wrong here is only logged. Two threads a drive read, each shelf's first hundred
 * before any shelf's second; at most {@link #QUEUED} hundreds wait for them, more are not read ahead (until the walker
 * opens them again). Each shelf is listed once a walk. An object asked for is not asked again for {@code keep} (the
 * cache's time).
 */
public final class ReadAhead implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

    /** Opens of different objects, within {@link #WALK_NANOS}, that make a walk. */
    static final int WALK_OPENS = 3;
    static final long WALK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The most objects of one shelf read ahead at once: a folder the default {@code --max-folder-entries} splits holds no more. */
    static final int AT_MOST = 800;
    /** On a shelf of more (a folder never split), how far ahead of the walker, in the listing's order, objects are read. */
    static final int AHEAD = 200;
    /** Objects read at once: as many as the companion plugin's reads take in one request. */
    static final int CHUNK = 100;
    /** Hundreds waiting for the readers: a walker with several at work (rclone's eight) is on as many shelves at once. */
    private static final int QUEUED = 256;
    private static final int READERS = 2;

    /** No reading ahead: where a batch would cost as many requests (no companion plugin), or nothing read would be kept. */
    public static final ReadAhead OFF = new ReadAhead(null, Ticker.systemTicker(), Duration.ZERO);

    private final ThreadPoolExecutor reader;
    private final AtomicLong arrivals = new AtomicLong();
    private final Ticker ticker;
    private final long keepNanos;
    /** Each user's walk in each kind's folders, forgotten once they stop. */
    private final Cache<Walker, Walk> walks;

    /** Who walks where: a user's key and a kind's folder. */
    public record Walker(String user, String kind) {
    }

    /** Reading ahead on {@link #READERS} background threads; {@code ticker}: the clock walks are timed by; {@code keep}: how long the cache keeps a read. */
    public static ReadAhead started(Ticker ticker, Duration keep) {
        ThreadPoolExecutor reader = new ThreadPoolExecutor(READERS, READERS, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "pressdav-read-ahead");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        reader.allowCoreThreadTimeOut(true);
        return new ReadAhead(reader, ticker, keep);
    }

    private ReadAhead(ThreadPoolExecutor reader, Ticker ticker, Duration keep) {
        this.reader = reader;
        this.ticker = ticker;
        this.keepNanos = keep.toNanos();
        this.walks = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofNanos(Math.max(keepNanos, WALK_NANOS))).build();
    }

    /**
     * {@code walker} opens the folder of object {@code id}. {@code mates}: the ids of the objects on its shelf, in the
     * listing's order (asked only while the walker walks onto a shelf not seen yet); {@code read}: reads a batch of them
     * as this user, into the cache. Never throws: a request goes on whatever happens here.
     */
    public void opened(Walker walker, long id, Supplier<List<Long>> mates, Consumer<List<Long>> read) {
        if (reader == null) {
            return;
        }
        try {
            Walk walk = walks.get(walker, w -> new Walk());
            List<Long> batch = walk.next(id, ticker.read(), keepNanos, mates);
            if (batch.isEmpty()) {
                return;
            }
            // In hundreds, each shelf's first hundred before any shelf's second: a walker at work on several shelves at once
            // (rclone's eight) has the next posts of each read soon, not one shelf whole after another.
            for (int from = 0, rank = 0; from < batch.size(); from += CHUNK, rank++) {
                List<Long> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
                if (reader.getQueue().size() >= QUEUED) {
                    walk.forget(chunk); // enough is waiting: the walker's own requests read these if no later open asks again
                    continue;
                }
                try {
                    reader.execute(new Chunk(rank, arrivals.incrementAndGet(), () -> {
                        try {
                            read.accept(chunk);
                        } catch (RuntimeException e) {
                            walk.forget(chunk); // asked again at the walker's next open, where WordPress answers again
                            log.debug("reading {} objects ahead of {} failed: {}", chunk.size(), walker, e.toString());
                        }
                    }));
                } catch (RejectedExecutionException closed) {
                    walk.forget(chunk);
                }
            }
        } catch (RuntimeException e) {
            log.debug("no reading ahead of {}: {}", walker, e.toString());
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** One user's opens in one kind's folders: whether they walk, the shelf they walk, and what has been asked for. */
    static final class Walk {
        private final long[] lastOpens = new long[WALK_OPENS];
        private final long[] lastIds = new long[WALK_OPENS];
        private int cursor;
        private int recorded;
        /** The shelves walked, each listed once: every object seen on one, to its shelf. */
        private final Map<Long, Shelf> shelves = new HashMap<>();
        /** When each object was asked for. */
        private final Map<Long, Long> asked = new HashMap<>();

        /** What to read ahead now that {@code id} is opened at {@code now}: nothing, or the shelf's objects not asked for within {@code keep}. */
        synchronized List<Long> next(long id, long now, long keep, Supplier<List<Long>> mates) {
            if (recorded > 0 && lastIds[Math.floorMod(cursor - 1, WALK_OPENS)] == id) {
                return List.of(); // the same folder again (its files, its revisions/): no news
            }
            lastIds[cursor] = id;
            lastOpens[cursor] = now;
            cursor = (cursor + 1) % WALK_OPENS;
            recorded = Math.min(recorded + 1, WALK_OPENS);
            if (!walking(now)) {
                return List.of();
            }
            Shelf shelf = shelves.get(id);
            if (shelf == null) {
                shelf = Shelf.of(mates.get());
                for (Long mate : shelf.order()) {
                    shelves.put(mate, shelf);
                }
                if (!shelf.position().containsKey(id)) {
                    return List.of(); // not on the shelf as listed now (just made, or gone): nothing to go by
                }
            }
            List<Long> order = shelf.order();
            int at = shelf.position().get(id);
            asked.values().removeIf(when -> now - when > keep);
            // A shelf of at most AT_MOST: all of it, from the one after this, round. One of more: what is within AHEAD of the
            // walker, once half of that is not asked yet (a walker that goes its own way on it has no read-ahead to count on).
            boolean whole = order.size() <= AT_MOST;
            int reach = whole ? order.size() - 1 : Math.min(AHEAD, order.size() - 1);
            List<Long> ahead = new ArrayList<>();
            for (int step = 1; step <= reach; step++) {
                Long mate = order.get((at + step) % order.size());
                if (!asked.containsKey(mate)) {
                    ahead.add(mate);
                }
            }
            if (!whole && ahead.size() < AHEAD / 2) {
                return List.of();
            }
            ahead.forEach(mate -> asked.put(mate, now));
            asked.put(id, now);
            return ahead;
        }

        /** Whether the last opens were of different objects, all within the walk's time. */
        private boolean walking(long now) {
            if (recorded < WALK_OPENS) {
                return false;
            }
            for (int i = 0; i < WALK_OPENS; i++) {
                if (now - lastOpens[i] > WALK_NANOS) {
                    return false;
                }
                for (int j = i + 1; j < WALK_OPENS; j++) {
                    if (lastIds[i] == lastIds[j]) {
                        return false;
                    }
                }
            }
            return true;
        }

        synchronized void forget(List<Long> batch) {
            batch.forEach(asked::remove);
        }
    }

    /** A hundred to read: the lower its rank on its shelf (its first hundred, its second), the sooner; then as they came. */
    private record Chunk(int rank, long arrival, Runnable read) implements Runnable, Comparable<Chunk> {
        @Override
        public void run() {
            read.run();
        }

        @Override
        public int compareTo(Chunk other) {
            return rank != other.rank ? Integer.compare(rank, other.rank) : Long.compare(arrival, other.arrival);
        }
    }

    /** One shelf's objects in the listing's order, and where each stands in it. */
    private record Shelf(List<Long> order, Map<Long, Integer> position) {
        static Shelf of(List<Long> mates) {
            List<Long> order = List.copyOf(mates);
            Map<Long, Integer> position = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                position.put(order.get(i), i);
            }
            return new Shelf(order, position);
        }
    }
}
