package org.pressdav.dav.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;

/**
 * Where write locks (RFC 4918 §6) are kept, shaped like golang {@code x/net/webdav}'s
 * {@code LockSystem}: create, refresh, unlock and confirm. Every operation is atomic, and takes
 * the time, so that a test (or several instances sharing one store) decides what now is. Locks
 * are held on {@link ResourceKey}s and belong to the WordPress user ({@code user}) who took them.
 * {@link InMemoryLockSystem} is the default; {@code LockSystemContract} is what any backend must pass.
 */
public interface LockSystem {
    /** The longest lock granted; a client asking for more (or Infinite) gets this. */
    Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** One lock: {@code root} and, with depth infinity, everything below it; {@code path} is where it was taken. */
    record Lock(String token, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml, String user,
            Instant expires) {
        public boolean covers(ResourceKey key) {
            return key.equals(root) || (infinite && key.startsWith(root));
        }

        public long secondsLeft(Instant now) {
            return Math.max(0, Duration.between(now, expires).toSeconds());
        }
    }

    /** How an UNLOCK ended. */
    enum Unlocked { DONE, NO_SUCH_LOCK, NOT_YOURS }

    /** A new lock, or {@link DavError.Locked} naming what stands in the way. */
    Lock create(Instant now, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml, String user,
            Duration timeout);

    /** A new timeout for the owner's live lock that covers {@code key}; empty if there is none. */
    Optional<Lock> refresh(Instant now, String token, ResourceKey key, String user, Duration timeout);

    /** Removes the lock if it covers {@code key} and {@code user} owns it ({@code override}: an administrator may). */
    Unlocked unlock(Instant now, ResourceKey key, String token, String user, boolean override);

    /**
     * That {@code user} may write {@code key} now: every lock on it is theirs and among
     * {@code tokens} (one of several shared locks suffices), and, with {@code inside}, so is every
     * lock held below it (a folder being deleted or moved). Else {@link DavError.Locked}.
     */
    void confirm(Instant now, String user, Collection<String> tokens, ResourceKey key, boolean inside);

    /** The live locks on {@code key}: its own, and those of ancestors with depth infinity. */
    List<Lock> on(Instant now, ResourceKey key);

    /** The same for many keys at once (a folder's children in a listing): one call, whatever their number; keys without locks are left out. */
    Map<ResourceKey, List<Lock>> on(Instant now, Collection<ResourceKey> keys);

    /**
     * The same for what a PROPFIND shows (lock discovery): a system shared by several instances may answer from a copy
     * it keeps in each, which follows a lock taken or given back through another instance within moments. What a
     * write is checked against ({@link #confirm}, an {@code If} header's tokens) is its latest.
     */
    default Map<ResourceKey, List<Lock>> onForRead(Instant now, Collection<ResourceKey> keys) {
        return on(now, keys);
    }

    /** How many live locks there are now (the metrics). */
    int held(Instant now);

    /** Drops every lock rooted at or below {@code key} (the resource is gone). */
    void forget(ResourceKey key);

    /** The locks rooted at {@code from} are now on {@code to}: a file known by its name became a WordPress object. */
    void rekey(ResourceKey from, ResourceKey to);
}
