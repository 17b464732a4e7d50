package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link FirstSeen} must do, with the time passed in; a backend's test extends this. */
abstract class FirstSeenContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    abstract FirstSeen newFirstSeen(Clock clock);

    @Test
    void theDateFirstSeenIsRememberedWhenAskedLater() {
        SettableClock clock = new SettableClock(T0);
        FirstSeen seen = newFirstSeen(clock);
        assertEquals(T0, seen.of("tags", 4));
        assertEquals(T0, seen.of("media-folder", "Trips/Lisbon"));
        clock.advance(Duration.ofHours(3));
        assertEquals(T0, seen.of("tags", 4), "asked again three hours later: still the first time it was seen");
        assertEquals(T0, seen.of("media-folder", "Trips/Lisbon"));
    }

    @Test
    void eachObjectHasItsOwnFirstDate() {
        SettableClock clock = new SettableClock(T0);
        FirstSeen seen = newFirstSeen(clock);
        seen.of("tags", 4);
        seen.of("media-folder", "Trips/Lisbon");
        clock.advance(Duration.ofMinutes(5));
        Instant later = T0.plus(Duration.ofMinutes(5));
        assertEquals(later, seen.of("tags", 5), "another id");
        assertEquals(later, seen.of("users", 4), "another kind, the same id");
        assertEquals(later, seen.of("media-folder", "Trips/Porto"), "another name");
        assertEquals(later, seen.of("media-folder", "Trips"), "the parent of a folder seen is a folder of its own");
    }

    @Test
    void aDateHasWholeSecondsAsGetlastmodifiedShowsThem() {
        SettableClock clock = new SettableClock(T0.plusMillis(750));
        assertEquals(T0, newFirstSeen(clock).of("tags", 4));
    }
}
