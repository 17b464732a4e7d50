package org.pressdav.dav.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.pressdav.dav.DavError;
import org.pressdav.dav.node.Field;

/**
 * The type a meta key is registered with ({@code register_meta}'s {@code type}, as the collection's schema publishes it), and
 * so how its value shows as a file and how the file's text becomes the value sent. Scalars are {@code <key>.txt} holding the
 * value as WordPress's JSON prints it ({@code 412}, {@code true}, a string's exact bytes); arrays and objects are
 * {@code <key>.json}, printed in one layout (two-space indent, {@code "key": value}, no final newline), so that a file read and
 * written back unchanged is byte for byte the same, and any JSON written reads back equal as JSON. An empty file sends null,
 * which WordPress takes as "delete the value": the key then shows its registered default.
 */
enum MetaType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter PRINTED = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /**
     * The type of a key from its schema ({@code {"type": "integer"}}; of a list of types the first that is not {@code null});
     * where the schema does not say, from the value WordPress gave.
     */
    static MetaType of(JsonNode schema, JsonNode value) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!"null".equals(one.asText())) {
                    type = one;
                    break;
                }
            }
        }
        for (MetaType known : values()) {
            if (known.name().equalsIgnoreCase(type.asText())) {
                return known;
            }
        }
        if (value.isArray() || value.isObject()) {
            return value.isArray() ? ARRAY : OBJECT;
        }
        return value.isBoolean() ? BOOLEAN : value.isNumber() ? NUMBER : STRING;
    }

    /** {@code isbn.txt}, {@code awards.json}. */
    String fileName(String key) {
        return key + (structured() ? ".json" : ".txt");
    }

    /** What a write of the file may hold: a string or a structure may be long, a number or a flag is a line. */
    int maxBytes() {
        return this == STRING || structured() ? Field.PARAGRAPH_BYTES : Field.LINE_BYTES;
    }

    /**
     * The file's text. A null value (WordPress's answer for a stored value its schema refuses) is an empty file; an empty
     * object, which PHP prints as {@code []}, is {@code {}}.
     */
    String render(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (!structured()) {
            return value.isTextual() ? value.textValue() : value.toString();
        }
        if (this == OBJECT && value.isArray() && value.isEmpty()) {
            return "{}";
        }
        try {
            return PRINTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always printable", e);
        }
    }

    /**
     * The value a file's text sends: a string exactly as written, a number or a flag without the white space around it,
     * JSON parsed. Text that is not of the type is sent as written, for WordPress to refuse in its own words
     * ("meta.pages is not of type integer."); text that is not JSON at all is refused here.
     */
    JsonNode parse(String text, String fileName) {
        if (this == STRING) {
            return text.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text);
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return NullNode.getInstance();
        }
        return switch (this) {
            case BOOLEAN -> value.equals("true") || value.equals("false") ? BooleanNode.valueOf(value.equals("true")) : TextNode.valueOf(value);
            case INTEGER, NUMBER -> {
                JsonNode number = readOrNull(value);
                yield number != null && number.isNumber() ? number : TextNode.valueOf(value);
            }
            default -> {
                JsonNode json = readOrNull(value);
                if (json == null) {
                    throw new DavError.Unprocessable(fileName + " is not JSON: nothing was changed");
                }
                yield json;
            }
        };
    }

    private boolean structured() {
        return this == ARRAY || this == OBJECT;
    }

    private static JsonNode readOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
