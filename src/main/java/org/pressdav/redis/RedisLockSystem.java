package org.pressdav.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.InMemoryLockSystem;
import org.pressdav.dav.lock.LockJson;
import org.pressdav.dav.lock.LockSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LockSystem} in Redis, shared by every instance: a lock taken through one holds through
 * all, and through a restart of Redis from its append-only file (the locks are plain data there,
 * nothing of them lives in an instance). All locks are one hash, {@code locks}: field the token,
 * value the lock as JSON ({@link LockJson}), and the field {@code ~version}, which every change
 * moves on. Locks are few (a client's, for minutes), so each operation reads them all in one
 * round trip (HGETALL) and lets {@link InMemoryLockSystem} decide over that copy, the one place
 * the rules of locking live; a change is then written by a script only if {@code ~version} is
 * still what was read (else read and decide again): atomic across instances, with no lease that
 * a dead instance could leave held. Locks that timed out go as soon as any operation sees them so
 * (as in memory, where a time once seen to be past a lock's end frees it for good). What a PROPFIND shows is
 * decided over this instance's copy of the hash ({@link NearCache}), which every change here drops in every instance.
 */
public final class RedisLockSystem implements LockSystem {
    private static final Logger log = LoggerFactory.getLogger(RedisLockSystem.class);
    private static final String VERSION = "~version";
    /** How often a change is decided again when other instances changed the locks in between, before it is refused (503). */
    private static final int ATTEMPTS = 100;

    /** KEYS[1] the locks; ARGV the version read, then token, lock JSON ('' removes it), ... Answers 0, changing nothing, if another change came first. */
    private static final RedisScript COMMIT = new RedisScript("""
            if (redis.call('HGET', KEYS[1], '~version') or '0') ~= ARGV[1] then
              return 0
            end
            for i = 2, #ARGV, 2 do
              if ARGV[i + 1] == '' then
                redis.call('HDEL', KEYS[1], ARGV[i])
              else
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
              end
            end
            redis.call('HINCRBY', KEYS[1], '~version', 1)
            return 1
            """);

    private final RedisBackend backend;
    private final String key;

    public RedisLockSystem(RedisBackend backend) {
        this.backend = backend;
        this.key = backend.key("locks");
    }

    /** The locks as Redis holds them now, and the version they are at. */
    private record Held(Map<String, Lock> locks, String version) {
        InMemoryLockSystem decider() {
            return InMemoryLockSystem.holding(locks.values());
        }
    }

    private Held current() {
        return held(backend.redisson().<String, String>getMap(key).readAllMap());
    }

    private static Held held(Map<String, String> all) {
        Map<String, Lock> locks = new HashMap<>();
        all.forEach((token, json) -> {
            if (!token.equals(VERSION)) {
                try {
                    locks.put(token, LockJson.read(json));
                } catch (Exception e) {
                    log.warn("the lock {} kept in Redis cannot be read ({}); it is not held", token, e.getMessage());
                }
            }
        });
        return new Held(locks, all.getOrDefault(VERSION, "0"));
    }

    /** Decides {@code change} over the locks held now and writes what it changed, unless another instance changed them first: then again. */
    private <T> T change(Function<InMemoryLockSystem, T> change) {
        return backend.write(() -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Held before = current();
                InMemoryLockSystem decider = before.decider();
                T result = change.apply(decider);
                List<String> writes = differences(before, decider.all());
                if (writes.size() == 1 || COMMIT.change(backend, key, writes) == 1) {
                    return result;
                }
            }
            throw new DavError.Busy("the locks changed " + ATTEMPTS + " times while this one was decided; try again");
        });
    }

    /**
     * Answers {@code question} over the locks held now (one round trip); if it found some timed out,
     * they are removed (once: if another change came first, it will remove them).
     */
    private <T> T look(Function<InMemoryLockSystem, T> question) {
        Held before = current();
        InMemoryLockSystem decider = before.decider();
        T answer = question.apply(decider);
        List<String> expired = differences(before, decider.all());
        if (expired.size() > 1) {
            COMMIT.change(backend, key, expired);
        }
        return answer;
    }

    /** The version read, then each token whose lock is new, changed (its JSON) or gone (''). */
    private static List<String> differences(Held before, List<Lock> after) {
        List<String> writes = new ArrayList<>();
        writes.add(before.version());
        Map<String, Lock> gone = new HashMap<>(before.locks());
        for (Lock lock : after) {
            if (!lock.equals(gone.remove(lock.token()))) {
                writes.add(lock.token());
                writes.add(LockJson.write(lock));
            }
        }
        gone.keySet().forEach(token -> {
            writes.add(token);
            writes.add("");
        });
        return writes;
    }

    @Override
    public Lock create(Instant now, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml, String user,
            Duration timeout) {
        return change(locks -> locks.create(now, root, path, exclusive, infinite, ownerXml, user, timeout));
    }

    @Override
    public Optional<Lock> refresh(Instant now, String token, ResourceKey key, String user, Duration timeout) {
        return change(locks -> locks.refresh(now, token, key, user, timeout));
    }

    @Override
    public Unlocked unlock(Instant now, ResourceKey key, String token, String user, boolean override) {
        return change(locks -> locks.unlock(now, key, token, user, override));
    }

    /** A guard of a write: without Redis the write is refused (503), never let through unchecked. */
    @Override
    public void confirm(Instant now, String user, Collection<String> tokens, ResourceKey key, boolean inside) {
        backend.run(() -> look(locks -> {
            locks.confirm(now, user, tokens, key, inside);
            return null;
        }));
    }

    @Override
    public List<Lock> on(Instant now, ResourceKey key) {
        return backend.read(() -> look(locks -> locks.on(now, key)), List.of());
    }

    @Override
    public Map<ResourceKey, List<Lock>> on(Instant now, Collection<ResourceKey> keys) {
        return backend.read(() -> look(locks -> locks.on(now, keys)), Map.of());
    }

    @Override
    public Map<ResourceKey, List<Lock>> onForRead(Instant now, Collection<ResourceKey> keys) {
        Map<String, String> copy = backend.copyOf(key);
        return copy == null ? Map.of() : held(copy).decider().on(now, keys);
    }

    @Override
    public int held(Instant now) {
        return backend.read(() -> look(locks -> locks.held(now)), 0);
    }

    @Override
    public void forget(ResourceKey key) {
        change(locks -> {
            locks.forget(key);
            return null;
        });
    }

    @Override
    public void rekey(ResourceKey from, ResourceKey to) {
        change(locks -> {
            locks.rekey(from, to);
            return null;
        });
    }
}
