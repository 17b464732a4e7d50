package org.pressdav.dav.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.pressdav.dav.DavError;

/**
 * {@link SerialWrites} in this process: a fixed set of fair locks, an object's key choosing one.
 * Two objects may share a lock and then wait for each other, which costs time, never correctness;
 * memory stays the same however many objects are written.
 */
public final class StripedSerialWrites implements SerialWrites {
    private final ReentrantLock[] stripes;
    private final Duration patience;
    /** Turns ended, counted in a few buckets of stripes: a mark copies them all, so it stays small. */
    private final AtomicLongArray ended = new AtomicLongArray(64);

    private record Counts(long[] ended) implements Mark {
    }

    /** {@code patience}: how long a write waits for its turn before it is refused (503). */
    public StripedSerialWrites(int stripes, Duration patience) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock(true);
        }
        this.patience = patience;
    }

    @Override
    public Turn await(Collection<String> objectKeys) {
        TreeSet<Integer> wanted = new TreeSet<>();
        for (String key : objectKeys) {
            if (key != null) {
                wanted.add(stripeOf(key));
            }
        }
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int index : wanted) {
                ReentrantLock lock = stripes[index];
                if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new DavError.Busy("Another save of this object is still running; try again");
                }
                held.add(lock);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(held);
            throw new DavError.Busy("pressdav is stopping");
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return () -> {
            if (!held.isEmpty()) {
                wanted.forEach(index -> ended.incrementAndGet(bucket(index)));
            }
            release(held);
        };
    }

    @Override
    public Mark mark() {
        long[] counts = new long[ended.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ended.get(i);
        }
        return new Counts(counts);
    }

    @Override
    public boolean endedSince(Mark mark, Collection<String> objectKeys) {
        long[] then = ((Counts) mark).ended();
        for (String key : objectKeys) {
            if (key != null) {
                int bucket = bucket(stripeOf(key));
                if (ended.get(bucket) != then[bucket]) {
                    return true;
                }
            }
        }
        return false;
    }

    private int stripeOf(String key) {
        return Math.floorMod(key.hashCode(), stripes.length);
    }

    private int bucket(int stripe) {
        return stripe % ended.length();
    }

    private static void release(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
        held.clear();
    }
}
