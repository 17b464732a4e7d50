package org.pressdav.wordpress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Function;

/**
 * Logins that {@code users/me} accepted, trusted for a short while. WordPress answers a public
 * GET with a wrong application password as if the caller were anonymous (200), so a login is
 * never trusted until {@code users/me} said yes. Keyed by {@link Credentials#cacheKey()}, a hash:
 * no password is kept. Refusals are not cached, so a fixed password works at once.
 */
final class VerifiedLogins {
    private final Cache<String, User> accepted;
    private final Function<Credentials, User> askWordPress;

    VerifiedLogins(Duration ttl, Ticker ticker, Function<Credentials, User> askWordPress) {
        this.accepted = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(10_000).build();
        this.askWordPress = askWordPress;
    }

    /** The user these credentials belong to; a {@link WordPressException} (401) if WordPress refuses them. */
    User verify(Credentials credentials) {
        return accepted.get(credentials.cacheKey(), key -> askWordPress.apply(credentials));
    }
}
