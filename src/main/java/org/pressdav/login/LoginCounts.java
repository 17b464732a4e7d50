package org.pressdav.login;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where the login throttle counts tries: each pair's (one login from one address) tries, and the
 * failures of each login from anywhere and from each address for any login. Every count is
 * forgotten a while after its last change, by the time the throttle passes in (so a shared form
 * needs a time every instance reads alike: the wall clock). The rules live with the throttle; a form
 * only keeps the counts and changes a pair atomically, among everyone counting in the same place.
 */
public interface LoginCounts {
    /**
     * One pair's tries: how many failed, when the last was let through, and the guesses WordPress
     * is checking now with how many requests carry each. A value: a change makes a new one.
     */
    record Tries(int failed, long last, Map<String, Integer> checking) {
        /** A pair that has not tried, or whose tries are forgotten. */
        public static final Tries NONE = new Tries(0, 0, Map.of());

        public Tries {
            checking = Map.copyOf(checking);
        }
    }

    /** The failures of a login from anywhere, and from an address for any login, that are not forgotten yet. */
    record Failures(int ofLogin, int fromAddress) {
    }

    /**
     * Replaces the pair's tries with what {@code change} makes of them ({@link Tries#NONE} for a pair
     * not counted), atomically; {@code change} also sees the failures of {@code login} and
     * {@code network}. It may be called more than once (when another instance changed the pair
     * meanwhile), so it only decides. Returning the tries it was given changes nothing.
     * Throws {@link org.pressdav.dav.DavError.Busy} where the counts cannot be reached: a try that
     * cannot be counted is not let through.
     */
    Tries change(String pair, String login, String network, BiFunction<Failures, Tries, Tries> change);

    /** The pair's tries are forgotten (WordPress accepted it); where the counts cannot be reached, nothing happens. */
    void forget(String pair);

    /** The login and the network have failed once more; where the counts cannot be reached, the failure is not counted (and logged). */
    void failed(String login, String network);
}
