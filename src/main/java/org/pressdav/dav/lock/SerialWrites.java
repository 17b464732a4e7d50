package org.pressdav.dav.lock;

/**
 * One write of a WordPress object at a time. WordPress's update reads the whole object and
 * writes it back, so two updates of one post in flight lose one of them; and a precondition
 * ({@code If-Match}, a lock) holds only if nothing else writes between its check and the write.
 * Objects are named by a key such as {@code posts/12}. This server's instances share nothing yet;
 * several instances behind one balancer will need an implementation they share.
 */
public interface SerialWrites {

    /** Waits for the objects' turn (keys taken in a fixed order, so two callers never deadlock); close to let the next in. */
    Turn await(java.util.Collection<String> objectKeys);

    /**
     * How many turns have ended so far, on any object. A write finds out what it writes before it
     * waits for its turn (the object is the turn's key); if a turn ended in between, what it found
     * may be out of date and it looks again.
     */
    long ended();

    /** Held while a write runs. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
