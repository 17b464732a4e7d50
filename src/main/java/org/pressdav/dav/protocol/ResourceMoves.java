package org.pressdav.dav.protocol;

import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.store.DeadPropertyStore;

/**
 * What is kept about a resource by its key follows it when the key changes: a file known by its
 * name (a placeholder, a file being uploaded) that became a WordPress object with a key of its own,
 * or a file renamed, keeps its locks and its user's dead properties (RFC 4918 §9.9.1), so that
 * Explorer's PUT, LOCK, PUT, UNLOCK ends with its own lock.
 */
final class ResourceMoves {
    private final LockSystem locks;
    private final DeadPropertyStore properties;

    ResourceMoves(LockSystem locks, DeadPropertyStore properties) {
        this.locks = locks;
        this.properties = properties;
    }

    /** The resource known as {@code before} is now known as {@code now}: its locks and dead properties go with it. */
    void settle(DavSession session, ResourceKey before, ResourceKey now) {
        if (now.equals(before)) {
            return;
        }
        locks.rekey(before, now);
        moveProperties(session, before, now);
    }

    /** This user's dead properties of {@code from}, now on {@code to}. */
    void moveProperties(DavSession session, ResourceKey from, ResourceKey to) {
        Map<QName, String> dead = properties.of(session.userKey(), from);
        if (!dead.isEmpty()) {
            properties.replace(session.userKey(), to, dead);
            properties.replace(session.userKey(), from, Map.of());
        }
    }

    /** This user's dead properties of {@code from}, on its copy {@code to} too (RFC 4918 §9.8.2). */
    void copyProperties(DavSession session, ResourceKey from, ResourceKey to) {
        Map<QName, String> dead = properties.of(session.userKey(), from);
        if (!dead.isEmpty()) {
            properties.replace(session.userKey(), to, dead);
        }
    }
}
