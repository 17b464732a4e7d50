package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Template;

/**
 * A block theme's templates on the real WordPress: the test bed's block theme switched on
 * ({@code scripts/wordpress theme blocks}; the class's final reset brings back the seed's theme), its templates listed
 * as REST lists them to the administrator, read byte for byte, saved as WordPress's user copy and reverted by deleting
 * the folder; those who may not edit the theme neither see nor reach them. What WordPress holds is read from it directly.
 */
class TemplatesIT extends WritingIT {
    private static final Endpoint<Template> TEMPLATES = Endpoint.ofTemplates("wp/v2", "templates", "wp_template");
    private static final Endpoint<Template> PARTS = Endpoint.ofTemplates("wp/v2", "template-parts", "wp_template_part");

    @BeforeAll
    static void withTheBlockTheme() {
        bed.script("theme", "blocks");
    }

    private static List<Template> stored(Endpoint<Template> endpoint) {
        return wordpress.list(admin, endpoint, ListQuery.all().withContext(Context.EDIT)).items();
    }

    private static Template storedIndex() {
        return stored(TEMPLATES).stream().filter(t -> t.slug().equals("index")).findFirst().orElseThrow();
    }

    private static RunningDrive.Answer send(String role, String method, String path, String body) {
        return drive.send(role, method, drive.url(path), Map.of(), body);
    }

    @Test
    void theAdministratorSeesEveryTemplateAsRestListsItByteForByte() {
        List<Template> templates = stored(TEMPLATES);
        assertEquals(List.of("index", "single"), templates.stream().map(Template::slug).sorted().toList(), "the test bed theme's");
        assertEquals(templates.stream().map(t -> t.slug() + "/").sorted().toList(), namesIn("admin", "templates/").stream().sorted().toList());
        assertEquals(List.of("content.html", "title.txt", "description.txt", "source.txt"), namesIn("admin", "templates/index/"));
        Template index = storedIndex();
        assertArrayEquals(index.content().raw().getBytes(UTF_8), drive.send("admin", "GET", drive.url("templates/index/content.html"), Map.of(), null)
                .body());
        assertEquals(index.title().raw(), read("admin", "templates/index/title.txt"));
        assertEquals("theme", read("admin", "templates/index/source.txt"));
        assertEquals(stored(PARTS).stream().map(t -> t.slug() + "/").toList(), namesIn("admin", "template-parts/"));
        assertEquals("header", read("admin", "template-parts/header/area.txt"));
    }

    @Test
    void aSaveIsWordPressesUserCopyAndDeletingTheFolderRevertsIt() {
        String theme = storedIndex().content().raw();
        String mine = "<!-- wp:paragraph -->\r\n<p>From the drive ✓ \\ \"quoted\"</p>\r\n<!-- /wp:paragraph -->";
        assertEquals(204, send("admin", "PUT", "templates/index/content.html", mine).status());
        assertEquals(mine, storedIndex().content().raw());
        assertEquals("custom", storedIndex().source());
        assertTrue(storedIndex().wpId() > 0, "WordPress keeps the copy as a post");
        assertEquals(mine, read("admin", "templates/index/content.html"));
        assertEquals("custom", read("admin", "templates/index/source.txt"));

        assertEquals(204, send("admin", "DELETE", "templates/index/", null).status());
        assertEquals("theme", storedIndex().source());
        assertEquals(theme, storedIndex().content().raw());
        assertEquals(theme, read("admin", "templates/index/content.html"));

        RunningDrive.Answer refused = send("admin", "DELETE", "templates/single/", null);
        assertEquals(403, refused.status());
        assertTrue(refused.text().contains("the theme's own template"), refused.text());
        assertTrue(namesIn("admin", "templates/").contains("single/"));
    }

    @Test
    void aTemplateSavedInTheSiteEditorShowsOnTheDriveWithinThePoll() throws InterruptedException {
        Template single = stored(TEMPLATES).stream().filter(t -> t.slug().equals("single")).findFirst().orElseThrow();
        assertEquals(single.content().raw(), read("admin", "templates/single/content.html"), "read once: the cache holds it an hour");
        String edited = "<!-- wp:paragraph -->\n<p>Saved in the site editor</p>\n<!-- /wp:paragraph -->";
        wordpress.saveTemplate(admin, TEMPLATES, single.id(), Map.of("content", edited));
        try {
            String shown = null;
            for (int i = 0; i < 40 && !edited.equals(shown); i++) {
                Thread.sleep(250);
                shown = read("admin", "templates/single/content.html");
            }
            assertEquals(edited, shown, "the change feed reports the user's copy of the template");
        } finally {
            wordpress.revertTemplate(admin, TEMPLATES, single.id());
        }
    }

    @Test
    void whoMayNotEditTheThemeNeitherSeesNorReachesThem() {
        for (String role : List.of("editor", "author", "subscriber")) {
            List<String> root = namesIn(role, "");
            assertFalse(root.contains("templates/") || root.contains("template-parts/"), role + ": " + root);
            assertEquals(404, send(role, "GET", "templates/index/content.html", null).status(), role);
            assertEquals(404, send(role, "PROPFIND", "template-parts/", null).status(), role);
            assertEquals(409, send(role, "PUT", "templates/index/content.html", "<p>taken</p>").status(), role);
        }
        assertEquals("theme", storedIndex().source(), "nothing was saved");
    }
}
