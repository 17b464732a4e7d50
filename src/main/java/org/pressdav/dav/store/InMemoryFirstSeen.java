package org.pressdav.dav.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** {@link FirstSeen} in memory: forgotten on restart, when the dates start again. */
public final class InMemoryFirstSeen implements FirstSeen {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryFirstSeen(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant of(String kind, long id) {
        return seen.computeIfAbsent(kind + ":" + id, key -> clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Override
    public Map<Long, Instant> of(String kind, Collection<Long> ids) {
        Map<Long, Instant> dates = new HashMap<>();
        for (long id : ids) {
            dates.put(id, of(kind, id));
        }
        return dates;
    }

    @Override
    public Instant of(String kind, String name) {
        return seen.computeIfAbsent(kind + "/" + name, key -> clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
