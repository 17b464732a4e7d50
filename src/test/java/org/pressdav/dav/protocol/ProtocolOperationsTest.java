package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What anonymous callers can make pressdav ask of WordPress through its operations paths. */
class ProtocolOperationsTest {
    private final InProcessDrive drive = new InProcessDrive();

    @AfterEach
    void stop() {
        drive.close();
    }

    @Test
    void aCrowdOfReadinessProbesAsksWordPressNextToNothing() {
        int before = drive.wordpress.calls.getOrDefault("index", new AtomicInteger()).get();
        for (int i = 0; i < 200; i++) {
            assertEquals(200, drive.send(null, "GET", "health/ready", Map.of(), null).status());
        }
        int asked = drive.wordpress.calls.getOrDefault("index", new AtomicInteger()).get() - before;
        // Once every five seconds (ReadinessTest holds the exact rule on its own clock): these 200
        // probes take about a second, so one or two questions; ten would need 45 s.
        assertTrue(asked < 10, "200 probes asked WordPress " + asked + " times");
    }
}
