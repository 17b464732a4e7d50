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
 * server read-write only if it can lock; Windows and Office lock while they save. A lock is held
 * on what a path reaches ({@link ResourceKey}: the object, whatever name reached it) and belongs
 * to the WordPress user who took it: another user's token does not count as theirs, and only its
 * owner (or an administrator) may remove it.
 */
public final class LockStore {
    /** The longest lock pressdav grants; a client asking for more (or Infinite) gets this. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** One lock: {@code root} and, with depth infinity, everything below it; {@code path} is where it was taken. */
    public record Lock(String token, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml, String user,
            Instant expires) {
        boolean covers(ResourceKey key) {
            return key.equals(root) || (infinite && key.startsWith(root));
        }

        long secondsLeft(Instant now) {
            return Math.max(0, Duration.between(now, expires).toSeconds());
        }

        Lock until(Instant newExpiry) {
            return new Lock(token, root, path, exclusive, infinite, ownerXml, user, newExpiry);
        }
    }

    /** How an UNLOCK ended. */
    public enum Unlocked { DONE, NO_SUCH_LOCK, NOT_YOURS }

    private final Map<String, Lock> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    public LockStore(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The live locks on {@code key} (its own, and those of ancestors with depth infinity). */
    public List<Lock> on(ResourceKey key) {
        List<Lock> found = new ArrayList<>();
        for (Lock lock : live()) {
            if (lock.covers(key)) {
                found.add(lock);
            }
        }
        return found;
    }

    /** Live locks held strictly below {@code key}: what a DELETE or MOVE of it would take away. */
    public List<Lock> below(ResourceKey key) {
        return live().stream().filter(l -> !l.root().equals(key) && l.root().startsWith(key)).toList();
    }

    private List<Lock> live() {
        Instant now = clock.instant();
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

    /** Takes a lock, or says which lock stands in the way (423). */
    public synchronized Lock lock(ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml, String user,
            Duration timeout) {
        List<Lock> conflicts = new ArrayList<>(on(root));
        if (infinite) {
            conflicts.addAll(below(root));
        }
        for (Lock other : conflicts) {
            if (exclusive || other.exclusive()) {
                throw new DavError.Locked(path + " is locked by someone else");
            }
        }
        Lock lock = new Lock("opaquelocktoken:" + UUID.randomUUID(), root, path, exclusive, infinite, ownerXml, user,
                clock.instant().plus(min(timeout)));
        locks.put(lock.token(), lock);
        return lock;
    }

    /** A new timeout for the owner's lock that covers {@code key}. */
    public Optional<Lock> refresh(String token, ResourceKey key, String user, Duration timeout) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.user().equals(user) || lock.expires().isBefore(clock.instant()) || !lock.covers(key)) {
            return Optional.empty();
        }
        Lock refreshed = lock.until(clock.instant().plus(min(timeout)));
        locks.put(token, refreshed);
        return Optional.of(refreshed);
    }

    /** Removes the lock if it covers {@code key} and {@code user} owns it (or {@code override}: an administrator). */
    public Unlocked unlock(ResourceKey key, String token, String user, boolean override) {
        Lock lock = locks.get(token);
        if (lock == null || !lock.covers(key) || lock.expires().isBefore(clock.instant())) {
            return Unlocked.NO_SUCH_LOCK;
        }
        if (!lock.user().equals(user) && !override) {
            return Unlocked.NOT_YOURS;
        }
        locks.remove(token);
        return Unlocked.DONE;
    }

    /** Drops every lock rooted at or below {@code key} (the resource is gone). */
    public void forget(ResourceKey key) {
        locks.values().removeIf(lock -> lock.root().startsWith(key));
    }

    private static Duration min(Duration asked) {
        return asked == null || asked.compareTo(MAX_TIMEOUT) > 0 || asked.isNegative() || asked.isZero() ? MAX_TIMEOUT : asked;
    }
}
