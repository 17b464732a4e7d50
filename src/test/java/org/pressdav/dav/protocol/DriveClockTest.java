package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.store.SettableClock;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * The drive's one clock, given at the composition root, is the time of its locks, hidden files
 * and first-seen dates: moved by the test, they expire and date by it, without waiting.
 */
class DriveClockTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final InProcessDrive drive = new InProcessDrive(new InMemoryWordPress(), clock);

    @AfterEach
    void stop() {
        drive.close();
    }

    @Test
    void aLockExpiresWhenTheDrivesClockPassesItsTimeout() {
        String file = drive.folderOf(drive.wordpress.addPost("post", AUTHOR.id(), "publish", "Locked", "Body.")) + "content.html";
        Answer locked = drive.send(AUTHOR, "LOCK", file, Map.of("Timeout", "Second-60"), ProtocolLockTest.lockInfo("exclusive", "write"));
        assertEquals(200, locked.status(), locked.text());
        assertEquals(423, drive.send(EDITOR, "PUT", file, Map.of(), "the editor's").status(), "locked");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(423, drive.send(EDITOR, "PUT", file, Map.of(), "the editor's").status(), "a second before its time is up");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(204, drive.send(EDITOR, "PUT", file, Map.of(), "the editor's").status(), "expired");
    }

    @Test
    void aDeletedFieldFileShowsAgainOnceItsTimeIsUp() {
        String folder = drive.folderOf(drive.wordpress.addPost("post", AUTHOR.id(), "publish", "Emptied", "Body."));
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder + "title.txt", Map.of(), null).status());
        assertFalse(drive.send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text().contains("title.txt"), "hidden");
        clock.advance(Duration.ofMinutes(9));
        assertFalse(drive.send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text().contains("title.txt"), "still hidden");
        clock.advance(Duration.ofMinutes(2));
        assertTrue(drive.send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text().contains("title.txt"), "shown again");
    }

    @Test
    void aTermIsDatedWhenTheDriveFirstSawItByItsClock() {
        drive.wordpress.addTerm("post_tag", "Fun");
        assertEquals("Tue, 01 Jan 2030 00:00:00 GMT", tagsFunModified());
        clock.advance(Duration.ofHours(5));
        assertEquals("Tue, 01 Jan 2030 00:00:00 GMT", tagsFunModified(), "the date first seen stays");
    }

    private String tagsFunModified() {
        String listing = drive.send(EDITOR, "PROPFIND", "tags/", Map.of("Depth", "1"), null).text();
        Matcher m = Pattern.compile("<D:href>/tags/fun/</D:href>.*?<D:getlastmodified>([^<]+)</D:getlastmodified>").matcher(listing);
        assertTrue(m.find(), listing);
        return m.group(1);
    }
}
