package org.pressdav.wordpress;

import java.time.Duration;

/**
 * How the client talks to WordPress. {@code loginCacheTtl}: how long a login that
 * {@code users/me} accepted is trusted before it is checked again. {@code keepAlive}: how long an
 * idle connection is kept for reuse, which must stay below the web server's own keep-alive, or a
 * request goes out on a connection the server is closing. {@code maxAnswerBytes}: the largest
 * REST answer read.
 */
public record ClientSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxConcurrentRequests,
        Duration loginCacheTtl,
        Duration keepAlive,
        long maxAnswerBytes) {

    public static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120), 16,
                Duration.ofSeconds(60), Duration.ofSeconds(4), 32L << 20);
    }

    public ClientSettings withLoginCacheTtl(Duration ttl) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, maxConcurrentRequests, ttl, keepAlive, maxAnswerBytes);
    }

    /** How long to wait for WordPress to answer, or to take an upload. */
    public ClientSettings withTimeout(Duration timeout) {
        return new ClientSettings(connectTimeout, timeout, timeout, maxConcurrentRequests, loginCacheTtl, keepAlive, maxAnswerBytes);
    }

    public ClientSettings withMaxConcurrentRequests(int max) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, max, loginCacheTtl, keepAlive, maxAnswerBytes);
    }

    public ClientSettings withKeepAlive(Duration idle) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, maxConcurrentRequests, loginCacheTtl, idle, maxAnswerBytes);
    }

    public ClientSettings withMaxAnswerBytes(long bytes) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, maxConcurrentRequests, loginCacheTtl, keepAlive, bytes);
    }
}
