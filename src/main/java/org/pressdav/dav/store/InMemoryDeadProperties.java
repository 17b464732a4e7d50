package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collection;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;
import org.pressdav.dav.ResourceKey;

/**
 * {@link DeadPropertyStore} in memory, for {@code ttl} after last use. Bounded: a value's size,
 * the count per resource, each user's total, and everything together (least recently used first).
 */
public final class InMemoryDeadProperties implements DeadPropertyStore {
    static final int MAX_VALUE_CHARS = 16 << 10;
    static final int MAX_PER_RESOURCE = 64;
    static final long MAX_PER_USER_CHARS = 1 << 20;
    private static final long MAX_TOTAL_CHARS = 32L << 20;

    private record Key(String user, ResourceKey resource) {
    }

    private final Cache<Key, Map<QName, String>> properties;
    private final Map<String, AtomicLong> perUser = new ConcurrentHashMap<>();

    public InMemoryDeadProperties(Duration ttl, Clock clock) {
        this.properties = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(new ClockTicker(clock))
                .maximumWeight(MAX_TOTAL_CHARS).weigher((Key k, Map<QName, String> v) -> (int) Math.min(Integer.MAX_VALUE, weight(v)))
                .executor(Runnable::run)
                .removalListener((Key key, Map<QName, String> value, RemovalCause cause) -> {
                    if (key != null && value != null) {
                        usage(key.user()).addAndGet(-weight(value));
                    }
                })
                .build();
    }

    @Override
    public Map<QName, String> of(String user, ResourceKey resource) {
        Map<QName, String> found = properties.getIfPresent(new Key(user, resource));
        return found == null ? Map.of() : Map.copyOf(found);
    }

    @Override
    public Map<ResourceKey, Map<QName, String>> of(String user, Collection<ResourceKey> resources) {
        Map<ResourceKey, Map<QName, String>> found = new HashMap<>();
        for (ResourceKey resource : resources) {
            Map<QName, String> props = properties.getIfPresent(new Key(user, resource));
            if (props != null && !props.isEmpty()) {
                found.put(resource, Map.copyOf(props));
            }
        }
        return found;
    }

    /**
     * Why these properties cannot be kept, or null when they can: a value too long, too many on
     * one resource, or more than this user may keep in all.
     */
    private String refusal(String user, ResourceKey resource, Map<QName, String> updated) {
        for (Map.Entry<QName, String> p : updated.entrySet()) {
            if (p.getValue() != null && p.getValue().length() > MAX_VALUE_CHARS) {
                return p.getKey().getLocalPart() + " is longer than the " + MAX_VALUE_CHARS + " characters a property may have";
            }
        }
        if (updated.size() > MAX_PER_RESOURCE) {
            return "a resource may have at most " + MAX_PER_RESOURCE + " properties of your own";
        }
        Map<QName, String> old = properties.getIfPresent(new Key(user, resource));
        long after = usage(user).get() - (old == null ? 0 : weight(old)) + weight(updated);
        if (after > MAX_PER_USER_CHARS) {
            return "your properties would take more than the " + MAX_PER_USER_CHARS + " characters each user may keep";
        }
        return null;
    }

    /**
     * Replaces this resource's properties with {@code updated}, all at once; or, if they cannot be
     * kept, changes nothing and says why.
     */
    @Override
    public synchronized String replace(String user, ResourceKey resource, Map<QName, String> updated) {
        String refused = refusal(user, resource, updated);
        if (refused != null) {
            return refused;
        }
        Key key = new Key(user, resource);
        if (updated.isEmpty()) {
            properties.invalidate(key);
        } else {
            Map<QName, String> copy = new LinkedHashMap<>(updated);
            properties.put(key, copy);
            usage(key.user()).addAndGet(weight(copy));
        }
        return null;
    }

    private AtomicLong usage(String user) {
        return perUser.computeIfAbsent(user, u -> new AtomicLong());
    }

    private static long weight(Map<QName, String> props) {
        long chars = 0;
        for (Map.Entry<QName, String> p : props.entrySet()) {
            chars += 64 + p.getKey().getNamespaceURI().length() + p.getKey().getLocalPart().length()
                    + (p.getValue() == null ? 0 : p.getValue().length());
        }
        return chars;
    }
}
