package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What every {@link FirstSeen} must do; a backend's test extends this. */
abstract class FirstSeenContract {
    abstract FirstSeen newFirstSeen();

    @Test
    void theDateFirstSeenStaysTheSame() {
        FirstSeen seen = newFirstSeen();
        assertEquals(seen.of("tags", 4), seen.of("tags", 4));
        assertEquals(seen.of("media-folder", "Trips/Lisbon"), seen.of("media-folder", "Trips/Lisbon"));
    }
}
