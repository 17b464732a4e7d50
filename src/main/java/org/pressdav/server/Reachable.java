package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.pressdav.dav.DavError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is made once, when first needed, from a WordPress that may not answer (a site's drive, a network's client): a
 * failure is 503 with its reason, tried again at most every {@link #RETRY} however many ask meanwhile. While one
 * request makes it the others wait for it; {@link #ifReady} waits a little only (the root's listing skips a site that
 * is slow to reach rather than hold every user up for it).
 */
final class Reachable<T> {
    private static final Logger log = LoggerFactory.getLogger(Reachable.class);
    /** How long something that could not be reached answers with that reason before it is tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);
    /** How long {@link #ifReady} waits for another request that is reaching it. */
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(2);

    /** Reaches it, or fails saying why. */
    @FunctionalInterface
    interface Reach<T> {
        T reach() throws Exception;
    }

    private final String what;
    private final Reach<T> reach;
    private final Ticker ticker;
    private final ReentrantLock reaching = new ReentrantLock();
    private volatile T made;
    private volatile String failure;
    private volatile long failedAt;

    /** {@code what} names it in the reason a failure gives: {@code The site blog}. */
    Reachable(String what, Reach<T> reach, Ticker ticker) {
        this.what = what;
        this.reach = reach;
        this.ticker = ticker;
    }

    /** It, reached now if it was not; 503 with the reason where it cannot be. */
    T get() {
        T done = made;
        if (done != null) {
            return done;
        }
        reaching.lock();
        try {
            return reachOnce();
        } finally {
            reaching.unlock();
        }
    }

    /**
     * It if it is reached, or reached now; null where it failed lately, or another request has been reaching it for
     * longer than {@link #WAIT_FOR_OTHERS} (a site that answers slowly holds up the root's listing no longer than that).
     */
    T ifReady() {
        T done = made;
        if (done != null) {
            return done;
        }
        try {
            if (!reaching.tryLock(WAIT_FOR_OTHERS.toMillis(), TimeUnit.MILLISECONDS)) {
                return made;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return made;
        }
        try {
            return reachOnce();
        } catch (DavError.Busy e) {
            return null;
        } finally {
            reaching.unlock();
        }
    }

    private T reachOnce() {
        if (made != null) {
            return made;
        }
        if (failure != null && ticker.read() - failedAt < RETRY.toNanos()) {
            throw new DavError.Busy(failure);
        }
        try {
            made = reach.reach();
            failure = null;
            return made;
        } catch (Exception e) {
            failure = what + " cannot be served now: " + e.getMessage() + " (pressdav tries again in " + RETRY.toSeconds() + " s)";
            failedAt = ticker.read();
            log.warn(failure);
            throw new DavError.Busy(failure);
        }
    }

    /** Whether it was reached. */
    boolean isReached() {
        return made != null;
    }

    /** Why it could not be reached the last time it was tried, or null. */
    String failure() {
        return failure;
    }
}
