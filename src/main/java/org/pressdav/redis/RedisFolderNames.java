package org.pressdav.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pressdav.dav.store.FolderNames;

/**
 * {@link FolderNames} in Redis, shared by every instance: a folder renamed through one is found
 * under its new name through all. One hash per user and kind, {@code names:<user>:<kind>}, with
 * both directions of each name, {@code id:<id>} → {@code millis|name} and {@code name:<name>} →
 * {@code millis|id}, so that giving a name (which takes it from another object, and the object's
 * old name from it) is one atomic script; the objects a user's MKCOL made are the hash
 * {@code new:<user>}, field the object key. Each lasts {@code ttl} after its last use
 * ({@link TimedHash}). {@link #names} is one round trip: the kind's hash; what a listing shows comes from this
 * instance's copy of it ({@link TimedHash#shown}), no round trip while it is kept.
 */
public final class RedisFolderNames implements FolderNames {
    private static final String BY_ID = "id:";
    private static final String BY_NAME = "name:";

    /** The payload of a stamped value, or nil. */
    private static final String PAYLOAD = """
            local function payload(value)
              if not value then return nil end
              return string.sub(value, string.find(value, '|', 1, true) + 1)
            end
            local function unlink(field, back, other)
              local value = payload(redis.call('HGET', KEYS[1], field))
              if value and payload(redis.call('HGET', KEYS[1], other .. value)) == back then
                redis.call('HDEL', KEYS[1], other .. value)
              end
              return value
            end
            """;

    /** KEYS[1] the names; ARGV now (ms), ttl (ms), id, name. The object's old name and the name's old object let go of each other first. */
    private static final RedisScript PUT = new RedisScript(PAYLOAD + """
            unlink('id:' .. ARGV[3], ARGV[3], 'name:')
            unlink('name:' .. ARGV[4], ARGV[4], 'id:')
            redis.call('HSET', KEYS[1], 'id:' .. ARGV[3], ARGV[1] .. '|' .. ARGV[4], 'name:' .. ARGV[4], ARGV[1] .. '|' .. ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """);

    /** KEYS[1] the names; ARGV id. */
    private static final RedisScript FORGET = new RedisScript(PAYLOAD + """
            if unlink('id:' .. ARGV[1], ARGV[1], 'name:') then
              redis.call('HDEL', KEYS[1], 'id:' .. ARGV[1])
            end
            return 1
            """);

    private final RedisBackend backend;
    private final TimedHash names;
    private final Duration ttl;
    private final Clock clock;

    public RedisFolderNames(RedisBackend backend, Duration ttl, Clock clock) {
        this.backend = backend;
        this.names = new TimedHash(backend, ttl, true);
        this.ttl = ttl;
        this.clock = clock;
    }

    private String namesOf(String user, String kind) {
        return backend.key("names", user, kind);
    }

    @Override
    public void created(String user, String objectKey) {
        names.write(backend.key("new", user), Map.of(objectKey, "1"), clock.instant());
    }

    @Override
    public boolean isNew(String user, String objectKey) {
        return objectKey != null && names.read(backend.key("new", user), objectKey, clock.instant()).isPresent();
    }

    @Override
    public void put(String user, String kind, String name, long id) {
        List<String> args = List.of(Long.toString(clock.instant().toEpochMilli()), Long.toString(ttl.toMillis()), Long.toString(id), name);
        backend.run(() -> PUT.change(backend, namesOf(user, kind), args));
    }

    @Override
    public Optional<Long> id(String user, String kind, String name) {
        return names.read(namesOf(user, kind), BY_NAME + name, clock.instant()).map(Long::valueOf);
    }

    @Override
    public Optional<String> name(String user, String kind, long id) {
        return names.read(namesOf(user, kind), BY_ID + id, clock.instant());
    }

    @Override
    public Map<Long, String> names(String user, String kind) {
        return byId(names.readAll(namesOf(user, kind), clock.instant()));
    }

    @Override
    public Map<Long, String> namesForRead(String user, String kind) {
        return byId(names.shown(namesOf(user, kind), field -> field.startsWith(BY_ID), clock.instant()));
    }

    private static Map<Long, String> byId(Map<String, String> fields) {
        Map<Long, String> found = new HashMap<>();
        fields.forEach((field, name) -> {
            if (field.startsWith(BY_ID)) {
                found.put(Long.valueOf(field.substring(BY_ID.length())), name);
            }
        });
        return found;
    }

    @Override
    public void forget(String user, String kind, long id) {
        backend.run(() -> FORGET.change(backend, namesOf(user, kind), List.of(Long.toString(id))));
    }
}
