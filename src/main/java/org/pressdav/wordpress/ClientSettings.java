package org.pressdav.wordpress;

import java.time.Duration;

/**
 * How the client talks to WordPress. {@code loginCacheTtl}: how long a login that
 * {@code users/me} accepted is trusted before it is checked again.
 */
public record ClientSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxConcurrentRequests,
        Duration loginCacheTtl) {

    public static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120), 16,
                Duration.ofSeconds(60));
    }

    public ClientSettings withLoginCacheTtl(Duration ttl) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, maxConcurrentRequests, ttl);
    }

    /** How long to wait for WordPress to answer, or to take an upload. */
    public ClientSettings withTimeout(Duration timeout) {
        return new ClientSettings(connectTimeout, timeout, timeout, maxConcurrentRequests, loginCacheTtl);
    }

    public ClientSettings withMaxConcurrentRequests(int max) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, max, loginCacheTtl);
    }
}
