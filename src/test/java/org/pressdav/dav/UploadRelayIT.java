package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;

/**
 * Uploads relayed to WordPress after the connection to it sat idle: Apache closes an idle
 * connection after five seconds, and an upload sent on such a connection must still arrive, once.
 * A failed upload leaves no file that WordPress does not have.
 */
class UploadRelayIT extends WritingIT {

    private static void uploadsAfterIdlePauses(RunningDrive through, String prefix) throws Exception {
        for (int i = 0; i < 2; i++) {
            assertEquals(200, through.send("admin", "GET", through.url("site/name.txt"), Map.of(), null).status());
            Thread.sleep(6_000);
            String name = prefix + i + ".png";
            RunningDrive.Answer put = through.sendBytes("admin", "PUT", through.url(month + name), Map.of("Content-Type", "image/png"),
                    MediaUploadIT.png(100 + i));
            assertEquals(201, put.status(), name + ": " + put.text());
            assertEquals(1, wordpress.list(admin, Endpoint.MEDIA, ListQuery.all().with("search", prefix + i)).items().size(), name);
        }
    }

    @Test
    void uploadsAfterAPauseLongerThanApachesKeepAliveArrive() throws Exception {
        uploadsAfterIdlePauses(drive, "after-pause-");
    }

    @Test
    void evenAPoolKeptLongerThanApachesKeepAliveIsRetriedOnAFreshConnection() throws Exception {
        try (RunningDrive stale = RunningDrive.start("--wordpress-keep-alive", "60s")) {
            uploadsAfterIdlePauses(stale, "stale-pool-");
        }
    }

    @Test
    void aFailedUploadLeavesNoPlaceholderBehind() {
        // A type a web server could run: refused by WordPress, and by the companion plugin even with its any-file option.
        String url = drive.url(month + "refused.phtml");
        assertEquals(201, drive.sendBytes("admin", "PUT", url, Map.of(), new byte[0]).status(), "Explorer's empty first PUT");
        RunningDrive.Answer refused = drive.sendBytes("admin", "PUT", url, Map.of(), "MZ not really a program".getBytes());
        assertEquals(415, refused.status(), refused.text());
        assertEquals(404, drive.send("admin", "PROPFIND", url, Map.of("Depth", "0"), null).status(),
                "nothing shows that WordPress does not have");
    }
}
