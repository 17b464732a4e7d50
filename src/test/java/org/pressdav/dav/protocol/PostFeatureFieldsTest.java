package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.CONTRIBUTOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * The fields of the features a post type supports (featured image, sticky, format, comment and ping
 * status, template, menu order): listed where the type has them, read as WordPress's REST values,
 * written back byte for byte, refused in WordPress's words with the old value kept.
 */
class PostFeatureFieldsTest {
    private static final Set<String> POST_ONLY = Set.of("sticky.txt", "format.txt");
    private static final Set<String> PAGE_ONLY = Set.of("template.txt", "menu-order.txt");
    private static final Set<String> BOTH = Set.of("featured-image.txt", "comment-status.txt", "ping-status.txt");

    private InProcessDrive drive;
    private long post;
    private long page;
    private long sunset;
    private long editorsPost;
    private long contributorsDraft;
    private String postFolder;
    private String pageFolder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        post = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "A story", "Body.");
        page = drive.wordpress.addPost("page", EDITOR.id(), "publish", "About", "Us.");
        editorsPost = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Hers", "x");
        contributorsDraft = drive.wordpress.addPost("post", CONTRIBUTOR.id(), "draft", "My draft", "x");
        Instant then = Instant.parse("2024-05-02T10:00:00Z");
        sunset = drive.wordpress.addMedia(EDITOR.id(), "2024/05/sunset.jpg", then, then, new byte[] {1, 2, 3});
        postFolder = drive.folderOf(post);
        pageFolder = "pages/" + page + "-about/";
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private Set<String> files(String folder) {
        String listing = drive.send(ADMIN, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
        Matcher m = Pattern.compile("<D:href>/" + Pattern.quote(folder) + "([^<]+)</D:href>").matcher(listing);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String get(Account who, String file) {
        Answer answer = drive.send(who, "GET", file, Map.of(), null);
        assertEquals(200, answer.status(), file + ": " + answer.text());
        return answer.text();
    }

    private Answer put(Account who, String file, String text) {
        return drive.send(who, "PUT", file, Map.of(), text);
    }

    @Test
    void aPostHasTheFieldsOfItsFeaturesAndAPageOfItsOwn() {
        Set<String> posts = files(postFolder);
        assertTrue(posts.containsAll(BOTH) && posts.containsAll(POST_ONLY), posts.toString());
        assertTrue(PAGE_ONLY.stream().noneMatch(posts::contains), "posts do not support page attributes: " + posts);
        Set<String> pages = files(pageFolder);
        assertTrue(pages.containsAll(BOTH) && pages.containsAll(PAGE_ONLY), pages.toString());
        assertTrue(POST_ONLY.stream().noneMatch(pages::contains), "pages are neither sticky nor formatted: " + pages);
    }

    @Test
    void eachFileIsWordPresssValueWithoutANewline() {
        assertEquals(List.of("", "false", "standard", "open", "open"), List.of(get(EDITOR, postFolder + "featured-image.txt"),
                get(EDITOR, postFolder + "sticky.txt"), get(EDITOR, postFolder + "format.txt"), get(EDITOR, postFolder + "comment-status.txt"),
                get(EDITOR, postFolder + "ping-status.txt")));
        assertEquals(List.of("closed", "closed", "", "0"), List.of(get(EDITOR, pageFolder + "comment-status.txt"),
                get(EDITOR, pageFolder + "ping-status.txt"), get(EDITOR, pageFolder + "template.txt"), get(EDITOR, pageFolder + "menu-order.txt")));
    }

    @Test
    void writtenValuesReadBackByteForByteAndReachWordPress() {
        Map<String, String> written = Map.of(postFolder + "sticky.txt", "true", postFolder + "format.txt", "aside",
                postFolder + "comment-status.txt", "closed", postFolder + "ping-status.txt", "closed", pageFolder + "comment-status.txt", "open",
                pageFolder + "menu-order.txt", "-3", pageFolder + "template.txt", "");
        written.forEach((file, text) -> assertEquals(204, put(EDITOR, file, text).status(), file));
        written.forEach((file, text) -> assertEquals(text, get(EDITOR, file), file));
        assertEquals(Boolean.TRUE, drive.wordpress.post(post).sticky());
        assertEquals("aside", drive.wordpress.post(post).format());
        assertEquals(-3, drive.wordpress.post(page).menuOrder());
        // A value with a syntax loses an editor's final newline, as status.txt does.
        assertEquals(204, put(EDITOR, postFolder + "sticky.txt", "false\n").status());
        assertEquals("false", get(EDITOR, postFolder + "sticky.txt"));
    }

    @Test
    void aValueWordPressRefusesIsItsOwn400AndTheOldValueStays() {
        Map<String, String> refused = Map.of(postFolder + "sticky.txt", "maybe", postFolder + "format.txt", "poem",
                postFolder + "comment-status.txt", "ajar", pageFolder + "menu-order.txt", "first", pageFolder + "template.txt", "wide.php");
        refused.forEach((file, text) -> {
            Answer answer = put(EDITOR, file, text);
            assertEquals(400, answer.status(), file);
            assertTrue(answer.text().contains("Invalid parameter(s)"), file + ": " + answer.text());
        });
        assertEquals(List.of("false", "standard", "open", "0", ""), List.of(get(EDITOR, postFolder + "sticky.txt"),
                get(EDITOR, postFolder + "format.txt"), get(EDITOR, postFolder + "comment-status.txt"), get(EDITOR, pageFolder + "menu-order.txt"),
                get(EDITOR, pageFolder + "template.txt")));
    }

    @Test
    void theFeaturedImageIsNamedByItsPathInMediaAndAnEmptyFileRemovesIt() {
        assertEquals(List.of("sunset.jpg"), List.copyOf(files("media/2024/05/")), "the path the media folder shows");
        String file = postFolder + "featured-image.txt";
        assertEquals(204, put(EDITOR, file, "media/2024/05/sunset.jpg").status());
        assertEquals("media/2024/05/sunset.jpg", get(EDITOR, file));
        assertEquals(sunset, drive.wordpress.post(post).featuredMedia());
        assertEquals(204, put(EDITOR, pageFolder + "featured-image.txt", "/media/2024/05/sunset.jpg\n").status(), "a leading slash, a newline");
        assertEquals("media/2024/05/sunset.jpg", get(EDITOR, pageFolder + "featured-image.txt"));

        Answer missing = put(EDITOR, file, "media/2024/05/nothing-here.jpg");
        assertEquals(409, missing.status());
        assertTrue(missing.text().contains("There is no media file 'media/2024/05/nothing-here.jpg'"), missing.text());
        assertEquals(409, put(EDITOR, file, "media/2024/05").status(), "a folder is not an image");
        assertEquals("media/2024/05/sunset.jpg", get(EDITOR, file), "the old image stays");

        assertEquals(204, put(EDITOR, file, "").status());
        assertEquals("", get(EDITOR, file));
        assertEquals(0, drive.wordpress.post(post).featuredMedia());
    }

    @Test
    void anImageTheMediaFolderDoesNotShowIsNamedByItsIdWhichSavedBackKeepsIt() {
        drive.wordpress.featureHiddenImage(post, 999);
        String file = postFolder + "featured-image.txt";
        assertEquals("999", get(EDITOR, file));
        assertEquals(204, put(EDITOR, file, "999\n").status(), "the file's own text, saved back by a sync client");
        assertEquals(999, drive.wordpress.post(post).featuredMedia());
        assertEquals(409, put(EDITOR, file, "998").status(), "another id is no path of media/");
        assertEquals(999, drive.wordpress.post(post).featuredMedia());
    }

    @Test
    void whoMayWriteIsWhoMayEditThePostAndWordPressDecidesStickiness() {
        String sticky = postFolder + "sticky.txt";
        assertEquals(403, put(SUBSCRIBER, sticky, "true").status());
        assertEquals(403, put(AUTHOR, pageFolder + "menu-order.txt", "4").status(), "an author may not edit pages");
        assertEquals(403, put(AUTHOR, drive.folderOf(editorsPost) + "sticky.txt", "true")
                .status(), "nor others' posts");
        assertFalse(drive.wordpress.post(post).sticky());
        assertEquals(List.of("0", "false"), List.of(get(ADMIN, pageFolder + "menu-order.txt"), get(ADMIN, sticky)));
        assertEquals(204, put(AUTHOR, sticky, "true").status(), "an author publishes, so may stick their own post");
        assertEquals("true", get(AUTHOR, sticky));
    }

    @Test
    void aContributorEditsTheirDraftButWordPressWillNotLetThemMakeItSticky() {
        long draft = contributorsDraft;
        String folder = drive.folderOf(draft);
        assertEquals(204, put(CONTRIBUTOR, folder + "format.txt", "quote").status());
        Answer sticky = put(CONTRIBUTOR, folder + "sticky.txt", "true");
        assertEquals(403, sticky.status());
        assertTrue(sticky.text().contains("Sorry, you are not allowed to make posts sticky."), sticky.text());
        assertEquals("false", get(CONTRIBUTOR, folder + "sticky.txt"));
        assertEquals(List.of(false, "quote"), List.of(drive.wordpress.post(draft).sticky(), drive.wordpress.post(draft).format()));
    }
}
