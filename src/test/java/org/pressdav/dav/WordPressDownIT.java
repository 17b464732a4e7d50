package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;

/** WordPress really stopped under a running pressdav: clients get 502 and the reason, then recover. */
class WordPressDownIT {
    private static RunningDrive drive;
    private static TestBed bed;

    @BeforeAll
    static void start() {
        drive = RunningDrive.start("--cache-ttl", "0s");
        bed = drive.bed();
    }

    /**
     * What an orchestrator sees probing every half second: readiness asks WordPress at most every
     * five seconds, so the 503 of WordPress down may stand a few seconds after it is back.
     */
    private static int readyWithin(int probes) {
        int status = 0;
        for (int i = 0; i < probes && status != 200; i++) {
            if (i > 0) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            status = OperationsIT.get(drive, "/health/ready", null).status();
        }
        return status;
    }

    @AfterAll
    static void stop() {
        bed.script("up");
        drive.close();
    }

    @Test
    void wordpressDownIsABadGatewayThatSaysWhyAndTheDriveRecovers() {
        String url = drive.url("posts/");
        assertEquals(207, drive.send("admin", "PROPFIND", url, Map.of("Depth", "1"), null).status());
        String description = drive.send("admin", "GET", drive.url("site/description.txt"), Map.of(), null).text();

        bed.script("down");
        RunningDrive.Answer down = drive.send("admin", "PROPFIND", url, Map.of("Depth", "1"), null);
        assertEquals(502, down.status());
        assertTrue(down.text().contains("WordPress cannot be reached at 127.0.0.1"), down.text());
        RunningDrive.Answer newcomer = drive.send("editor", "GET", drive.url("site/name.txt"), Map.of(), null);
        assertEquals(502, newcomer.status(), "a login that cannot be checked is not a wrong password");
        RunningDrive.Answer write = drive.send("admin", "PUT", drive.url("site/description.txt"), Map.of(), "written while down");
        assertEquals(502, write.status());
        OperationsIT.Plain ready = OperationsIT.get(drive, "/health/ready", null);
        assertEquals(503, ready.status(), "not ready while WordPress is down");
        assertTrue(ready.body().contains("WordPress cannot be reached"), ready.body());
        assertEquals(200, OperationsIT.get(drive, "/health", null).status(), "but alive");

        bed.script("up");
        assertEquals(200, readyWithin(20), "ready again within the five seconds readiness keeps its last answer");
        assertEquals(207, drive.send("admin", "PROPFIND", url, Map.of("Depth", "1"), null).status());
        assertEquals(description, drive.send("admin", "GET", drive.url("site/description.txt"), Map.of(), null).text(),
                "the refused write changed nothing");
    }
}
