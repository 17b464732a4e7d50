package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * A folder COPY that WordPress stops half-way (issue 16, item 11): the 207 says exactly what
 * happened to every member not copied, and nothing copied is called failed.
 */
class FolderCopyCutShortTest {
    private InProcessDrive drive;

    @BeforeEach
    void start() {
        drive = new InProcessDrive(new InMemoryWordPress().withMediaFolders());
        assertEquals(201, drive.send(AUTHOR, "MKCOL", "media/Forty/", Map.of(), null).status());
        assertEquals(201, drive.send(AUTHOR, "MKCOL", "media/Forty/sub/", Map.of(), null).status());
        for (int i = 1; i <= 6; i++) {
            assertEquals(201, drive.send(AUTHOR, "PUT", "media/Forty/f" + i + ".txt", Map.of(), "file " + i).status());
        }
        assertEquals(201, drive.send(AUTHOR, "PUT", "media/Forty/sub/g1.txt", Map.of(), "g1").status());
        assertEquals(201, drive.send(AUTHOR, "PUT", "media/Forty/sub/g2.txt", Map.of(), "g2").status());
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    /** Each {@code <D:response>} of a 207 as href → status code. */
    private static Map<String, Integer> outcomes(String multistatus) {
        Map<String, Integer> outcomes = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("<D:href>([^<]*)</D:href><D:status>HTTP/1.1 (\\d{3})").matcher(multistatus);
        while (m.find()) {
            outcomes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return outcomes;
    }

    /** The files of the copy, in the order the source lists them. */
    private List<String> sourceOrder() {
        String listing = drive.send(AUTHOR, "PROPFIND", "media/Forty/", Map.of("Depth", "1"), null).text();
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<D:href>/media/Forty/([^<]+)</D:href>").matcher(listing);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyMemberNotCopiedIsNamedAndTheOneWhoseAnswerWasLostIsUnknownNotFailed() {
        List<String> order = sourceOrder();
        assertEquals(7, order.size(), order.toString());
        // The folder and three members are made; the fourth is made too, but WordPress stops before it answers.
        drive.wordpress.stopAfterWrites(4);
        Answer copy = drive.send(AUTHOR, "COPY", "media/Forty/", Map.of("Destination", drive.url("media/Copy/")), null);
        assertEquals(207, copy.status(), copy.text());
        Map<String, Integer> outcomes = outcomes(copy.text());

        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("/media/Copy/" + order.get(3), 502);
        for (String rest : order.subList(4, order.size())) {
            expected.put("/media/Copy/" + rest, 424);
        }
        assertEquals(expected, outcomes, copy.text());
        assertTrue(copy.text().contains("may or may not"), "the unknown outcome says so: " + copy.text());
        assertEquals(8 + 4, drive.wordpress.media().size(), "three copied, and the fourth made though its answer was lost");
    }

    @Test
    void aCopyStoppedInsideASubfolderNamesWhatFollowsAtEveryLevel() {
        List<String> order = sourceOrder();
        int sub = order.indexOf("sub/");
        List<String> inSub = new ArrayList<>();
        Matcher m = Pattern.compile("<D:href>/media/Forty/sub/([^<]+)</D:href>")
                .matcher(drive.send(AUTHOR, "PROPFIND", "media/Forty/sub/", Map.of("Depth", "1"), null).text());
        while (m.find()) {
            inSub.add(m.group(1));
        }
        // The folder, what comes before sub/, sub/ itself and its first file land; WordPress stops while the second is made.
        drive.wordpress.stopAfterWrites(1 + sub + 2);
        Answer copy = drive.send(AUTHOR, "COPY", "media/Forty/", Map.of("Destination", drive.url("media/Copy/")), null);
        assertEquals(207, copy.status(), copy.text());
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("/media/Copy/sub/" + inSub.get(1), 502);
        for (String rest : order.subList(sub + 1, order.size())) {
            expected.put("/media/Copy/" + rest, 424);
        }
        assertEquals(expected, outcomes(copy.text()), copy.text());
    }
}
