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
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
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

    /**
     * One pair's tries: how many failed, when the last was let through, and the guesses WordPress
     * is checking now, with how many requests carry each. Changed only inside the cache's compute.
     */
    private static final class Tries {
        private int failed;
        private long last;
        private final Map<String, Integer> checking = new HashMap<>();
    }

    private final Limits limits;
    private final Ticker ticker;
    private final Cache<String, Tries> pairs;
    private final Cache<String, Integer> perLogin;
    private final Cache<String, Integer> perAddress;
    private final Cache<String, Boolean> known;

    LoginThrottle(Limits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.pairs = Caffeine.newBuilder().expireAfterWrite(limits.memory()).ticker(ticker).maximumSize(100_000).build();
        this.perLogin = Caffeine.newBuilder().expireAfterWrite(limits.memory()).ticker(ticker).maximumSize(100_000).build();
        this.perAddress = Caffeine.newBuilder().expireAfterWrite(limits.memory()).ticker(ticker).maximumSize(100_000).build();
        this.known = Caffeine.newBuilder().expireAfterWrite(limits.knownFor()).ticker(ticker).maximumSize(10_000).build();
    }

    /**
     * Whether this try may be checked with WordPress now: {@link Duration#ZERO} when it may, else
     * how long its pair must wait. A try let through counts against its pair until WordPress has
     * answered; the same credentials sent again while they are checked (a client's parallel
     * connections) are the same guess and count once.
     */
    Duration admit(String address, Credentials credentials) {
        if (isKnown(credentials)) {
            return Duration.ZERO;
        }
        String network = network(address);
        String login = loginKey(credentials.login());
        int allowed = attacked(network, login) ? limits.triesUnderAttack() : limits.tries();
        String guess = credentials.cacheKey();
        long now = ticker.read();
        Duration[] wait = {Duration.ZERO};
        pairs.asMap().compute(pair(network, login), (key, held) -> {
            Tries tries = held == null ? new Tries() : held;
            Integer carriers = tries.checking.get(guess);
            if (carriers != null) {
                tries.checking.put(guess, carriers + 1);
                return tries;
            }
            int used = tries.failed + tries.checking.size();
            long left = tries.last + waitAfter(used - allowed).toNanos() - now;
            if (used >= allowed && left > 0) {
                wait[0] = Duration.ofNanos(left);
                return tries;
            }
            tries.checking.put(guess, 1);
            tries.last = now;
            return tries;
        });
        return wait[0];
    }

    /** WordPress accepted the credentials: they are known from now on, and the first time their pair starts afresh. */
    void succeeded(String address, Credentials credentials) {
        if (!isKnown(credentials)) {
            pairs.invalidate(pair(network(address), loginKey(credentials.login())));
        }
        known.put(credentials.cacheKey(), Boolean.TRUE);
    }

    /**
     * WordPress refused the credentials: they are no longer known, their pair has failed once more
     * (once for all the requests that carried this guess), and so have the login and the address.
     */
    void failed(String address, Credentials credentials) {
        known.invalidate(credentials.cacheKey());
        String network = network(address);
        String login = loginKey(credentials.login());
        boolean[] counted = {false};
        pairs.asMap().computeIfPresent(pair(network, login), (key, tries) -> {
            if (tries.checking.remove(credentials.cacheKey()) != null) {
                tries.failed++;
                counted[0] = true;
            }
            return tries;
        });
        if (counted[0]) {
            perLogin.asMap().merge(login, 1, Integer::sum);
            perAddress.asMap().merge(network, 1, Integer::sum);
        }
    }

    /** WordPress said neither yes nor no (it failed or timed out): the try is given back to its pair. */
    void unanswered(String address, Credentials credentials) {
        String guess = credentials.cacheKey();
        pairs.asMap().computeIfPresent(pair(network(address), loginKey(credentials.login())), (key, tries) -> {
            tries.checking.computeIfPresent(guess, (g, carriers) -> carriers <= 1 ? null : carriers - 1);
            return tries;
        });
    }

    private boolean isKnown(Credentials credentials) {
        return known.getIfPresent(credentials.cacheKey()) != null;
    }

    private boolean attacked(String network, String login) {
        Integer forLogin = perLogin.getIfPresent(login);
        Integer fromAddress = perAddress.getIfPresent(network);
        return forLogin != null && forLogin >= limits.loginAttacked() || fromAddress != null && fromAddress >= limits.addressAttacked();
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
