package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins, counted per client address and per login name over a window. Past the limit,
 * a login is refused (429) without asking WordPress, so guessing passwords through pressdav
 * costs WordPress nothing and gains the guesser little. A login that succeeds clears its count.
 */
final class LoginThrottle {
    private final Cache<String, AtomicInteger> failures;
    private final int perLogin;
    private final int perAddress;
    private final Duration window;

    LoginThrottle(int perLogin, int perAddress, Duration window, Ticker ticker) {
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).ticker(ticker).maximumSize(100_000).build();
        this.perLogin = perLogin;
        this.perAddress = perAddress;
        this.window = window;
    }

    static LoginThrottle standard() {
        return new LoginThrottle(10, 30, Duration.ofMinutes(1), Ticker.systemTicker());
    }

    /** Whether this address or login has failed too often to be tried now. */
    boolean blocked(String address, String login) {
        return count("addr:" + address) >= perAddress || count("login:" + login) >= perLogin;
    }

    void failed(String address, String login) {
        failures.asMap().computeIfAbsent("addr:" + address, k -> new AtomicInteger()).incrementAndGet();
        failures.asMap().computeIfAbsent("login:" + login, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String login) {
        failures.invalidate("login:" + login);
    }

    long retryAfterSeconds() {
        return window.toSeconds();
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }
}
