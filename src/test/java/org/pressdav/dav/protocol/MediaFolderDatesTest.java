package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A media folder's dates are its own, as Finder shows a folder's: made when its first file came,
 * changed when a file inside it last changed; not the moment pressdav started.
 */
class MediaFolderDatesTest {
    private static final Instant FIRST = Instant.parse("2024-05-10T10:00:00Z");
    private static final Instant FIRST_CHANGED = Instant.parse("2024-05-12T08:30:00Z");
    private static final Instant SECOND = Instant.parse("2024-05-20T16:45:00Z");
    private static final Instant OTHER_YEAR = Instant.parse("2023-02-01T00:00:00Z");

    private InProcessDrive drive;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        drive.wordpress.addMedia(AUTHOR.id(), "2024/05/first.jpg", FIRST, FIRST_CHANGED, new byte[] {1});
        drive.wordpress.addMedia(AUTHOR.id(), "2024/05/second.jpg", SECOND, SECOND, new byte[] {2});
        drive.wordpress.addMedia(AUTHOR.id(), "2023/02/old.jpg", OTHER_YEAR, OTHER_YEAR, new byte[] {3});
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    /** {@code [creationdate, getlastmodified]} of {@code href} in the listing of {@code folder}. */
    private String[] datesOf(String folder, String href) {
        String listing = drive.send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
        for (String response : listing.split("<D:response>")) {
            if (response.contains("<D:href>" + href + "</D:href>")) {
                return new String[] {property(response, "creationdate"), property(response, "getlastmodified")};
            }
        }
        throw new AssertionError(href + " is not in " + listing);
    }

    private static String property(String response, String name) {
        Matcher m = Pattern.compile("<D:" + name + ">([^<]*)</D:" + name + ">").matcher(response);
        assertTrue(m.find(), name + " in " + response);
        return m.group(1);
    }

    private static Instant http(String date) {
        return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date));
    }

    @Test
    void aFolderIsMadeWithItsFirstFileAndChangedWithItsNewest() {
        String[] month = datesOf("media/2024/", "/media/2024/05/");
        assertEquals(FIRST.toString(), month[0]);
        assertEquals(SECOND, http(month[1]));
        String[] year = datesOf("media/", "/media/2024/");
        assertEquals(FIRST.toString(), year[0], "a year folder's first file is its first month's");
        assertEquals(SECOND, http(year[1]));
        String[] older = datesOf("media/", "/media/2023/");
        assertEquals(OTHER_YEAR.toString(), older[0]);
        assertEquals(OTHER_YEAR, http(older[1]), "each folder has its own dates");
    }

    @Test
    void anEmptyFolderKeepsTheMomentItWasFirstSeen() {
        java.time.LocalDate today = java.time.LocalDate.now(ZoneOffset.UTC);
        String year = "/media/" + today.getYear() + "/";
        String[] first = datesOf("media/", year);
        String[] again = datesOf("media/", year);
        assertEquals(first[0], again[0]);
        assertTrue(!Instant.parse(first[0]).isBefore(Instant.now().minusSeconds(60)), "this month's folder, empty, was first seen now: " + first[0]);
    }
}
