package org.pressdav.ops;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one DAV request did, for its line in the request log: the WordPress user it ran as and
 * how many calls it made to WordPress. Held for the request's thread, and inherited by the threads
 * it starts (the senders of an upload's chunks).
 */
public final class RequestStats {
    private static final InheritableThreadLocal<RequestStats> CURRENT = new InheritableThreadLocal<>();

    private final AtomicInteger wordpressCalls = new AtomicInteger();
    private volatile String user = "-";

    /** A request begins on this thread. */
    public static RequestStats begin() {
        RequestStats stats = new RequestStats();
        CURRENT.set(stats);
        return stats;
    }

    /** The request on this thread ended. */
    public static void end() {
        CURRENT.remove();
    }

    /** The request this thread works for, or null. */
    public static RequestStats current() {
        return CURRENT.get();
    }

    public void user(String id) {
        this.user = id;
    }

    public String user() {
        return user;
    }

    void countWordPressCall() {
        wordpressCalls.incrementAndGet();
    }

    public int wordpressCalls() {
        return wordpressCalls.get();
    }
}
