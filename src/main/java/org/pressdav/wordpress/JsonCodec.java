package org.pressdav.wordpress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.pressdav.dav.node.Reads;

/** Reads WordPress's JSON into the records: snake_case names, GMT dates without a zone. */
final class JsonCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new WordPressDate()));

    JsonNode tree(InputStream in) throws IOException {
        return mapper.readTree(in);
    }

    /** A post also holds the term ids of every taxonomy its JSON has a field for ({@link Post#termFields}). */
    <T> T read(JsonNode node, Class<T> type) throws IOException {
        T value = mapper.treeToValue(node, type);
        return value instanceof Post post ? type.cast(post.withTerms(Post.termFields(node))) : value;
    }

    byte[] write(Object value) throws IOException {
        return mapper.writeValueAsBytes(value);
    }

    /**
     * {@code date_gmt} and {@code modified_gmt} come as {@code 2026-11-25T17:38:06} (UTC, no zone);
     * {@code registered_date} carries an offset.
     */
    static final class WordPressDate extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException noZone) {
                return OffsetDateTime.parse(text).toInstant();
            }
        }
    }
}
