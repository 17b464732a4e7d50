package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavPath;
import org.pressdav.testbed.Await;

/** What every {@link HiddenFiles} must do, with the time passed in; a backend's test extends this. */
abstract class HiddenFilesContract {
    private static final Duration HIDE_FOR = Duration.ofMinutes(10);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** A store that hides (and keeps) a file for {@code hideFor} after it was hidden (or kept). */
    abstract HiddenFiles newHidden(Clock clock, Duration hideFor);

    /** Another client of the same store, as a second instance of the drive has: in memory, the same object. */
    HiddenFiles secondClientOf(HiddenFiles first, Clock clock, Duration hideFor) {
        return first;
    }

    @Test
    void hiddenFilesArePerUserUntilRevealed() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/title.txt");
        hidden.hide("user-1", path);
        assertTrue(hidden.isHidden("user-1", path));
        assertFalse(hidden.isHidden("user-2", path));
        assertFalse(hidden.isHidden("user-1", DavPath.parseDecoded("/posts/12-x/content.html")));
        hidden.reveal("user-1", path);
        assertFalse(hidden.isHidden("user-1", path));
    }

    @Test
    void aFoldersHiddenFilesAreToldInOneCall() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath folder = DavPath.parseDecoded("/posts/12-x");
        hidden.hide("user-1", folder.child("title.txt"));
        hidden.hide("user-1", folder.child("content.html"));
        hidden.hide("user-1", DavPath.parseDecoded("/posts/13-y/title.txt"));
        hidden.hide("user-2", folder.child("excerpt.txt"));
        hidden.keep("user-1", folder.child("slug.txt"));
        assertEquals(Set.of("title.txt", "content.html"), hidden.hiddenIn("user-1", folder), "this user's, this folder's, hidden not kept");
        hidden.reveal("user-1", folder.child("title.txt"));
        assertEquals(Set.of("content.html"), hidden.hiddenIn("user-1", folder));
        clock.advance(HIDE_FOR.plusSeconds(1));
        assertEquals(Set.of(), hidden.hiddenIn("user-1", folder), "what expired is not told");
    }

    @Test
    void aFileKeptAfterARefusedSaveIsNotHiddenUntilASaveLands() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/status.txt");
        hidden.keep("user-1", path);
        assertTrue(hidden.isKept("user-1", path) && !hidden.isHidden("user-1", path));
        assertFalse(hidden.isKept("user-2", path));
        hidden.reveal("user-1", path);
        assertFalse(hidden.isKept("user-1", path));
        hidden.hide("user-1", path);
        assertFalse(hidden.isKept("user-1", path), "hidden is not kept");
    }

    @Test
    void aHiddenFileShowsAgainOnceItsTimeIsUp() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/title.txt");
        hidden.hide("user-1", path);
        clock.advance(HIDE_FOR.minusSeconds(1));
        assertTrue(hidden.isHidden("user-1", path), "a second before its time is up, still hidden");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(hidden.isHidden("user-1", path), "a second after, it shows again");
    }

    @Test
    void aKeptFileIsKeptAsLongAsAHiddenOneIsHidden() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/status.txt");
        hidden.keep("user-1", path);
        clock.advance(HIDE_FOR.minusSeconds(1));
        assertTrue(hidden.isKept("user-1", path), "a second before its time is up, still kept");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(hidden.isKept("user-1", path), "a second after, no longer");
    }

    @Test
    void hidingAgainStartsTheTimeAgain() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/title.txt");
        hidden.hide("user-1", path);
        clock.advance(HIDE_FOR.minusMinutes(1));
        hidden.hide("user-1", path);
        clock.advance(Duration.ofMinutes(2));
        assertTrue(hidden.isHidden("user-1", path), "hidden again nine minutes in: hidden for ten more");
    }

    @Test
    void aFileHiddenThroughOneClientIsHiddenThroughAnother() {
        HiddenFiles first = newHidden(clock, HIDE_FOR);
        HiddenFiles second = secondClientOf(first, clock, HIDE_FOR);
        DavPath folder = DavPath.parseDecoded("/posts/12-x");
        first.hide("user-1", folder.child("title.txt"));
        first.keep("user-1", folder.child("status.txt"));
        assertTrue(second.isHidden("user-1", folder.child("title.txt")));
        assertEquals(Set.of("title.txt"), second.hiddenIn("user-1", folder));
        assertTrue(second.isKept("user-1", folder.child("status.txt")));
        second.reveal("user-1", folder.child("title.txt"));
        assertFalse(first.isHidden("user-1", folder.child("title.txt")), "revealed through the other");
    }

    @Test
    void whatAReadShowsFollowsAChangeThroughAnotherClientAndAClientsOwnAtOnce() {
        HiddenFiles first = newHidden(clock, HIDE_FOR);
        HiddenFiles second = secondClientOf(first, clock, HIDE_FOR);
        DavPath folder = DavPath.parseDecoded("/posts/12-x");
        DavPath title = folder.child("title.txt");
        assertFalse(first.isHiddenForRead("user-1", title));
        assertEquals(Set.of(), first.hiddenInForRead("user-1", folder));
        second.hide("user-1", title);
        Await.within(Duration.ofSeconds(5), () -> first.isHiddenForRead("user-1", title)
                && first.hiddenInForRead("user-1", folder).equals(Set.of("title.txt")), "hidden through the other client");
        first.hide("user-1", folder.child("content.html"));
        assertEquals(Set.of("title.txt", "content.html"), first.hiddenInForRead("user-1", folder), "its own change, at once");
        second.reveal("user-1", title);
        Await.within(Duration.ofSeconds(5), () -> !first.isHiddenForRead("user-1", title), "revealed through the other client");
        assertFalse(first.isHiddenForRead("user-2", folder.child("content.html")), "another user's");
    }

    @Test
    void whatAReadShowsIsHiddenUntilItsTimeIsUp() {
        HiddenFiles hidden = newHidden(clock, HIDE_FOR);
        DavPath path = DavPath.parseDecoded("/posts/12-x/title.txt");
        hidden.hide("user-1", path);
        hidden.keep("user-1", path.parent().child("status.txt"));
        assertTrue(hidden.isHiddenForRead("user-1", path));
        assertFalse(hidden.isHiddenForRead("user-1", path.parent().child("status.txt")), "kept is not hidden");
        clock.advance(HIDE_FOR.minusSeconds(1));
        assertTrue(hidden.isHiddenForRead("user-1", path), "a second before its time is up, still hidden");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(hidden.isHiddenForRead("user-1", path), "a second after, it shows again");
        assertEquals(Set.of(), hidden.hiddenInForRead("user-1", path.parent()));
    }
}
