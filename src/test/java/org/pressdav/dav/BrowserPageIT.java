package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * A folder in a browser: the page itself (breadcrumbs, sizes, dates, wp-admin links only where
 * the user may edit, the upload form only where they may upload), headless Chromium (Debian's
 * chromium) opening the drive, a post's folder and its content.html with screenshots kept in
 * target/browser-screenshots, and the form's upload, refused from another site.
 */
class BrowserPageIT extends WritingIT {
    private static final Path SHOTS = Path.of("target", "browser-screenshots");

    private static String page(String role, String path) {
        RunningDrive.Answer answer = drive.send(role, "GET", drive.url(path), Map.of("Accept", "text/html,application/xhtml+xml"), null);
        assertEquals(200, answer.status(), answer.text());
        assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("text/html"));
        return answer.text();
    }

    @Test
    void aFolderPageShowsWhatTheUserMayDoThere() {
        long emoji = bed.id("posts", "emoji");
        String folder = drive.postFolder(emoji);
        String posts = page("editor", "posts/");
        assertTrue(posts.contains("<nav aria-label=\"Breadcrumbs\">") && posts.contains("<caption>"), posts);
        assertTrue(posts.contains("post.php?action=edit&amp;post=" + emoji), "an editor gets the wp-admin link");
        String mine = page("editor", folder);
        assertTrue(mine.contains("content.html") && mine.contains("Edit in WordPress"), mine);
        assertFalse(page("subscriber", folder).contains("Edit in WordPress"), "a subscriber gets none");
        assertTrue(page("editor", month).contains("<form method=\"post\" enctype=\"multipart/form-data\">"), "uploads are taken here");
        assertFalse(page("subscriber", month).contains("<form"), "not from a subscriber");
        assertFalse(page("editor", "tags/").contains("<form"), "nor in a folder that takes no files");
    }

    @Test
    void theUploadFormUploadsAndAnotherSitesFormIsRefused() throws Exception {
        byte[] image = MediaUploadIT.png(91);
        String url = drive.url(month);
        String origin = url.substring(0, url.indexOf('/', "http://".length()));
        OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
        RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", "from-the-browser.png", RequestBody.create(image, MediaType.get("image/png"))).build();
        String login = okhttp3.Credentials.basic(bed.login("editor"), bed.applicationPassword("editor"));
        try (Response evil = http.newCall(new Request.Builder().url(url).post(form).header("Authorization", login)
                .header("Origin", "http://evil.example").build()).execute()) {
            assertEquals(403, evil.code());
        }
        assertTrue(named("from-the-browser").isEmpty(), "another site's form uploads nothing");
        try (Response posted = http.newCall(new Request.Builder().url(url).post(form).header("Authorization", login)
                .header("Origin", origin).build()).execute()) {
            assertEquals(303, posted.code(), posted.body().string());
            assertTrue(posted.header("Location").endsWith(month), posted.header("Location"));
        }
        List<Media> uploaded = named("from-the-browser");
        assertEquals(1, uploaded.size());
        try (MediaContent content = wordpress.download(admin, uploaded.get(0), null)) {
            assertArrayEquals(image, content.body().readAllBytes());
        }
    }

    private static List<Media> named(String prefix) {
        return wordpress.list(admin, Endpoint.MEDIA, ListQuery.all().with("search", prefix)).items();
    }

    @Test
    void headlessChromiumOpensTheDriveAPostAndItsContent(@TempDir Path profile) throws Exception {
        Files.createDirectories(SHOTS);
        String login = "http://" + bed.login("editor") + ":" + bed.applicationPassword("editor") + "@";
        String folder = drive.postFolder(bed.id("posts", "emoji"));
        for (String[] visit : new String[][] {{"", "drive"}, {"posts/", "posts"}, {folder, "post-folder"}}) {
            Result dom = chromium(profile, "--dump-dom", drive.url(visit[0]).replace("http://", login));
            assertEquals(0, dom.exitCode(), dom.output());
            assertTrue(dom.output().contains("<table>") && dom.output().contains("Breadcrumbs"), visit[1] + ": " + dom.output());
            Result shot = chromium(profile, "--screenshot=" + SHOTS.resolve(visit[1] + ".png").toAbsolutePath(), "--window-size=1200,900",
                    drive.url(visit[0]).replace("http://", login));
            assertEquals(0, shot.exitCode(), shot.output());
            assertTrue(Files.size(SHOTS.resolve(visit[1] + ".png")) > 1000, "a screenshot of " + visit[1]);
        }
        Result content = chromium(profile, "--dump-dom", drive.url(folder + "content.html").replace("http://", login));
        assertEquals(0, content.exitCode(), content.output());
        assertTrue(content.output().contains("<p>Party 🎉🚀"), "the post's HTML, rendered as a page: " + content.output());
    }

    private static Result chromium(Path profile, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        return Clients.run(profile, Map.of(), null, command.toArray(String[]::new));
    }
}
