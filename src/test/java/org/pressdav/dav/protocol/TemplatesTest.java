package org.pressdav.dav.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Template;

/**
 * A block theme's templates and parts on the drive: {@code templates/<slug>/} and {@code template-parts/<slug>/}, only
 * for those who may edit the theme, read byte for byte, saved as WordPress's user copy, and reverted to the theme's by
 * deleting the folder (a theme's template as it is cannot be deleted).
 */
class TemplatesTest {
    /** CRLF, a backslash, non-ASCII and a trailing space: what a drive must not touch. */
    private static final String INDEX = "<!-- wp:template-part {\"slug\":\"header\"} /-->\r\n<!-- wp:paragraph -->\n<p>Ça \\ va </p>\n"
            + "<!-- /wp:paragraph -->\n";

    private static InMemoryWordPress site() {
        InMemoryWordPress wordpress = new InMemoryWordPress();
        wordpress.withBlockTheme()
                .addThemeFile("wp_template", "index", "Index", INDEX, null)
                .addThemeFile("wp_template", "single", "Single", "<!-- wp:post-content /-->", null)
                .addThemeFile("wp_template_part", "header", "Header", "<!-- wp:site-title /-->\n", "header");
        return wordpress;
    }

    private static Template index(InMemoryWordPress wordpress) {
        return wordpress.withBlockTheme().template("wp_template", "index");
    }

    @Test
    void thoseWhoMayEditTheThemeSeeEachTemplateAsAFolderOfItsFiles() {
        try (InProcessDrive drive = new InProcessDrive(site())) {
            assertTrue(drive.namesIn(ADMIN, "").containsAll(List.of("templates/", "template-parts/")), drive.namesIn(ADMIN, "").toString());
            assertEquals(List.of("index/", "single/"), drive.namesIn(ADMIN, "templates/"));
            assertEquals(List.of("content.html", "title.txt", "description.txt", "source.txt"), drive.namesIn(ADMIN, "templates/index/"));
            assertArrayEquals(INDEX.getBytes(UTF_8), drive.send(ADMIN, "GET", "templates/index/content.html", Map.of(), null).body());
            assertEquals("Index", drive.read(ADMIN, "templates/index/title.txt"));
            assertEquals("theme", drive.read(ADMIN, "templates/index/source.txt"));
            assertEquals(List.of("content.html", "title.txt", "description.txt", "source.txt", "area.txt"),
                    drive.namesIn(ADMIN, "template-parts/header/"));
            assertEquals("header", drive.read(ADMIN, "template-parts/header/area.txt"));
        }
    }

    @Test
    void othersNeitherSeeTheFoldersNorReachThem() {
        InMemoryWordPress wordpress = site();
        try (InProcessDrive drive = new InProcessDrive(wordpress, "--anonymous-read", "true")) {
            for (Account who : new Account[] {null, SUBSCRIBER, AUTHOR, EDITOR}) {
                List<String> root = drive.namesIn(who, "");
                assertFalse(root.contains("templates/") || root.contains("template-parts/"), root.toString());
                assertEquals(404, drive.send(who, "GET", "templates/index/content.html", Map.of(), null).status());
                // A visitor is asked to log in before any write; a user's PUT finds no folder to put in (RFC 4918: 409).
                assertEquals(who == null ? 401 : 409, drive.send(who, "PUT", "templates/index/content.html", Map.of(), "taken").status());
            }
            assertEquals("theme", index(wordpress).source());
        }
    }

    @Test
    void aSaveKeepsAUserCopyAndDeletingTheFolderBringsTheThemesBack() {
        InMemoryWordPress wordpress = site();
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            String mine = "<!-- wp:paragraph -->\r\n<p>Mine ✓</p>\r\n<!-- /wp:paragraph -->";
            // Read first, so that the cache holds the theme's: the save must make it forget.
            assertEquals("theme", drive.read(ADMIN, "templates/index/source.txt"));
            assertEquals(204, drive.send(ADMIN, "PUT", "templates/index/content.html", Map.of(), mine).status());
            assertEquals(mine, index(wordpress).content().raw());
            assertEquals("custom", index(wordpress).source());
            assertEquals(mine, drive.read(ADMIN, "templates/index/content.html"));
            assertEquals("custom", drive.read(ADMIN, "templates/index/source.txt"));

            assertEquals(204, drive.send(ADMIN, "DELETE", "templates/index/", Map.of(), null).status());
            assertEquals("theme", index(wordpress).source());
            assertEquals(INDEX, drive.read(ADMIN, "templates/index/content.html"));
            assertEquals("theme", drive.read(ADMIN, "templates/index/source.txt"));
        }
    }

    @Test
    void aThemesTemplateAsItIsCannotBeDeleted() {
        InMemoryWordPress wordpress = site();
        try (InProcessDrive drive = new InProcessDrive(wordpress)) {
            var answer = drive.send(ADMIN, "DELETE", "templates/single/", Map.of(), null);
            assertEquals(403, answer.status());
            assertTrue(answer.text().contains("the theme's own template"), answer.text());
            assertEquals(List.of("index/", "single/"), drive.namesIn(ADMIN, "templates/"));
            assertEquals(List.of("content.html", "title.txt", "description.txt", "source.txt"), drive.namesIn(ADMIN, "templates/single/"),
                    "a refused DELETE hides none of its files");
            assertEquals("theme", wordpress.withBlockTheme().template("wp_template", "single").source());
        }
    }

    @Test
    void aSiteWithoutTemplateTypesHasNoTemplatesFolder() {
        try (InProcessDrive drive = new InProcessDrive(new InMemoryWordPress())) {
            assertFalse(drive.namesIn(ADMIN, "").contains("templates/"));
        }
    }
}
