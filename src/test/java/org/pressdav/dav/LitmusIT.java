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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Readme;

/**
 * litmus (Debian's 0.13), the WebDAV compliance suite, all five groups against a folder of
 * media/ with the companion plugin: every test passes, with no warning. Its summary lines are
 * printed, so that CI shows the counts.
 */
class LitmusIT extends WritingIT {
    private static final Pattern SUMMARY = Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");
    private static final List<String> GROUPS = List.of("basic", "copymove", "props", "locks", "http");

    @Test
    void everyTestOfEveryGroupPassesInAMediaFolder(@TempDir Path dir) throws Exception {
        // The README's lines, as written (a folder made with curl, then litmus); litmus writes debug.log
        // and child.log to its working directory.
        Process litmus = new ProcessBuilder("bash", "-ec", Readme.forDrive(Readme.snippet("curl -fsS -u 'NAME:PASSWORD' -X MKCOL"), drive, dir))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(litmus.getInputStream().readAllBytes());
        assertTrue(litmus.waitFor(15, TimeUnit.MINUTES), "litmus finishes");
        Matcher summary = SUMMARY.matcher(output);
        StringBuilder counts = new StringBuilder();
        int groups = 0;
        while (summary.find()) {
            counts.append("litmus ").append(summary.group(1)).append(": ").append(summary.group(3)).append(" of ").append(summary.group(2))
                    .append(" passed\n");
            assertEquals(GROUPS.get(groups), summary.group(1), output);
            assertEquals("0", summary.group(4), summary.group(1) + " failed tests:\n" + output);
            groups++;
        }
        System.out.print(counts);
        assertEquals(GROUPS.size(), groups, "every group ran:\n" + output);
        assertFalse(output.contains("WARNING"), "no warning:\n" + output);
        assertEquals(0, litmus.exitValue(), output);
    }
}
