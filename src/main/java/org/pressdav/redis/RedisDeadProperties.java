package org.pressdav.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.store.DeadPropertyBounds;
import org.pressdav.dav.store.DeadPropertyStore;

/**
 * {@link DeadPropertyStore} in Redis, shared by every instance. One hash per user,
 * {@code props:<user>}, field the resource key (its segments as a JSON array), value
 * {@code millis|weight|[[namespace, name, value], ...]}; each resource's properties last
 * {@code ttl} after their last use ({@link TimedHash}). Bounded as in memory
 * ({@link DeadPropertyBounds}: 16 K characters a value, 64 properties a resource, 1 M characters
 * a user, refused with the same words, 507), the user's total counted in the script that writes,
 * over what has not expired, so no counter can drift; all users together are bounded by
 * their number times a user's bound, for a day, and by Redis's {@code maxmemory}.
 * Reads of a listing are one round trip: the user's hash, the resources' fields; what a PROPFIND shows comes from
 * this instance's copy of the user's hash ({@link TimedHash#shown}), no round trip while it is kept.
 */
public final class RedisDeadProperties implements DeadPropertyStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * KEYS[1] the user's hash; ARGV now, ttl (ms), field, its new stamped value ('' to remove), its weight, the user's bound.
     * Answers 0, changing nothing, when the user's live properties would weigh more than the bound.
     */
    private static final RedisScript REPLACE = new RedisScript(RedisScript.CHUNKS + """
            local now, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
            local used, stale = 0, {}
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              local at, weight = string.match(all[i + 1], '^(%d+)|(%d+)|')
              if now - tonumber(at) >= ttl then
                stale[#stale + 1] = all[i]
              elseif all[i] ~= ARGV[3] then
                used = used + tonumber(weight)
              end
            end
            if ARGV[4] ~= '' and used + tonumber(ARGV[5]) > tonumber(ARGV[6]) then
              return 0
            end
            chunked('HDEL', KEYS[1], stale)
            if ARGV[4] == '' then
              redis.call('HDEL', KEYS[1], ARGV[3])
            else
              redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ttl)
            end
            return 1
            """);

    private final RedisBackend backend;
    private final TimedHash properties;
    private final Duration ttl;
    private final Clock clock;

    public RedisDeadProperties(RedisBackend backend, Duration ttl, Clock clock) {
        this.backend = backend;
        this.properties = new TimedHash(backend, ttl, true);
        this.ttl = ttl;
        this.clock = clock;
    }

    private String propertiesOf(String user) {
        return backend.key("props", user);
    }

    @Override
    public Map<QName, String> of(String user, ResourceKey resource) {
        return properties.read(propertiesOf(user), field(resource), clock.instant()).map(RedisDeadProperties::decode).orElse(Map.of());
    }

    @Override
    public Map<ResourceKey, Map<QName, String>> of(String user, Collection<ResourceKey> resources) {
        Map<String, ResourceKey> byField = new HashMap<>();
        resources.forEach(resource -> byField.put(field(resource), resource));
        return decoded(byField, properties.read(propertiesOf(user), byField.keySet(), clock.instant()));
    }

    @Override
    public Map<ResourceKey, Map<QName, String>> ofForRead(String user, Collection<ResourceKey> resources) {
        // The fields of a listing's resources are written out only if the user has properties at all: mostly none.
        Map<String, ResourceKey> byField = new HashMap<>();
        Map<String, String> shown = properties.shown(propertiesOf(user), field -> {
            if (byField.isEmpty()) {
                resources.forEach(resource -> byField.put(field(resource), resource));
            }
            return byField.containsKey(field);
        }, clock.instant());
        return decoded(byField, shown);
    }

    /** The properties of each field's resource, those with none left out. */
    private static Map<ResourceKey, Map<QName, String>> decoded(Map<String, ResourceKey> byField, Map<String, String> payloads) {
        Map<ResourceKey, Map<QName, String>> found = new HashMap<>();
        payloads.forEach((field, payload) -> {
            Map<QName, String> props = decode(payload);
            if (!props.isEmpty()) {
                found.put(byField.get(field), props);
            }
        });
        return found;
    }

    @Override
    public String replace(String user, ResourceKey resource, Map<QName, String> updated) {
        String refused = DeadPropertyBounds.refusal(updated);
        if (refused != null) {
            return refused;
        }
        long weight = DeadPropertyBounds.weight(updated);
        String value = updated.isEmpty() ? "" : TimedHash.stamped(clock.instant(), weight + "|" + encode(updated));
        List<String> args = List.of(Long.toString(clock.instant().toEpochMilli()), Long.toString(ttl.toMillis()), field(resource), value,
                Long.toString(weight), Long.toString(DeadPropertyBounds.MAX_PER_USER_CHARS));
        long kept = backend.write(() -> REPLACE.change(backend, propertiesOf(user), args));
        return kept == 1 ? null : DeadPropertyBounds.userFull();
    }

    private static String field(ResourceKey resource) {
        ArrayNode segments = JSON.createArrayNode();
        resource.segments().forEach(segments::add);
        return segments.toString();
    }

    private static String encode(Map<QName, String> props) {
        ArrayNode all = JSON.createArrayNode();
        props.forEach((name, value) -> all.addArray().add(name.getNamespaceURI()).add(name.getLocalPart()).add(value));
        return all.toString();
    }

    /** A payload, {@code weight|[[namespace, name, value], ...]}, as the properties it holds. */
    private static Map<QName, String> decode(String payload) {
        try {
            JsonNode all = JSON.readTree(payload.substring(payload.indexOf('|') + 1));
            Map<QName, String> props = new LinkedHashMap<>();
            for (JsonNode p : all) {
                props.put(new QName(p.get(0).textValue(), p.get(1).textValue()), p.get(2).textValue());
            }
            return Collections.unmodifiableMap(props);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dead properties kept in Redis cannot be read: " + e.getMessage(), e);
        }
    }
}
