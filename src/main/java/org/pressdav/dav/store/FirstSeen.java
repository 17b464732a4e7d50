package org.pressdav.dav.store;

import java.time.Instant;

/**
 * Dates for objects WordPress keeps none for (terms, users): the moment this server first saw
 * them, so their {@code getlastmodified} stays the same from one request to the next.
 */
public interface FirstSeen {
    Instant of(String kind, long id);

    /** The same for what has a name but no id (a media folder, by its path). */
    Instant of(String kind, String name);
}
