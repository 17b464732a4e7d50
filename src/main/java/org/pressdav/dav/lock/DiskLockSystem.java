package org.pressdav.dav.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LockSystem} whose locks outlive the process: {@link InMemoryLockSystem} decides and
 * answers, and every lock it holds is also a file in pressdav's data directory ({@link LockFiles}),
 * written before the LOCK is answered and removed with the lock. A restart reads them back and
 * drops those that have timed out, so that a client's lock holds until its timeout whatever
 * happens to the server in between.
 */
public final class DiskLockSystem implements LockSystem {
    private static final Logger log = LoggerFactory.getLogger(DiskLockSystem.class);

    private final InMemoryLockSystem memory = new InMemoryLockSystem();
    private final LockFiles files;
    /** When each lock kept on disk expires: the memory forgets an expired lock silently, its file goes at the next create. Guarded by this. */
    private final Map<String, Instant> kept = new HashMap<>();

    private DiskLockSystem(LockFiles files) {
        this.files = files;
    }

    /** The locks kept in {@code dir}, held again if they have not timed out by the clock's now. */
    public static DiskLockSystem open(Path dir, Clock clock) throws IOException {
        DiskLockSystem system = new DiskLockSystem(new LockFiles(dir));
        Instant now = clock.instant();
        int held = 0;
        for (Lock lock : system.files.readAll()) {
            if (lock.expires().isBefore(now)) {
                system.files.delete(lock.token());
            } else {
                system.memory.restore(lock);
                system.kept.put(lock.token(), lock.expires());
                held++;
            }
        }
        if (held > 0) {
            log.info("{} WebDAV locks taken before the restart are held again until they time out", held);
        }
        return system;
    }

    /*
     * Changes hold this object's monitor from the change in memory to the file on disk, so that a
     * file is never written for a lock another thread has just removed; reads do not wait for disk.
     */

    @Override
    public synchronized Lock create(Instant now, ResourceKey root, DavPath path, boolean exclusive, boolean infinite, String ownerXml,
            String user, Duration timeout) {
        sweep(now);
        Lock lock = memory.create(now, root, path, exclusive, infinite, ownerXml, user, timeout);
        try {
            keep(lock);
        } catch (IOException e) {
            memory.drop(lock.token());
            throw new UncheckedIOException("the lock could not be kept in pressdav's data directory", e);
        }
        return lock;
    }

    @Override
    public synchronized Optional<Lock> refresh(Instant now, String token, ResourceKey key, String user, Duration timeout) {
        Optional<Lock> before = memory.all().stream().filter(lock -> lock.token().equals(token)).findFirst();
        Optional<Lock> refreshed = memory.refresh(now, token, key, user, timeout);
        if (refreshed.isPresent()) {
            try {
                keep(refreshed.get());
            } catch (IOException e) {
                memory.restore(before.orElseThrow());
                throw new UncheckedIOException("the refreshed lock could not be kept in pressdav's data directory", e);
            }
        }
        return refreshed;
    }

    @Override
    public synchronized Unlocked unlock(Instant now, ResourceKey key, String token, String user, boolean override) {
        Unlocked unlocked = memory.unlock(now, key, token, user, override);
        if (unlocked == Unlocked.DONE) {
            remove(token);
        }
        return unlocked;
    }

    @Override
    public void confirm(Instant now, String user, Collection<String> tokens, ResourceKey key, boolean inside) {
        memory.confirm(now, user, tokens, key, inside);
    }

    @Override
    public List<Lock> on(Instant now, ResourceKey key) {
        return memory.on(now, key);
    }

    @Override
    public Map<ResourceKey, List<Lock>> on(Instant now, Collection<ResourceKey> keys) {
        return memory.on(now, keys);
    }

    @Override
    public int held(Instant now) {
        return memory.held(now);
    }

    @Override
    public synchronized void forget(ResourceKey key) {
        List<String> gone = memory.all().stream().filter(lock -> lock.root().startsWith(key)).map(Lock::token).toList();
        memory.forget(key);
        gone.forEach(this::remove);
    }

    @Override
    public synchronized void rekey(ResourceKey from, ResourceKey to) {
        Set<String> moved = memory.all().stream().filter(lock -> lock.root().equals(from)).map(Lock::token).collect(Collectors.toSet());
        memory.rekey(from, to);
        for (Lock lock : memory.all()) {
            if (moved.contains(lock.token())) {
                try {
                    keep(lock);
                } catch (IOException e) {
                    // The write it follows is done; after a restart the lock is on the name it was taken on.
                    log.warn("the lock {} now on {} could not be kept in pressdav's data directory: {}", lock.token(), to, e.toString());
                }
            }
        }
    }

    private void keep(Lock lock) throws IOException {
        files.write(lock);
        kept.put(lock.token(), lock.expires());
    }

    private void remove(String token) {
        kept.remove(token);
        try {
            files.delete(token);
        } catch (IOException e) {
            log.warn("the file of the removed lock {} could not be deleted; after a restart the lock holds until its timeout: {}", token, e.toString());
        }
    }

    /** The files of locks that have timed out go, so that the folder holds about as many files as there are live locks. */
    private void sweep(Instant now) {
        List<String> expired = kept.entrySet().stream().filter(entry -> entry.getValue().isBefore(now)).map(Map.Entry::getKey).toList();
        expired.forEach(this::remove);
    }
}
