package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta as WordPress keeps it for the in-memory double: keys registered per object type (a post type, a taxonomy, {@code user})
 * with their schema ({@code register_meta} with {@code show_in_rest}), and values per object, registered or not. REST shows the
 * registered keys alone, each its stored value or its type's empty value; an update checks a value as
 * {@code rest_validate_value_from_schema} does (400 {@code rest_invalid_type}, "meta.pages is not of type integer."), takes
 * what it accepts as WordPress sanitises it ({@code "412"} is 412), and deletes a value sent as null.
 */
public final class InMemoryMeta {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, JsonNode>> registered = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> stored = new ConcurrentHashMap<>();

    /** {@code register_meta($objectType, $key, ['type' => …, 'show_in_rest' => ['schema' => $schema]])}, single. */
    public InMemoryMeta register(String objectType, String key, String schemaJson) {
        try {
            registered.computeIfAbsent(objectType, t -> new java.util.LinkedHashMap<>()).put(key, JSON.readTree(schemaJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(schemaJson, e);
        }
        return this;
    }

    /** {@code update_metadata} from PHP: any key, registered or not, no check. */
    public void store(String objectType, long id, String key, Object value) {
        stored.put(objectType + ":" + id + ":" + key, JSON.valueToTree(value));
    }

    /** What the database holds for the key, or null. */
    public JsonNode stored(String objectType, long id, String key) {
        return stored.get(objectType + ":" + id + ":" + key);
    }

    /** The object's {@code meta} in REST: an object of the registered keys, or {@code []} (PHP's empty array) where there are none. */
    JsonNode shown(String objectType, long id) {
        Map<String, JsonNode> keys = registered.getOrDefault(objectType, Map.of());
        if (keys.isEmpty()) {
            return JSON.createArrayNode();
        }
        ObjectNode meta = JSON.createObjectNode();
        keys.forEach((key, schema) -> {
            JsonNode value = stored(objectType, id, key);
            meta.set(key, value == null ? empty(schema.path("type").asText()) : value);
        });
        return meta;
    }

    /** The collection's schema: its {@code meta} property's properties are the registered keys' schemas. */
    JsonNode schema(String objectType) {
        ObjectNode schema = JSON.createObjectNode();
        ObjectNode properties = schema.putObject("properties").putObject("meta").put("type", "object").putObject("properties");
        registered.getOrDefault(objectType, Map.of()).forEach(properties::set);
        return schema;
    }

    /** An update's {@code meta}: every registered key named is checked first, then stored (or deleted); other keys are ignored. */
    void update(String objectType, long id, Object sent) {
        JsonNode meta = JSON.valueToTree(sent);
        Map<String, JsonNode> keys = registered.getOrDefault(objectType, Map.of());
        Map<String, JsonNode> accepted = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode schema = keys.get(entry.getKey());
            if (schema != null) {
                accepted.put(entry.getKey(), entry.getValue().isNull() ? null : sanitized(entry.getValue(), schema, "meta." + entry.getKey()));
            }
        }
        accepted.forEach((key, value) -> {
            if (value == null) {
                stored.remove(objectType + ":" + id + ":" + key);
            } else {
                stored.put(objectType + ":" + id + ":" + key, value);
            }
        });
    }

    /** The value as WordPress stores it, or its refusal in WordPress's words. */
    private static JsonNode sanitized(JsonNode value, JsonNode schema, String param) {
        String type = schema.path("type").asText();
        switch (type) {
            case "string":
                if (value.isTextual()) {
                    return value;
                }
                break;
            case "integer":
                if (value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d+")) {
                    return LongNode.valueOf(Long.parseLong(value.asText()));
                }
                break;
            case "number":
                if (value.isNumber() || value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?")) {
                    return DoubleNode.valueOf(Double.parseDouble(value.asText()));
                }
                break;
            case "boolean":
                if (value.isBoolean() || value.isTextual() && value.asText().matches("(?i)true|false|0|1")) {
                    return BooleanNode.valueOf(value.asText().equalsIgnoreCase("true") || value.asText().equals("1"));
                }
                break;
            case "array":
                if (value.isArray()) {
                    ArrayNode items = JSON.createArrayNode();
                    for (int i = 0; i < value.size(); i++) {
                        items.add(sanitized(value.get(i), schema.path("items"), param + "[" + i + "]"));
                    }
                    return items;
                }
                break;
            case "object":
                if (value.isObject() || value.isArray() && value.isEmpty()) {
                    ObjectNode object = JSON.createObjectNode();
                    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> property = it.next();
                        JsonNode propertySchema = schema.path("properties").path(property.getKey());
                        if (propertySchema.isMissingNode()) {
                            throw new WordPressException(400, "rest_additional_properties_forbidden",
                                    property.getKey() + " is not a valid property of Object.");
                        }
                        object.set(property.getKey(), sanitized(property.getValue(), propertySchema, param + "[" + property.getKey() + "]"));
                    }
                    return object;
                }
                break;
            default:
                throw new IllegalStateException("no such type: " + type);
        }
        throw new WordPressException(400, "rest_invalid_type", param + " is not of type " + type + ".");
    }

    /** {@code get_empty_value_for_type}: what REST shows for a key without a value; an empty object is PHP's {@code []}. */
    private static JsonNode empty(String type) {
        return switch (type) {
            case "string" -> TextNode.valueOf("");
            case "integer" -> LongNode.valueOf(0);
            case "number" -> DoubleNode.valueOf(0.0);
            case "boolean" -> BooleanNode.FALSE;
            case "array", "object" -> JSON.createArrayNode();
            default -> NullNode.getInstance();
        };
    }
}
