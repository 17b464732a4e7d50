package org.pressdav.wordpress;

import java.util.List;

/**
 * A page of the companion plugin's change feed: what changed after the sequence number asked
 * for, the newest sequence number ({@code head}) and the oldest still kept.
 */
public record Changes(List<Change> changes, long head, long oldest) {
    public Changes {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** One change: an object of a type (a post type, a taxonomy, {@code user}, {@code comment}, {@code settings}); id 0 means "something of this type". */
    public record Change(long seq, String type, long id, String action) {
    }
}
