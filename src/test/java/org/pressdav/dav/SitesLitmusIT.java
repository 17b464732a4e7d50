package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.NetworkBed;
import org.pressdav.testbed.RunningDrive;

/**
 * litmus, all five groups, inside a site of several: in a folder of a network's site's media/ under
 * {@code sites/127.0.0.2-8089-two/}, as a member of that site (the network's editor alice). Every test passes with no
 * warning, as at the root of a drive of one site ({@link LitmusIT}): a site's drive is the same drive at its mount point
 * (its hrefs, Destinations, locks and properties under {@code sites/<name>/}).
 */
class SitesLitmusIT {
    private static final Pattern SUMMARY = Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");
    private static final List<String> GROUPS = List.of("basic", "copymove", "props", "locks", "http");
    private static final String FOLDER = "sites/127.0.0.2-8089-two/media/litmus/";

    private static NetworkBed network;
    private static RunningDrive drive;

    @BeforeAll
    static void start() {
        network = NetworkBed.get();
        network.script("reset");
        drive = RunningDrive.startSites("--network", network.networkUrl().toString());
    }

    @AfterAll
    static void stop() {
        if (drive != null) {
            drive.close();
        }
        network.script("reset");
    }

    @Test
    void everyTestOfEveryGroupPassesInsideANetworksSite(@TempDir Path dir) throws Exception {
        assertEquals(201, drive.send("alice", "MKCOL", drive.url(FOLDER), Map.of(), null).status());
        Process litmus = new ProcessBuilder("litmus", drive.url(FOLDER), network.login("alice"), network.applicationPassword("alice"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(litmus.getInputStream().readAllBytes());
        assertTrue(litmus.waitFor(15, TimeUnit.MINUTES), "litmus finishes");
        Matcher summary = SUMMARY.matcher(output);
        int groups = 0;
        while (summary.find()) {
            System.out.println("litmus in a site " + summary.group(1) + ": " + summary.group(3) + " of " + summary.group(2) + " passed");
            assertEquals(GROUPS.get(groups), summary.group(1), output);
            assertEquals("0", summary.group(4), summary.group(1) + " failed tests:\n" + output);
            groups++;
        }
        assertEquals(GROUPS.size(), groups, "every group ran:\n" + output);
        assertFalse(output.contains("WARNING"), "no warning:\n" + output);
        assertEquals(0, litmus.exitValue(), output);
    }
}
