package org.pressdav.dav;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Properties clients set with PROPPATCH that WordPress has no field for (Windows' Win32 times and
 * attributes, any namespace): kept per user and path, in memory, for {@code ttl} after last use.
 * Each value is the property's text.
 */
public final class DeadProperties {
    private record Key(String user, DavPath path) {
    }

    private final Cache<Key, Map<QName, String>> properties;

    public DeadProperties(Duration ttl, Ticker ticker) {
        this.properties = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(100_000).build();
    }

    public Map<QName, String> of(DavSession session, DavPath path) {
        Map<QName, String> found = properties.getIfPresent(new Key(session.userKey(), path));
        return found == null ? Map.of() : Map.copyOf(found);
    }

    /** Replaces this path's properties with {@code updated}, all at once. */
    public void replace(DavSession session, DavPath path, Map<QName, String> updated) {
        Key key = new Key(session.userKey(), path);
        if (updated.isEmpty()) {
            properties.invalidate(key);
        } else {
            properties.put(key, new LinkedHashMap<>(updated));
        }
    }
}
