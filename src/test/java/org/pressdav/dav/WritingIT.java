package org.pressdav.dav;

import java.time.LocalDate;
import java.time.ZoneOffset;
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
}
