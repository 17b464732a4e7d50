package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins over a window, counted per login from one address, per login from anywhere, and
 * per address. Past a limit, a login is refused (429) without asking WordPress, so guessing
 * passwords through pressdav costs WordPress nothing and gains the guesser little; the
 * per-address limit is high, so that one guesser behind an office's address does not lock out
 * everyone behind it. A login that succeeds clears its counts.
 */
final class LoginThrottle {
    private final Cache<String, AtomicInteger> failures;
    private final int perLoginAndAddress;
    private final int perLogin;
    private final int perAddress;
    private final Duration window;

    LoginThrottle(int perLoginAndAddress, int perLogin, int perAddress, Duration window, Ticker ticker) {
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).ticker(ticker).maximumSize(100_000).build();
        this.perLoginAndAddress = perLoginAndAddress;
        this.perLogin = perLogin;
        this.perAddress = perAddress;
        this.window = window;
    }

    static LoginThrottle standard() {
        return new LoginThrottle(10, 30, 100, Duration.ofMinutes(1), Ticker.systemTicker());
    }

    /** Whether this address or login has failed too often to be tried now. */
    boolean blocked(String address, String login) {
        return count("pair:" + address + "\n" + login) >= perLoginAndAddress || count("login:" + login) >= perLogin
                || count("addr:" + address) >= perAddress;
    }

    void failed(String address, String login) {
        failures.asMap().computeIfAbsent("pair:" + address + "\n" + login, k -> new AtomicInteger()).incrementAndGet();
        failures.asMap().computeIfAbsent("addr:" + address, k -> new AtomicInteger()).incrementAndGet();
        failures.asMap().computeIfAbsent("login:" + login, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String address, String login) {
        failures.invalidate("pair:" + address + "\n" + login);
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
