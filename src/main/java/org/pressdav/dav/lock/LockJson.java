package org.pressdav.dav.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;

/**
 * A lock as a small JSON text, the one form a lock is kept in outside memory: a file of
 * {@link DiskLockSystem}'s, or a value in a store shared by several instances.
 */
public final class LockJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LockJson() {
    }

    public static String write(LockSystem.Lock lock) {
        try {
            return JSON.writeValueAsString(toJson(lock));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lock could not be written as JSON", e);
        }
    }

    /** The lock this text holds; {@link IllegalArgumentException} (or Jackson's) when it holds none. */
    public static LockSystem.Lock read(String text) throws JsonProcessingException {
        return fromJson(JSON.readTree(text));
    }

    private static ObjectNode toJson(LockSystem.Lock lock) {
        ObjectNode json = JSON.createObjectNode();
        json.put("token", lock.token());
        ArrayNode root = json.putArray("root");
        lock.root().segments().forEach(root::add);
        json.put("path", lock.path().encoded());
        json.put("exclusive", lock.exclusive());
        json.put("infinite", lock.infinite());
        json.put("owner", lock.ownerXml());
        json.put("user", lock.user());
        json.put("expires", lock.expires().toString());
        return json;
    }

    private static LockSystem.Lock fromJson(JsonNode json) {
        List<String> root = new ArrayList<>();
        JsonNode segments = json.path("root");
        if (!segments.isArray()) {
            throw new IllegalArgumentException("no root");
        }
        segments.forEach(segment -> root.add(segment.textValue()));
        if (root.contains(null)) {
            throw new IllegalArgumentException("a root segment is not text");
        }
        JsonNode owner = json.path("owner");
        return new LockSystem.Lock(text(json, "token"), new ResourceKey(root), DavPath.parseEncoded(text(json, "path")),
                bool(json, "exclusive"), bool(json, "infinite"), owner.isTextual() ? owner.textValue() : null, text(json, "user"),
                Instant.parse(text(json, "expires")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.booleanValue();
    }
}
