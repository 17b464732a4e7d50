package org.pressdav.dav.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;

/**
 * {@link LockSystem} in this process's memory: lost on restart unless {@link DiskLockSystem} keeps
 * it, not shared between instances.
 */
public final class InMemoryLockSystem implements LockSystem {
    private final Map<String, Lock> locks = new ConcurrentHashMap<>();

    /**
     * A lock system holding these locks, expired or not: a store kept elsewhere (shared by several
     * instances) reads its locks into one, lets it decide, and keeps what {@link #all()} then holds.
     */
    public static InMemoryLockSystem holding(Collection<Lock> locks) {
        InMemoryLockSystem system = new InMemoryLockSystem();
        locks.forEach(system::restore);
        return system;
    }

    private List<Lock> live(Instant now) {
        List<Lock> live = new ArrayList<>();
        for (Lock lock : locks.values()) {
            if (lock.expires().isBefore(now)) {
                locks.remove(lock.token(), lock);
            } else {
                live.add(lock);
            }
        }
        return live;
    }

    @Override
    public List<Lock> on(Instant now, ResourceKey key) {
        return live(now).stream().filter(lock -> lock.covers(key)).toList();
    }

    @Override
    public Map<ResourceKey, List<Lock>> on(Instant now, Collection<ResourceKey> keys) {
        Map<ResourceKey, List<Lock>> found = new HashMap<>();
        Set<ResourceKey> wanted = keys instanceof Set<ResourceKey> set ? set : new HashSet<>(keys);
        for (Lock lock : live(now)) {
            if (!lock.infinite()) {
                if (wanted.contains(lock.root())) {
                    found.computeIfAbsent(lock.root(), k -> new ArrayList<>()).add(lock);
                }
                continue;
            }
            for (ResourceKey key : wanted) {
                if (lock.covers(key)) {
                    found.computeIfAbsent(key, k -> new ArrayList<>()).add(lock);
                }
            }
        }
        return found;
    }

    private List<Lock> below(Instant now, ResourceKey key) {
        return live(now).stream().filter(l -> !l.root().equals(key) && l.root().startsWith(key)).toList();
    }

    @Override
    public synchronized Lock create(Instant now, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml,
            String user, Duration timeout) {
        List<Lock> conflicts = new ArrayList<>(on(now, root));
        if (infinite) {
            conflicts.addAll(below(now, root));
        }
        for (Lock other : conflicts) {
            if (exclusive || other.exclusive()) {
                throw new DavError.Locked(path + " is locked by someone else");
            }
        }
        Lock lock = new Lock("opaquelocktoken:" + UUID.randomUUID(), root, path, exclusive, infinite, ownerXml, user,
                now.plus(bounded(timeout)));
        locks.put(lock.token(), lock);
        return lock;
    }

    @Override
    public synchronized Optional<Lock> refresh(Instant now, String token, ResourceKey key, String user, Duration timeout) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.user().equals(user) || lock.expires().isBefore(now) || !lock.covers(key)) {
            return Optional.empty();
        }
        Lock refreshed = new Lock(lock.token(), lock.root(), lock.path(), lock.exclusive(), lock.infinite(), lock.ownerXml(), lock.user(),
                now.plus(bounded(timeout)));
        locks.put(token, refreshed);
        return Optional.of(refreshed);
    }

    @Override
    public synchronized Unlocked unlock(Instant now, ResourceKey key, String token, String user, boolean override) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.covers(key) || lock.expires().isBefore(now)) {
            return Unlocked.NO_SUCH_LOCK;
        }
        if (!lock.user().equals(user) && !override) {
            return Unlocked.NOT_YOURS;
        }
        locks.remove(token);
        return Unlocked.DONE;
    }

    @Override
    public synchronized void confirm(Instant now, String user, Collection<String> tokens, ResourceKey key, boolean inside) {
        List<Lock> held = on(now, key);
        if (!held.isEmpty() && held.stream().noneMatch(lock -> lock.user().equals(user) && tokens.contains(lock.token()))) {
            throw new DavError.Locked(held.get(0).path() + " is locked; submit its lock token in an If header");
        }
        if (inside) {
            for (Lock lock : below(now, key)) {
                if (!lock.user().equals(user) || !tokens.contains(lock.token())) {
                    throw new DavError.Locked("it holds " + lock.path() + ", which is locked");
                }
            }
        }
    }

    @Override
    public void forget(ResourceKey key) {
        locks.values().removeIf(lock -> lock.root().startsWith(key));
    }

    @Override
    public int held(Instant now) {
        return live(now).size();
    }

    @Override
    public synchronized void rekey(ResourceKey from, ResourceKey to) {
        for (Lock lock : List.copyOf(locks.values())) {
            if (lock.root().equals(from)) {
                locks.put(lock.token(), new Lock(lock.token(), to, lock.path(), lock.exclusive(), lock.infinite(), lock.ownerXml(), lock.user(),
                        lock.expires()));
            }
        }
    }

    /** Every lock held, expired or not: what {@link DiskLockSystem} compares before and after a change. */
    public List<Lock> all() {
        return List.copyOf(locks.values());
    }

    /** Holds this lock again as it was (read back after a restart, or a change undone), replacing any of its token. */
    void restore(Lock lock) {
        locks.put(lock.token(), lock);
    }

    /** Drops the lock of this token, whoever holds it: a change undone. */
    void drop(String token) {
        locks.remove(token);
    }

    private static Duration bounded(Duration asked) {
        return asked == null || asked.compareTo(MAX_TIMEOUT) > 0 || asked.isNegative() || asked.isZero() ? MAX_TIMEOUT : asked;
    }
}
