package org.pressdav.wordpress;

import java.util.List;

/** Every item of a listing, all pages joined, and the {@code X-WP-Total} WordPress reported. */
public record Listing<T>(List<T> items, long total) {
    public Listing {
        items = List.copyOf(items);
    }
}
