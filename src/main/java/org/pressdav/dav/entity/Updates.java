package org.pressdav.dav.entity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.Names;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.Term;

/**
 * How a field file's new text becomes a REST update. Free text (content, titles, names,
 * descriptions) goes to WordPress byte for byte; values with a syntax (a status, a slug, a date,
 * a list of terms) lose surrounding white space, so that an editor's final newline does no harm.
 */
final class Updates {
    private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final ListQuery TERM_SLUGS = ListQuery.all().withFields("id", "slug").with("hide_empty", "false");

    private Updates() {
    }

    /** The text exactly as written. */
    static <T> Field.Updater<T> exact(Endpoint<T> endpoint, ToLongFunction<T> id, String restField) {
        return (s, item, text) -> send(s, endpoint, id.applyAsLong(item), restField, text);
    }

    /** The text without surrounding white space. */
    static <T> Field.Updater<T> trimmed(Endpoint<T> endpoint, ToLongFunction<T> id, String restField) {
        return (s, item, text) -> send(s, endpoint, id.applyAsLong(item), restField, text.strip());
    }

    /**
     * {@code true} or {@code false}, sent as a boolean; any other text is sent as written, for WordPress to
     * refuse in its own words ("sticky is not of type boolean").
     */
    static <T> Field.Updater<T> flag(Endpoint<T> endpoint, ToLongFunction<T> id, String restField) {
        return (s, item, text) -> {
            String value = text.strip();
            Object sent = value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value;
            return send(s, endpoint, id.applyAsLong(item), restField, sent);
        };
    }

    /** A whole number, sent as one; any other text is sent as written, for WordPress to refuse in its own words. */
    static <T> Field.Updater<T> integer(Endpoint<T> endpoint, ToLongFunction<T> id, String restField) {
        return (s, item, text) -> {
            String value = text.strip();
            Object sent = value.matches("-?[0-9]{1,18}") ? (Object) Long.valueOf(value) : value;
            return send(s, endpoint, id.applyAsLong(item), restField, sent);
        };
    }

    /** An ISO-8601 UTC date, as {@code date-gmt.txt} shows it. */
    static <T> Field.Updater<T> gmtDate(Endpoint<T> endpoint, ToLongFunction<T> id, String restField) {
        return (s, item, text) -> send(s, endpoint, id.applyAsLong(item), restField, parseGmt(text.strip()));
    }

    /** One term slug per line, sent as the terms' ids. */
    static <T> Field.Updater<T> termSlugs(Endpoint<T> endpoint, ToLongFunction<T> id, Taxonomy taxonomy, String restField) {
        return (s, item, text) -> {
            List<Long> ids = new ArrayList<>();
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    ids.add(termId(s, taxonomy, line.strip()));
                }
            }
            return send(s, endpoint, id.applyAsLong(item), restField, ids);
        };
    }

    /** The id of the term with this slug; an unknown slug is a 409 that names it. */
    static long termId(DavSession s, Taxonomy taxonomy, String slug) {
        Map<String, Long> ids = new HashMap<>();
        for (Term term : s.wordpress().list(s.credentials(), taxonomy.endpoint(), TERM_SLUGS).items()) {
            ids.put(Names.slug(term.slug()), term.id());
        }
        Long found = ids.get(Names.nfc(slug));
        if (found == null) {
            throw new DavError.Conflict("There is no " + taxonomy.noun() + " with the slug '" + slug + "': create its folder first.");
        }
        return found;
    }

    static String parseGmt(String text) {
        try {
            Instant instant = text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(text).toInstant()
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            return REST_DATE.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new DavError.BadRequest("'" + text + "' is not an ISO-8601 UTC date such as 2026-11-25T17:38:06Z");
        }
    }

    private static <T> T send(DavSession s, Endpoint<T> endpoint, long id, String restField, Object value) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(restField, value);
        return s.wordpress().update(s.credentials(), endpoint, id, fields);
    }
}
