package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.pressdav.dav.DavError;
import org.pressdav.login.InMemoryLoginCounts;
import org.pressdav.login.LoginCounts;
import org.pressdav.login.LoginCounts.Seen;
import org.pressdav.login.LoginCounts.Tries;
import org.pressdav.wordpress.Credentials;

/**
 * When a login may be checked with WordPress, so that guessing passwords through pressdav is
 * slow while nobody who knows their password is locked out by someone else.
 *
 * <ul>
 * <li>Only a login's own failures from one address (the pair) ever refuse a try, with 429
 * and no question to WordPress: 10 tries, then a wait of a minute after the last one,
 * doubled by each further failure up to 15 minutes. A guesser at one address cannot lock the
 * user out at another, nor another user out at theirs.</li>
 * <li>Failures for one login from anywhere (30) or from one address for any logins (100) mean
 * an attack: while they last, every pair of that login or address gets 3 tries instead of 10,
 * so spreading guesses over many addresses or many names gains little. A pair that has not
 * failed itself is always asked about.</li>
 * <li>Credentials WordPress has accepted are known (by a hash, for a day after their last use)
 * and never throttled: a working mount goes on working while its login or address is guessed at.</li>
 * <li>A login name counts as WordPress finds it: {@code Admin}, {@code ADMIN} and {@code admin }
 * are one login; an IPv6 address counts as its /64, the block one machine or household holds.</li>
 * </ul>
 * A try counts when it is let through, so guesses sent at once cannot pass the limit together,
 * but one password sent over a client's parallel connections is one guess; a try WordPress did
 * not answer is given back. Failures are forgotten an hour after the last one, a pair's also
 * when it succeeds.
 * <p>
 * The rules are here; where tries are counted is {@link LoginCounts}'s: in this process for one
 * instance, in Redis for several behind a balancer, so that N instances do not give a guesser N
 * times the tries.
 */
