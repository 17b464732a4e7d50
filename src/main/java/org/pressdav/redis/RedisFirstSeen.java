package org.pressdav.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.store.FirstSeen;

/**
 * {@link FirstSeen} in Redis: every instance tells the same date for an object, the one the first
 * of them saw it (first writer wins, in one script), and a restart of all of them keeps it. One
 * hash per kind, {@code first-seen:<kind>}, field {@code #<id>} or {@code /<name>}, value the
 * epoch second. Kept as long as Redis keeps its data: the objects of a site (terms, users, media
 * folders) are few. {@link #of(String, Collection)} is one round trip. Without Redis a date is now
 * (as after a restart of one instance alone), and nothing is written.
 */
public final class RedisFirstSeen implements FirstSeen {
    /** KEYS[1] the kind's hash; ARGV now (epoch seconds), then the fields. Answers each field's date, the ones new now set to now. */
    private static final RedisScript DATES = new RedisScript(RedisScript.CHUNKS + """
            local dates, unseen = {}, {}
            for first = 2, #ARGV, CHUNK do
              local last = math.min(first + CHUNK - 1, #ARGV)
              local some = redis.call('HMGET', KEYS[1], unpack(ARGV, first, last))
              for i = 1, last - first + 1 do
                local date = some[i]
                if not date then
                  date = ARGV[1]
                  unseen[#unseen + 1] = ARGV[first + i - 1]
                  unseen[#unseen + 1] = date
                end
                dates[#dates + 1] = date
              end
            end
            chunked('HSET', KEYS[1], unseen)
            return dates
            """);

    private final RedisBackend backend;
    private final Clock clock;

    public RedisFirstSeen(RedisBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    @Override
    public Instant of(String kind, long id) {
        return dates(kind, List.of("#" + id)).get(0);
    }

    @Override
    public Map<Long, Instant> of(String kind, Collection<Long> ids) {
        List<Long> asked = List.copyOf(ids);
        List<String> fields = asked.stream().map(id -> "#" + id).toList();
        List<Instant> dates = dates(kind, fields);
        Map<Long, Instant> byId = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            byId.put(asked.get(i), dates.get(i));
        }
        return byId;
    }

    @Override
    public Instant of(String kind, String name) {
        return dates(kind, List.of("/" + name)).get(0);
    }

    private List<Instant> dates(String kind, List<String> fields) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (fields.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(fields.size() + 1);
        args.add(Long.toString(now.getEpochSecond()));
        args.addAll(fields);
        List<String> seconds = backend.read(() -> DATES.list(backend, backend.key("first-seen", kind), args), null);
        if (seconds == null) {
            return fields.stream().map(field -> now).toList();
        }
        return seconds.stream().map(second -> Instant.ofEpochSecond(Long.parseLong(second))).toList();
    }
}
