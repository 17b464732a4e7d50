package org.pressdav.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Redis hash whose fields each last {@code ttl} from the time written into their value
 * ({@code millis|payload}), by the clock the drive passes in, never Redis's: a test moves the clock
 * and sees a field expire. With {@code touch}, a field read is used, and lasts {@code ttl} from
 * then (Caffeine's expire-after-access), written again only where its time is more than a tenth
 * of {@code ttl} old (a listing read again at once writes nothing); without, from its last write. Redis's own expiry of the
 * whole hash, {@code ttl} after its last write, is only the garbage collection of what nobody asks for.
 * Every method is one round trip and a fixed number of Redis commands (one more per 2,500 fields: {@link RedisScript#CHUNK}),
 * but {@link #shown}, what a read shows, which is mostly none: it answers from this instance's copy of the hash
 * ({@link NearCache}), which every write here drops in every instance.
 */
final class TimedHash {
    /** KEYS[1] the hash; ARGV now, ttl (ms), touch (1/0), then the fields, or none for all of them. Answers field, payload, ... of the live ones. */
    private static final RedisScript READ = new RedisScript(RedisScript.CHUNKS + """
            local now, ttl, touch = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
            local fields, values = {}, {}
            if #ARGV == 3 then
              local all = redis.call('HGETALL', KEYS[1])
              for i = 1, #all, 2 do
                fields[#fields + 1] = all[i]
                values[#values + 1] = all[i + 1]
              end
            else
              for first = 4, #ARGV, CHUNK do
                local last = math.min(first + CHUNK - 1, #ARGV)
                local some = redis.call('HMGET', KEYS[1], unpack(ARGV, first, last))
                for i = 1, last - first + 1 do
                  fields[#fields + 1] = ARGV[first + i - 1]
                  values[#values + 1] = some[i]
                end
              end
            end
            local live, used, stale = {}, {}, {}
            for i = 1, #fields do
              local value = values[i]
              if value then
                local bar = string.find(value, '|', 1, true)
                local age = now - tonumber(string.sub(value, 1, bar - 1))
                if age >= ttl then
                  stale[#stale + 1] = fields[i]
                else
                  live[#live + 1] = fields[i]
                  live[#live + 1] = string.sub(value, bar + 1)
                  if touch and age >= ttl / 10 then
                    used[#used + 1] = fields[i]
                    used[#used + 1] = ARGV[1] .. string.sub(value, bar)
                  end
                end
              end
            end
            chunked('HDEL', KEYS[1], stale)
            if #used > 0 then
              chunked('HSET', KEYS[1], used)
              redis.call('PEXPIRE', KEYS[1], ttl)
            end
            return live
            """);

    /** KEYS[1] the hash; ARGV ttl (ms), then field, stamped value, ... */
    private static final RedisScript WRITE = new RedisScript(RedisScript.CHUNKS + """
            local values = {}
            for i = 2, #ARGV do values[i - 1] = ARGV[i] end
            chunked('HSET', KEYS[1], values)
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS[1] the hash; ARGV the field. */
    private static final RedisScript REMOVE = new RedisScript("""
            redis.call('HDEL', KEYS[1], ARGV[1])
            return 1
            """);

    private final RedisBackend backend;
    private final Duration ttl;
    private final boolean touch;

    TimedHash(RedisBackend backend, Duration ttl, boolean touch) {
        this.backend = backend;
        this.ttl = ttl;
        this.touch = touch;
    }

    /** The live payloads of these fields; without Redis, none. */
    Map<String, String> read(String key, Collection<String> fields, Instant now) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        List<String> args = new ArrayList<>(fields.size() + 3);
        args.addAll(List.of(Long.toString(now.toEpochMilli()), Long.toString(ttl.toMillis()), touch ? "1" : "0"));
        args.addAll(fields);
        return backend.read(() -> pairs(READ.list(backend, key, args)), Map.of());
    }

    Optional<String> read(String key, String field, Instant now) {
        return Optional.ofNullable(read(key, List.of(field), now).get(field));
    }

    /** Every live field's payload; without Redis, none. */
    Map<String, String> readAll(String key, Instant now) {
        List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(ttl.toMillis()), touch ? "1" : "0");
        return backend.read(() -> pairs(READ.list(backend, key, args)), Map.of());
    }

    /** Writes these fields' payloads, each lasting {@code ttl} from now; without Redis, 503. */
    void write(String key, Map<String, String> payloads, Instant now) {
        List<String> args = new ArrayList<>(payloads.size() * 2 + 1);
        args.add(Long.toString(ttl.toMillis()));
        payloads.forEach((field, payload) -> {
            args.add(field);
            args.add(stamped(now, payload));
        });
        backend.run(() -> WRITE.change(backend, key, args));
    }

    void remove(String key, String field) {
        backend.run(() -> REMOVE.change(backend, key, List.of(field)));
    }

    /**
     * What a read shows of the live fields {@code wanted} picks (asked only of the fields the hash has), from this
     * instance's copy of the whole hash: no round trip while it is kept. A field whose use must be written
     * ({@code touch}, used a tenth of {@code ttl} ago or more by the copy's time, which another instance's use may
     * have moved on) is read from Redis as {@link #read} does, and the copy, older than Redis now, is dropped
     * here. Without Redis, none.
     */
    Map<String, String> shown(String key, Predicate<String> wanted, Instant now) {
        Map<String, String> copy = backend.copyOf(key);
        if (copy == null || copy.isEmpty()) {
            return Map.of();
        }
        Map<String, String> live = new HashMap<>();
        List<String> used = new ArrayList<>();
        long millis = ttl.toMillis();
        copy.forEach((field, value) -> {
            if (wanted.test(field)) {
                int bar = value.indexOf('|');
                long age = now.toEpochMilli() - Long.parseLong(value.substring(0, bar));
                if (touch && age >= millis / 10) {
                    used.add(field);
                } else if (age < millis) {
                    live.put(field, value.substring(bar + 1));
                }
            }
        });
        if (!used.isEmpty()) {
            live.putAll(read(key, used, now));
            backend.nearCache().changed(key);
        }
        return live;
    }

    /** A field's value as this hash keeps it: the time it was written (or used), then the payload. */
    static String stamped(Instant now, String payload) {
        return now.toEpochMilli() + "|" + payload;
    }

    private static Map<String, String> pairs(List<String> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }
}
