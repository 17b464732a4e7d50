package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.Await;

/** What every {@link FolderNames} must do; a backend's test extends this. */
abstract class FolderNamesContract {
    static final Duration TTL = Duration.ofMinutes(10);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** Names kept {@code ttl} after their last use, by {@code clock}. */
    abstract FolderNames newNames(Clock clock, Duration ttl);

    /** Another client of the same names, as a second instance of the drive has: in memory, the same object. */
    FolderNames secondClientOf(FolderNames first, Clock clock, Duration ttl) {
        return first;
    }

    private FolderNames newNames() {
        return newNames(clock, TTL);
    }

    @Test
    void aNameNamesOneObjectForOneUser() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        assertEquals(Optional.of(12L), names.id("user-1", "posts", "untitled folder"));
        assertEquals(Optional.of("untitled folder"), names.name("user-1", "posts", 12));
        assertTrue(names.id("user-2", "posts", "untitled folder").isEmpty(), "another user's names are their own");
        names.put("user-1", "posts", "untitled folder", 13);
        assertTrue(names.name("user-1", "posts", 12).isEmpty(), "the name moved to the other object");
        names.put("user-1", "posts", "Summer plans", 13);
        assertTrue(names.id("user-1", "posts", "untitled folder").isEmpty(), "an object has one name");
        names.forget("user-1", "posts", 13);
        assertTrue(names.name("user-1", "posts", 13).isEmpty());
    }

    @Test
    void aKindsGivenNamesAreToldInOneCall() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        names.put("user-1", "posts", "Summer plans", 13);
        names.put("user-1", "pages", "About us", 14);
        names.put("user-2", "posts", "Theirs", 15);
        assertEquals(Map.of(12L, "untitled folder", 13L, "Summer plans"), names.names("user-1", "posts"));
        names.forget("user-1", "posts", 12);
        assertEquals(Map.of(13L, "Summer plans"), names.names("user-1", "posts"));
        assertEquals(Map.of(), names.names("user-3", "posts"));
    }

    @Test
    void whatAUsersNewFolderMadeIsNewForThemAlone() {
        FolderNames names = newNames();
        names.created("user-1", "posts/12");
        assertTrue(names.isNew("user-1", "posts/12"));
        assertTrue(!names.isNew("user-2", "posts/12"));
        assertTrue(!names.isNew("user-1", "posts/13"));
        assertTrue(!names.isNew("user-1", null));
    }

    @Test
    void aNameGivenThroughOneClientIsFoundThroughAnother() {
        FolderNames first = newNames();
        FolderNames second = secondClientOf(first, clock, TTL);
        first.put("user-1", "posts", "untitled folder", 12);
        first.created("user-1", "posts/12");
        assertEquals(Optional.of(12L), second.id("user-1", "posts", "untitled folder"));
        assertEquals(Map.of(12L, "untitled folder"), second.names("user-1", "posts"));
        assertTrue(second.isNew("user-1", "posts/12"));
        second.put("user-1", "posts", "Summer plans", 12);
        assertEquals(Optional.of("Summer plans"), first.name("user-1", "posts", 12));
        assertTrue(first.id("user-1", "posts", "untitled folder").isEmpty(), "renamed through the other");
        second.forget("user-1", "posts", 12);
        assertEquals(Map.of(), first.names("user-1", "posts"));
    }

    @Test
    void aNameLastsTenMinutesAfterItsLastUse() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        names.put("user-1", "posts", "Summer plans", 13);
        names.created("user-1", "posts/12");
        for (int minute = 0; minute < 15; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            assertEquals(Optional.of("untitled folder"), names.name("user-1", "posts", 12), minute + 5 + " min in");
            assertTrue(names.isNew("user-1", "posts/12"));
        }
        assertEquals(Map.of(12L, "untitled folder"), names.names("user-1", "posts"), "the name not used for 15 min is gone");
        clock.advance(TTL.minusSeconds(1));
        assertEquals(Map.of(12L, "untitled folder"), names.names("user-1", "posts"), "a listing is a use");
        clock.advance(TTL);
        assertEquals(Map.of(), names.names("user-1", "posts"), "ten minutes without use: gone");
        assertTrue(!names.isNew("user-1", "posts/12"));
    }

    @Test
    void whatAListingShowsFollowsANameGivenThroughAnotherClientAndAClientsOwnAtOnce() {
        FolderNames first = newNames();
        FolderNames second = secondClientOf(first, clock, TTL);
        assertEquals(Map.of(), first.namesForRead("user-1", "posts"));
        second.put("user-1", "posts", "untitled folder", 12);
        Await.within(Duration.ofSeconds(5), () -> first.namesForRead("user-1", "posts").equals(Map.of(12L, "untitled folder")),
                "named through the other client");
        first.put("user-1", "posts", "Summer plans", 13);
        assertEquals(Map.of(12L, "untitled folder", 13L, "Summer plans"), first.namesForRead("user-1", "posts"), "its own change, at once");
        assertEquals(Map.of(), first.namesForRead("user-2", "posts"), "another user's");
        second.forget("user-1", "posts", 12);
        Await.within(Duration.ofSeconds(5), () -> first.namesForRead("user-1", "posts").equals(Map.of(13L, "Summer plans")),
                "forgotten through the other client");
    }

    @Test
    void aListingIsAUseOfTheNamesItShows() {
        FolderNames names = newNames();
        names.put("user-1", "posts", "untitled folder", 12);
        for (int minute = 0; minute < 15; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            assertEquals(Map.of(12L, "untitled folder"), names.namesForRead("user-1", "posts"), minute + 5 + " min in");
        }
        assertEquals(Optional.of("untitled folder"), names.name("user-1", "posts", 12), "listed every 5 min: kept");
        clock.advance(TTL);
        assertEquals(Map.of(), names.namesForRead("user-1", "posts"), "ten minutes without use: gone");
    }
}
