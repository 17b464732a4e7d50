package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.store.FirstSeen;

/**
 * The dates of objects WordPress gives none (terms, templates): both the moment this drive first saw each, read for a
 * whole listing in one call of the store.
 */
final class SeenDates {
    private SeenDates() {
    }

    static <T> List<ObjectKind.Dates> of(FirstSeen firstSeen, String kind, List<T> items, ToLongFunction<T> id) {
        Map<Long, Instant> seen = firstSeen.of(kind, items.stream().map(id::applyAsLong).toList());
        return items.stream().map(item -> {
            Instant first = seen.get(id.applyAsLong(item));
            return new ObjectKind.Dates(first, first);
        }).toList();
    }
}
