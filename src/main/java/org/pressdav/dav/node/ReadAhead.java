package org.pressdav.dav.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead of a client that walks into one object's folder after another: davfs2's {@code ls -R} and {@code find},
 * rclone's {@code lsf -R}, a backup tool. Each such folder needs its object read whole (a post's content), one
 * WordPress request each: 5,000 posts, 5,000 requests one after the other. Where a user opens {@link #WALK_OPENS}
 * different objects' folders of one kind within {@link #WALK_NANOS}, they are walking: the objects after the one
 * opened, in the order a listing shows them on its shelf, are read in the background, {@link #BATCH} at a time in one
 * request ({@code pressdav/v1/reads}), into the cache the walker's next requests are answered from. A person opening
 * a folder now and then never sets it off, and their requests never wait for it.
 * <p>
 * What is read is this user's own reads (the cache keeps them per user), the same each of their requests would make;
 * a batch never runs in a request's thread, at most {@link #QUEUED} wait, and a failed one is only logged: the walker's
 * own request reads what it needs.
 */
public final class ReadAhead implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

    /** Opens of different objects, within {@link #WALK_NANOS}, that make a walk. */
    static final int WALK_OPENS = 3;
    static final long WALK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How far ahead of the walker objects are read, and the fewest read at once once a walk is under way. */
    static final int AHEAD = 100;
    static final int BATCH = AHEAD / 2;
    /** How long an object read ahead is not asked for again (it is in the cache, or WordPress refused it this user). */
    static final long TRIED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int QUEUED = 4;

    /** No reading ahead: a WordPress without the companion plugin's reads, where a batch would be as many requests. */
    public static final ReadAhead OFF = new ReadAhead(null, System::nanoTime);

    private final ThreadPoolExecutor reader;
    private final LongSupplier nanos;
    private final Map<String, Walk> walks = new ConcurrentHashMap<>();

    /** Reading ahead on one background thread; {@code nanos}: the clock walks are timed by. */
    public static ReadAhead started(LongSupplier nanos) {
        ThreadPoolExecutor reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED), runnable -> {
            Thread thread = new Thread(runnable, "pressdav-read-ahead");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        return new ReadAhead(reader, nanos);
    }

    private ReadAhead(ThreadPoolExecutor reader, LongSupplier nanos) {
        this.reader = reader;
        this.nanos = nanos;
    }

    /**
     * A user ({@code who}: their key and the kind's folder) opens the folder of object {@code id}. {@code mates}: the ids of
     * the objects on its shelf in the order a listing shows them (asked only when the user walks); {@code read}: reads a
     * batch of them as this user, into the cache.
     */
    public void opened(String who, long id, Supplier<List<Long>> mates, Consumer<List<Long>> read) {
        if (reader == null) {
            return;
        }
        Walk walk = walks.computeIfAbsent(who, w -> new Walk());
        List<Long> batch = walk.next(id, nanos.getAsLong(), mates);
        if (batch.isEmpty()) {
            return;
        }
        try {
            reader.execute(() -> {
                try {
                    read.accept(batch);
                } catch (RuntimeException e) {
                    log.debug("reading {} objects ahead of {} failed: {}", batch.size(), who, e.toString());
                }
            });
        } catch (RejectedExecutionException busy) {
            walk.forget(batch); // enough is being read: the walker's own requests read these if no later batch does
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** One user's opens in one kind's folders: whether they walk, and what has been asked for ahead of them. */
    private static final class Walk {
        private final long[] lastOpens = new long[WALK_OPENS];
        private final long[] lastIds = new long[WALK_OPENS];
        private int next;
        private int recorded;
        private final Map<Long, Long> tried = new HashMap<>();

        synchronized List<Long> next(long id, long now, Supplier<List<Long>> mates) {
            int previous = Math.floorMod(next - 1, WALK_OPENS);
            if (recorded == 0 || lastIds[previous] != id) {
                lastIds[next] = id;
                lastOpens[next] = now;
                next = (next + 1) % WALK_OPENS;
                recorded = Math.min(recorded + 1, WALK_OPENS);
            }
            if (!walking(now)) {
                return List.of();
            }
            tried.values().removeIf(when -> now - when > TRIED_NANOS);
            List<Long> order = mates.get();
            int at = order.indexOf(id);
            List<Long> ahead = new ArrayList<>();
            boolean nextUntried = false;
            for (int i = at + 1; i < order.size() && i <= at + AHEAD; i++) {
                Long mate = order.get(i);
                if (!tried.containsKey(mate)) {
                    nextUntried |= i == at + 1;
                    ahead.add(mate);
                }
            }
            // A walk under way asks for half a window at once; one that has caught up with what was read asks at once.
            if (ahead.size() < BATCH && !nextUntried) {
                return List.of();
            }
            ahead.forEach(mate -> tried.put(mate, now));
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
            batch.forEach(tried::remove);
        }
    }
}
