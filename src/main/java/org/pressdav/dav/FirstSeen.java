package org.pressdav.dav;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates for objects WordPress keeps none for (terms, users): the moment this server first saw
 * them, so their {@code getlastmodified} stays the same from one request to the next.
 */
public final class FirstSeen {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public FirstSeen(Clock clock) {
        this.clock = clock;
    }

    public Instant of(String kind, long id) {
        return seen.computeIfAbsent(kind + ":" + id, key -> clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