final class LoginThrottle {
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern PERCENT_ESCAPES = Pattern.compile("%[0-9a-fA-F]{2}");
    private static final Pattern ENTITIES = Pattern.compile("&.+?;");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The numbers above; {@link #STANDARD} is what pressdav uses. */
    record Limits(int tries, int triesUnderAttack, int loginAttacked, int addressAttacked, Duration firstWait, Duration longestWait,
            Duration memory, Duration knownFor) {
        static final Limits STANDARD = new Limits(10, 3, 30, 100, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofDays(1));
    }

    private final Limits limits;
    private final Ticker ticker;
    private final LoginCounts counts;
    /**
     * Credentials WordPress accepted, known here without asking the counts: they are a cache of
     * WordPress's answer, not a count a guesser could multiply by asking several instances, and a
     * mount known here goes on working while shared counts cannot be reached. Shared counts know
     * them too ({@link LoginCounts#accepted}), so that a mount whose requests a balancer sends to an
     * instance that has not seen it yet is not throttled there by a guesser at its address.
     */
    private final Cache<String, Boolean> known;

    /** Counting in this process: one instance. */
    LoginThrottle(Limits limits, Ticker ticker) {
        this(limits, ticker, new InMemoryLoginCounts(limits.memory(), ticker));
    }

    /**
     * Counting in {@code counts}; where they are shared by several instances the ticker must read
     * the wall clock ({@link #wallClock}), as each instance's own monotonic time means nothing to the others.
     */
    LoginThrottle(Limits limits, Ticker ticker, LoginCounts counts) {
        this.limits = limits;
        this.ticker = ticker;
        this.counts = counts;
        this.known = Caffeine.newBuilder().expireAfterWrite(limits.knownFor()).ticker(ticker).maximumSize(10_000).build();
    }

    /** The clock's time in nanoseconds since the epoch: the ticker of a throttle whose counts are shared. */
    static Ticker wallClock(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * Whether this try may be checked with WordPress now: {@link Duration#ZERO} when it may, else
     * how long its pair must wait. A try let through counts against its pair until WordPress has
     * answered; the same credentials sent again while they are checked (a client's parallel
     * connections) are the same guess and count once. Where the counts cannot be reached, known
     * credentials go on and any others are refused ({@link DavError.Busy}, 503).
     */
    Duration admit(String address, Credentials credentials) {
        if (isKnown(credentials)) {
            return Duration.ZERO;
        }
        String network = network(address);
        String login = loginKey(credentials.login());
        String guess = credentials.cacheKey();
        long now = ticker.read();
        Duration[] wait = {Duration.ZERO};
        boolean[] acceptedElsewhere = {false};
        counts.change(pair(network, login), login, network, guess, (seen, tries) -> {
            wait[0] = Duration.ZERO;
            acceptedElsewhere[0] = seen.accepted();
            if (seen.accepted()) {
                return tries;
            }
            Integer carriers = tries.checking().get(guess);
            if (carriers != null) {
                return new Tries(tries.failed(), tries.last(), with(tries.checking(), guess, carriers + 1));
            }
            int allowed = attacked(seen) ? limits.triesUnderAttack() : limits.tries();
            int used = tries.failed() + tries.checking().size();
            long left = tries.last() + waitAfter(used - allowed).toNanos() - now;
            if (used >= allowed && left > 0) {
                wait[0] = Duration.ofNanos(left);
                return tries;
            }
            return new Tries(tries.failed(), now, with(tries.checking(), guess, 1));
        });
        if (acceptedElsewhere[0]) {
            known.put(guess, Boolean.TRUE);
        }
        return wait[0];
    }

    /** WordPress accepted the credentials: they are known from now on, and the first time their pair starts afresh. */
    void succeeded(String address, Credentials credentials) {
        if (!isKnown(credentials)) {
            counts.accepted(pair(network(address), loginKey(credentials.login())), credentials.cacheKey());
        }
        known.put(credentials.cacheKey(), Boolean.TRUE);
    }

    /**
     * WordPress refused the credentials: they are no longer known, their pair has failed once more
     * (once for all the requests that carried this guess), and so have the login and the address.
     */
    void failed(String address, Credentials credentials) {
        known.invalidate(credentials.cacheKey());
        counts.refused(credentials.cacheKey());
        String network = network(address);
        String login = loginKey(credentials.login());
        String guess = credentials.cacheKey();
        boolean[] counted = {false};
        boolean reached = changed(network, login, guess, tries -> {
            counted[0] = tries.checking().containsKey(guess);
            return counted[0] ? new Tries(tries.failed() + 1, tries.last(), with(tries.checking(), guess, 0)) : tries;
        });
        if (reached && counted[0]) {
            counts.failed(login, network);
        }
    }

    /** WordPress said neither yes nor no (it failed or timed out): the try is given back to its pair. */
    void unanswered(String address, Credentials credentials) {
        String guess = credentials.cacheKey();
        changed(network(address), loginKey(credentials.login()), guess, tries -> {
            Integer carriers = tries.checking().get(guess);
            return carriers == null ? tries : new Tries(tries.failed(), tries.last(), with(tries.checking(), guess, carriers - 1));
        });
    }

    /**
     * Changes a pair after WordPress answered; false where the counts could not be reached. The
     * request is answered all the same: its try stays counted as being checked until the pair is
     * forgotten, which errs against the guesser.
     */
    private boolean changed(String network, String login, String guess, UnaryOperator<Tries> change) {
        try {
            counts.change(pair(network, login), login, network, guess, (seen, tries) -> change.apply(tries));
            return true;
        } catch (DavError.Busy unreachable) {
            return false;
        }
    }

    /** The guesses being checked, with this one now carried by {@code carriers} requests (gone at none). */
    private static Map<String, Integer> with(Map<String, Integer> checking, String guess, int carriers) {
        Map<String, Integer> changed = new HashMap<>(checking);
        if (carriers <= 0) {
            changed.remove(guess);
        } else {
            changed.put(guess, carriers);
        }
        return changed;
    }

    private boolean isKnown(Credentials credentials) {
        return known.getIfPresent(credentials.cacheKey()) != null;
    }

    private boolean attacked(Seen seen) {
        return seen.ofLogin() >= limits.loginAttacked() || seen.fromAddress() >= limits.addressAttacked();
    }

    /** The wait after a pair's last failure once it has used its tries: doubled by each failure past them, up to the longest. */
    private Duration waitAfter(int pastAllowed) {
        int doublings = Math.max(0, Math.min(pastAllowed, 20));
        Duration wait = limits.firstWait().multipliedBy(1L << doublings);
        return wait.compareTo(limits.longestWait()) > 0 ? limits.longestWait() : wait;
    }

    private static String pair(String network, String login) {
        return network + "\n" + login;
    }

    /**
     * A login as the counts know it: {@link #sameLogin}, hashed, so that an entry takes the same
     * few bytes whatever name a guesser sends (a header can carry kilobytes of one).
     */
    private static String loginKey(String login) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sameLogin(login).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * A login as WordPress looks it up ({@code sanitize_user}, then a case-insensitive column):
     * tags, %-escapes and entities dropped, accents removed, spaces trimmed and collapsed, lower case.
     */
    static String sameLogin(String login) {
        String s = TAGS.matcher(login).replaceAll("");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = PERCENT_ESCAPES.matcher(s).replaceAll("");
        s = ENTITIES.matcher(s).replaceAll("");
        return SPACES.matcher(s.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** An IPv4 address as it is; an IPv6 address as its /64, which one holder has whole. */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
