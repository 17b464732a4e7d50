package org.pressdav.dav.lock;

/**
 * One write of a WordPress object at a time. WordPress's update reads the whole object and
 * writes it back, so two updates of one post in flight lose one of them; and a precondition
 * ({@code If-Match}, a lock) holds only if nothing else writes between its check and the write.
 * Objects are named by a key such as {@code posts/12}. {@link StripedSerialWrites} serves one
 * instance; several behind one balancer share theirs in Redis ({@code redis/RedisSerialWrites}).
 */
public interface SerialWrites {

    /** Waits for the objects' turn (keys taken in a fixed order, so two callers never deadlock); close to let the next in. */
    Turn await(java.util.Collection<String> objectKeys);

    /**
     * A mark of the turns ended so far. A write finds out what it writes (the object is its turn's
     * key) before it waits for the turn; taken before it looks, the mark tells whether a turn on its
     * objects ended meanwhile ({@link #endedSince}), in which case what it found may be out of date.
     */
    Mark mark();

    /** Whether a turn on any of these objects (or on one that shares their bookkeeping) ended since the mark. */
    boolean endedSince(Mark mark, java.util.Collection<String> objectKeys);

    /** What {@link #mark} took; only the implementation that made it reads it. */
    interface Mark {
    }

    /** Held while a write runs, and closed by the thread that took it (a shared implementation's locks belong to that thread). */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
