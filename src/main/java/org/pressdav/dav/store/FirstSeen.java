package org.pressdav.dav.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Dates for objects WordPress keeps none for (terms, users): the moment this server first saw
 * them, so their {@code getlastmodified} stays the same from one request to the next.
 */
public interface FirstSeen {
    Instant of(String kind, long id);

    /** The same for a whole listing's objects at once: one call, whatever their number. */
    Map<Long, Instant> of(String kind, Collection<Long> ids);

    /** The same for what has a name but no id (a media folder, by its path). */
    Instant of(String kind, String name);
}
