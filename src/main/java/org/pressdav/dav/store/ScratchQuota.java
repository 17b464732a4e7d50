package org.pressdav.dav.store;

import java.util.Map;

/**
 * What each user's scratch files take, and all users' together, counted where every instance
 * serving the data directory counts: in this process for one instance ({@link InMemoryScratchQuota}),
 * in Redis for several sharing the directory. Reservations are atomic: parallel writes, through
 * one instance or several, never take a user or all users past their share together.
 */
public interface ScratchQuota {
    /** Which share a reservation would have passed, or none. */
    enum Refusal {
        NONE, USER, TOTAL
    }

    /** What a reservation made ahead took: {@code bytes} reserved, or none and the share that refused. */
    record Reserved(long bytes, Refusal refusal) {
    }

    /** Adds {@code n} bytes to the user's use and to the total, or to neither where the user's would pass {@code userLimit} or the total {@code totalLimit}. */
    Refusal reserve(String user, long n, long userLimit, long totalLimit);

    /**
     * Reserves {@code needed} bytes as {@link #reserve} does and, where both shares have room, more up
     * to {@code wanted}: a write reserves ahead of the bytes it has, so that a quota counted in another
     * process costs one call per step rather than one per chunk. A refusal still comes only where the
     * bytes needed do not fit; what was reserved and not written goes back by {@link #release}. Counted
     * in this process, where a call costs nothing, exactly {@code needed}.
     */
    default Reserved reserveAhead(String user, long needed, long wanted, long userLimit, long totalLimit) {
        Refusal refusal = reserve(user, needed, userLimit, totalLimit);
        return new Reserved(refusal == Refusal.NONE ? needed : 0, refusal);
    }

    /** Gives {@code n} bytes that have left the disk (or never reached it) back to the user's share and the total. */
    void release(String user, long n);

    /** What all users' files take. */
    long total();

    /** The users' use as counted on the disk (a store opening): each user's count becomes what the disk holds, and the total follows. */
    void recount(Map<String, Long> perUser);
}
