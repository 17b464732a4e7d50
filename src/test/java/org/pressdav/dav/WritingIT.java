package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.OkHttpWordPressClient;

/**
 * What the integration tests that write share: pressdav on a test bed reset to its seed before
 * the class and again after it, WordPress itself for checking, and this month's media folder.
 */
abstract class WritingIT {
    static RunningDrive drive;
    static TestBed bed;
    static OkHttpWordPressClient wordpress;
    static Credentials admin;
    /** {@code media/<yyyy>/<mm>/} for now: the test bed's WordPress runs on UTC. */
    static String month;

    @BeforeAll
    static void startOnFreshSeed() {
        drive = RunningDrive.startOnFreshSeed();
        bed = drive.bed();
        wordpress = drive.wordpress();
        admin = bed.credentials("admin");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
    }

    @AfterAll
    static void stopAndReset() {
        drive.close();
    }

    /** The names in a folder ({@code posts/12-a/}) as {@code role} lists it, a folder's with its slash (revisions/). */
    static List<String> namesIn(String role, String path) {
        return drive.names(role, path);
    }

    /** A file's text as {@code role} reads it (200 asserted). */
    static String read(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "GET", drive.url(path), Map.of(), null);
        assertEquals(200, answer.status(), path + ": " + answer.text());
        return answer.text();
    }
}
