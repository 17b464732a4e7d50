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
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * A folder in a browser: the page itself (breadcrumbs, sizes, dates, wp-admin links only where
 * the user may edit, the upload form only where they may upload), headless Chromium (Debian's
 * chromium, driven through Debian's chromedriver) logging in, clicking through to a post's
 * content.html and uploading an image with the form, screenshots kept in
 * target/browser-screenshots, and the form refused from another site.
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

    /**
     * Chromium driven as a person would: log in, open posts/, click into a post's folder and its
     * content.html, then go to this month's media folder and upload an image with the form.
     */
    @Test
    void chromiumLogsInNavigatesOpensAPostAndUploadsAnImage(@TempDir Path dir) throws Exception {
        Files.createDirectories(SHOTS);
        Path image = dir.resolve("clicked-in-chromium.png");
        Files.write(image, MediaUploadIT.png(93));
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900", "--user-data-dir=" + dir.resolve("profile"));
        WebDriver browser = new ChromeDriver(options);
        // A click that submits a form returns before the next page has loaded: look for what it shows for a while.
        browser.manage().timeouts().implicitlyWait(java.time.Duration.ofSeconds(15));
        try {
            // Logging in: the credentials go with the first address, and the browser keeps them for the site.
            browser.get(drive.url().replace("http://", "http://" + bed.login("editor") + ":" + bed.applicationPassword("editor") + "@"));
            shoot(browser, "1-logged-in");
            browser.findElement(By.linkText("posts/")).click();
            String folder = drive.postFolder(bed.id("posts", "emoji"));
            String name = folder.substring("posts/".length(), folder.length() - 1);
            browser.findElement(By.linkText(name + "/")).click();
            assertTrue(browser.findElement(By.partialLinkText("Edit in WordPress")).isDisplayed());
            shoot(browser, "2-post-folder");
            browser.findElement(By.linkText("content.html")).click();
            assertTrue(browser.findElement(By.xpath("//p[contains(., 'Party')]")).getText().contains("Party 🎉🚀"), browser.getPageSource());
            shoot(browser, "3-content");
            browser.get(drive.url(month));
            browser.findElement(By.id("file")).sendKeys(image.toString());
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            assertTrue(browser.findElement(By.linkText("clicked-in-chromium.png")).isDisplayed(), "the uploaded file is listed after the form");
            shoot(browser, "4-uploaded");
        } finally {
            browser.quit();
        }
        List<Media> uploaded = named("clicked-in-chromium");
        assertEquals(1, uploaded.size());
        try (MediaContent content = wordpress.download(admin, uploaded.get(0), null)) {
            assertArrayEquals(Files.readAllBytes(image), content.body().readAllBytes());
        }
    }

    private static void shoot(WebDriver browser, String name) throws java.io.IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
