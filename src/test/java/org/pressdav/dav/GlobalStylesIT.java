package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.GlobalStyles;

/**
 * The active theme's global styles on the real WordPress: the test bed's block theme switched on
 * ({@code scripts/wordpress theme blocks}; the class's final reset brings back the seed's theme, and with it no styles
 * saved), {@code global-styles/<stylesheet>.json} read as WordPress gives the styles to the administrator, a changed
 * colour written and found in WordPress, text that is not JSON refused with the colour kept; those who may not edit the
 * theme neither see nor reach the folder. What WordPress holds is read from it directly.
 */
class GlobalStylesIT extends WritingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THEME = "pressdav-testbed-blocks";
    private static final String FILE = "global-styles/" + THEME + ".json";

    @BeforeAll
    static void withTheBlockTheme() {
        bed.script("theme", "blocks");
    }

    private static GlobalStyles stored() {
        GlobalStyles styles = wordpress.globalStyles(admin);
        assertNotNull(styles, "a block theme has global styles");
        return styles;
    }

    private static String textColor() {
        return stored().styles().path("color").path("text").asText();
    }

    private static RunningDrive.Answer put(String role, String body) {
        return drive.send(role, "PUT", drive.url(FILE), Map.of(), body);
    }

    @Test
    void theAdministratorReadsTheStylesWritesAColourAndWordPressHasIt() throws Exception {
        GlobalStyles before = stored();
        assertEquals(THEME, before.stylesheet());
        assertTrue(namesIn("admin", "").contains("global-styles/"));
        assertEquals(List.of(THEME + ".json"), namesIn("admin", "global-styles/"));
        JsonNode shown = JSON.readTree(read("admin", FILE));
        assertEquals(before.settings(), shown.get("settings"));
        assertEquals(before.styles(), shown.get("styles"));

        ObjectNode changed = shown.deepCopy();
        changed.with("styles").with("color").put("text", "#aa0000");
        RunningDrive.Answer saved = put("admin", changed.toPrettyString());
        assertEquals(204, saved.status(), saved.text());
        assertEquals("#aa0000", textColor());
        assertEquals(before.settings(), stored().settings(), "the settings written back as they were");
        assertEquals("#aa0000", JSON.readTree(read("admin", FILE)).path("styles").path("color").path("text").asText());
    }

    @Test
    void textThatIsNotJsonIsRefusedAndTheOldColourKept() throws Exception {
        RunningDrive.Answer first = put("admin", "{\"styles\": {\"color\": {\"background\": \"#fafafa\"}}}");
        assertEquals(204, first.status(), first.text());
        String kept = read("admin", FILE);

        RunningDrive.Answer broken = put("admin", "{\"styles\": {\"color\": {\"background\": \"#000000\"}");
        assertEquals(422, broken.status(), broken.text());
        assertTrue(broken.text().contains("not JSON"), broken.text());
        // A list where an object is due: WordPress would take it (a PHP array) and keep nothing of it, wiping the styles.
        RunningDrive.Answer refused = put("admin", "{\"styles\": [\"#000000\"]}");
        assertEquals(422, refused.status(), refused.text());
        assertTrue(refused.text().contains("styles must be a JSON object"), refused.text());

        assertEquals("#fafafa", stored().styles().path("color").path("background").asText());
        assertEquals(kept, read("admin", FILE));
    }

    @Test
    void thoseWhoMayNotEditTheThemeNeitherSeeNorReachIt() {
        String before = stored().styles().toString();
        for (String role : List.of("editor", "author", "contributor", "subscriber")) {
            assertFalse(namesIn(role, "").contains("global-styles/"), role);
            assertEquals(404, drive.send(role, "GET", drive.url(FILE), Map.of(), null).status(), role);
            assertEquals(409, put(role, "{}").status(), role);
        }
        assertEquals(before, stored().styles().toString());
    }
}
