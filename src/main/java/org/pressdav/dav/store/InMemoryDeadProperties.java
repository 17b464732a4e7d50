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
 * the count per resource, each user's total ({@link DeadPropertyBounds}), and everything together
 * (least recently used first).
 */
public final class InMemoryDeadProperties implements DeadPropertyStore {
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
        String refused = DeadPropertyBounds.refusal(updated);
        if (refused != null) {
            return refused;
        }
        Map<QName, String> old = properties.getIfPresent(new Key(user, resource));
        long after = usage(user).get() - (old == null ? 0 : weight(old)) + weight(updated);
        if (after > DeadPropertyBounds.MAX_PER_USER_CHARS) {
            return DeadPropertyBounds.userFull();
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
        return DeadPropertyBounds.weight(props);
    }
}
