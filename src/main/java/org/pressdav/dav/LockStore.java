package org.pressdav.dav;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write locks (RFC 4918 §6, §9.10): held in memory, expiring at their timeout. Finder mounts a
 * server read-write only if it can lock; Windows and Office lock while they save. A lock is the
 * user's who took it: another user's token does not count as theirs.
 */
public final class LockStore {
    /** The longest lock pressdav grants; a client asking for more (or Infinite) gets this. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** One lock: {@code root} and, with depth infinity, everything below it. */
    public record Lock(String token, DavPath root, boolean exclusive, boolean infinite, String ownerXml, String user, Instant expires) {
        boolean covers(DavPath path) {
            return path.equals(root) || (infinite && path.startsWith(root));
        }

        long secondsLeft(Instant now) {
            return Math.max(0, Duration.between(now, expires).toSeconds());
        }
    }

    private final Map<String, Lock> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    public LockStore(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The live locks on {@code path} (its own, and those of ancestors with depth infinity). */
    public List<Lock> on(DavPath path) {
        List<Lock> found = new ArrayList<>();
        for (Lock lock : locks.values()) {
            if (lock.expires().isBefore(clock.instant())) {
                locks.remove(lock.token());
            } else if (lock.covers(path)) {
                found.add(lock);
            }
        }
        return found;
    }

    /** Live locks whose root lies at or below {@code path} (what a depth-infinity lock there would cover). */
    List<Lock> below(DavPath path) {
        return locks.values().stream().filter(l -> !l.expires().isBefore(clock.instant()) && l.root().startsWith(path)).toList();
    }

    /** Takes a lock, or says which lock stands in the way (423). */
    public synchronized Lock lock(DavPath root, boolean exclusive, boolean infinite, String ownerXml, String user, Duration timeout) {
        List<Lock> conflicts = new ArrayList<>(on(root));
        if (infinite) {
            conflicts.addAll(below(root));
        }
        for (Lock other : conflicts) {
            if (exclusive || other.exclusive()) {
                throw new DavRefusal(423, root + " is locked by someone else");
            }
        }
        Lock lock = new Lock("opaquelocktoken:" + UUID.randomUUID(), root, exclusive, infinite, ownerXml, user,
                clock.instant().plus(min(timeout)));
        locks.put(lock.token(), lock);
        return lock;
    }

    public Optional<Lock> refresh(String token, String user, Duration timeout) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.user().equals(user) || lock.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        Lock refreshed = new Lock(lock.token(), lock.root(), lock.exclusive(), lock.infinite(), lock.ownerXml(), lock.user(),
                clock.instant().plus(min(timeout)));
        locks.put(token, refreshed);
        return Optional.of(refreshed);
    }

    /** Removes the lock if it covers {@code path}; false when no such lock does. */
    public boolean unlock(DavPath path, String token) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.covers(path)) {
            return false;
        }
        locks.remove(token);
        return true;
    }

    /** Drops every lock rooted at or below {@code path} (the resource is gone). */
    public void forget(DavPath path) {
        locks.values().removeIf(lock -> lock.root().startsWith(path));
    }

    private static Duration min(Duration asked) {
        return asked == null || asked.compareTo(MAX_TIMEOUT) > 0 || asked.isNegative() || asked.isZero() ? MAX_TIMEOUT : asked;
    }
}
