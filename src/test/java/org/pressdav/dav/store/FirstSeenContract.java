package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link FirstSeen} must do, with the time passed in; a backend's test extends this. */
abstract class FirstSeenContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    abstract FirstSeen newFirstSeen(Clock clock);

    /** Another client of the same dates, as a second instance of the drive has: in memory, the same object. */
    FirstSeen secondClientOf(FirstSeen first, Clock clock) {
        return first;
    }

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

    @Test
    void theDateOneClientSawFirstIsTheOneTheOtherTells() {
        SettableClock clock = new SettableClock(T0);
        FirstSeen first = newFirstSeen(clock);
        FirstSeen second = secondClientOf(first, clock);
        first.of("tags", 4);
        first.of("media-folder", "Trips/Lisbon");
        clock.advance(Duration.ofHours(1));
        Instant later = T0.plus(Duration.ofHours(1));
        assertEquals(Map.of(4L, T0, 5L, later), second.of("tags", List.of(4L, 5L)), "4 as the first saw it, 5 new now");
        assertEquals(T0, second.of("media-folder", "Trips/Lisbon"));
        clock.advance(Duration.ofHours(1));
        assertEquals(later, first.of("tags", 5), "what the second saw first is the first's date too");
    }
}
