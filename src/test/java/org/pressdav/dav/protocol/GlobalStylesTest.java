package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.GlobalStyles;
import org.pressdav.wordpress.InMemoryTemplates;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * The active theme's global styles on the drive: {@code global-styles/<stylesheet>.json}, only for those who may edit the
 * theme, read as WordPress gives them, written as their settings and styles; text that is not such a JSON object is
 * refused with nothing changed.
 */
class GlobalStylesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "global-styles/" + InMemoryTemplates.THEME + ".json";

    private static InMemoryWordPress blockTheme() throws Exception {
        InMemoryWordPress wordpress = new InMemoryWordPress();
        wordpress.withBlockTheme();
        GlobalStyles empty = wordpress.globalStyles().saved();
        wordpress.saveGlobalStyles(org.pressdav.wordpress.Credentials.of(ADMIN.login(), ADMIN.password()), empty, Map.of(
                "settings", JSON.readTree("{\"color\": {\"custom\": false}}"),
                "styles", JSON.readTree("{\"color\": {\"text\": \"#111111\", \"background\": \"#ffffff\"}}")));
        return wordpress;
    }

    private static String textColor(InMemoryWordPress wordpress) {
        return wordpress.globalStyles().saved().styles().path("color").path("text").asText();
    }

    @Test
    void thoseWhoMayEditTheThemeReadItsStylesAsOneJsonFile() throws Exception {
        try (InProcessDrive drive = new InProcessDrive(blockTheme())) {
            assertTrue(drive.namesIn(ADMIN, "").contains("global-styles/"), drive.namesIn(ADMIN, "").toString());
            assertEquals(List.of(InMemoryTemplates.THEME + ".json"), drive.namesIn(ADMIN, "global-styles/"));
            String text = drive.read(ADMIN, FILE);
            assertEquals("{\n  \"settings\": {\n    \"color\": {\n      \"custom\": false\n    }\n  },\n  \"styles\": {\n    \"color\": {\n"
                    + "      \"text\": \"#111111\",\n      \"background\": \"#ffffff\"\n    }\n  }\n}", text);
        }
    }

    @Test
    void aWriteSavesItsSettingsAndStylesAndReadsBackAsWordPressHasThem() throws Exception {
        InMemoryWordPress wordpress = blockTheme();
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            // Read first, so that the cache holds the old styles: the save must make it forget.
            String before = drive.read(ADMIN, FILE);
            String changed = before.replace("#111111", "#aa0000");
            assertEquals(204, drive.send(ADMIN, "PUT", FILE, Map.of(), changed).status());
            assertEquals("#aa0000", textColor(wordpress));
            assertFalse(wordpress.globalStyles().saved().settings().path("color").path("custom").asBoolean(true), "settings kept");
            assertEquals(changed, drive.read(ADMIN, FILE));

            // The file is the whole of the user's styles: settings left out are saved empty.
            assertEquals(204, drive.send(ADMIN, "PUT", FILE, Map.of(), "{\"styles\": {\"color\": {\"text\": \"#00aa00\"}}}").status());
            assertEquals("#00aa00", textColor(wordpress));
            assertTrue(wordpress.globalStyles().saved().settings().isEmpty());
        }
    }

    @Test
    void textThatIsNotAnObjectOfSettingsAndStylesIsRefusedWithNothingChanged() throws Exception {
        InMemoryWordPress wordpress = blockTheme();
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            String before = drive.read(ADMIN, FILE);
            Map<String, String> refusals = Map.of(
                    "{\"styles\": {\"color\": {\"text\": \"#aa0000\"}", "is not JSON",
                    "", "not JSON",
                    "[1, 2]", "must be a JSON object",
                    "{\"styles\": {}, \"colour\": {}}", "not colour",
                    "{\"styles\": [\"#aa0000\"]}", "styles must be a JSON object",
                    "{\"settings\": 3, \"styles\": {}}", "settings must be a JSON object");
            refusals.forEach((body, says) -> {
                RunningDrive.Answer refused = drive.send(ADMIN, "PUT", FILE, Map.of(), body);
                assertEquals(422, refused.status(), body);
                assertTrue(refused.text().contains(says), body + ": " + refused.text());
            });
            assertEquals("#111111", textColor(wordpress));
            assertEquals(before, drive.read(ADMIN, FILE));
        }
    }

    @Test
    void othersNeitherSeeTheFolderNorReachIt() throws Exception {
        InMemoryWordPress wordpress = blockTheme();
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--anonymous-read", "true")) {
            for (Account who : new Account[] {null, SUBSCRIBER, AUTHOR, EDITOR}) {
                assertFalse(drive.namesIn(who, "").contains("global-styles/"), String.valueOf(who));
                assertEquals(404, drive.send(who, "GET", FILE, Map.of(), null).status());
                assertEquals(who == null ? 401 : 409, drive.send(who, "PUT", FILE, Map.of(), "{}").status());
            }
            assertEquals("#111111", textColor(wordpress));
        }
    }

    @Test
    void stylesSavedInTheSiteEditorShowOnceTheFeedIsFollowed() throws Exception {
        InMemoryWordPress wordpress = blockTheme().withPlugin();
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--change-poll", "100ms")) {
            assertTrue(drive.read(ADMIN, FILE).contains("#111111"), "read once: the cache holds it for the feed's hour");
            wordpress.saveGlobalStyles(org.pressdav.wordpress.Credentials.of(ADMIN.login(), ADMIN.password()), wordpress.globalStyles().saved(),
                    Map.of("styles", JSON.readTree("{\"color\": {\"text\": \"#0000aa\"}}")));
            wordpress.plugin().awaitFeedFollowedPast(wordpress.plugin().feedHead(), java.time.Duration.ofSeconds(30));
            assertTrue(drive.read(ADMIN, FILE).contains("#0000aa"), drive.read(ADMIN, FILE));
        }
    }

    @Test
    void aClassicThemeHasNone() {
        try (InProcessDrive drive = new InProcessDrive(new InMemoryWordPress())) {
            assertEquals(List.of(), drive.namesIn(ADMIN, "global-styles/"));
        }
    }
}
