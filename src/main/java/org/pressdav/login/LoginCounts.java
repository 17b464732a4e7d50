package org.pressdav.login;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where the login throttle counts tries: each pair's (one login from one address) tries, and the
 * failures of each login from anywhere and from each address for any login; where the counts are
 * shared, also the credentials WordPress accepted through any instance. Every count is
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

    /**
     * What else a try's rule needs: the failures of its login from anywhere and from its address for
     * any login that are not forgotten yet, and whether WordPress accepted its credentials through
     * another instance (always false where the counts are this process's: the throttle knows its own).
     */
    record Seen(int ofLogin, int fromAddress, boolean accepted) {
    }

    /**
     * Replaces the pair's tries with what {@code change} makes of them ({@link Tries#NONE} for a pair
     * not counted), atomically; {@code change} also sees the failures of {@code login} and
     * {@code network} and whether {@code guess} was accepted elsewhere. It may be called more than once (when another instance changed the pair
     * meanwhile), so it only decides. Returning the tries it was given changes nothing.
     * Throws {@link org.pressdav.dav.DavError.Busy} where the counts cannot be reached: a try that
     * cannot be counted is not let through.
     */
    Tries change(String pair, String login, String network, String guess, BiFunction<Seen, Tries, Tries> change);

    /**
     * WordPress accepted {@code guess}: the pair's tries are forgotten and, where the counts are
     * shared, every instance knows the guess for {@code knownFor}; where the counts cannot be reached, nothing happens.
     */
    void accepted(String pair, String guess);

    /** WordPress refused {@code guess}: no instance knows it any longer; where the counts cannot be reached, nothing happens. */
    void refused(String guess);

    /** The login and the network have failed once more; where the counts cannot be reached, the failure is not counted (and logged). */
    void failed(String login, String network);
}
