package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.Await;
import org.pressdav.testbed.Login;
import org.pressdav.testbed.NetworkBed;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;

/**
 * Several sites in one drive on real WordPresses: the second WordPress's multisite network ({@code --network}) and its
 * single site plus the test bed's site ({@code --site single=..., --site blog=...}), all under {@code sites/}. What
 * each login sees there is checked against what WordPress itself says (the companion plugin's sites route, REST read
 * directly), never against pressdav; one site's saves, locks and feed say nothing of another's; a site stopped
 * leaves the others working.
 */
class SitesIT {
    /** A change in WordPress shows within the poll (1 s): ample for a loaded machine, still a bound. */
    private static final Duration WITHIN_POLLS = Duration.ofSeconds(20);
    private static final OkHttpClient http = new OkHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    private static TestBed bed;
    private static NetworkBed net;
    private static RunningDrive drive;
    /** The folders under sites/ of the network's sites, named as SITES.md says (host-port-path), not as pressdav names them. */
    private static String main;
    private static String two;
    private static String three;
    private static Login netadmin;
    private static Login alice;
    /** The test bed's administrator, and the single site's: one login on both. */
    private static Login admin;
    /** {@code media/<yyyy>/<mm>/} of now: both WordPresses run on UTC. */
    private static String month;

    @BeforeAll
    static void start() {
        bed = TestBed.get();
        net = NetworkBed.get();
        net.script("reset");
        main = nameOf(net.siteUrl("main"));
        two = nameOf(net.siteUrl("two"));
        three = nameOf(net.siteUrl("three"));
        netadmin = net.networkUser("netadmin");
        alice = net.networkUser("alice");
        admin = net.singleUser("admin");
        assertEquals(admin, new Login(bed.login("admin"), bed.applicationPassword("admin")), "the test bed shares its administrator with single");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
        drive = RunningDrive.startSites(flags());
    }

    @AfterAll
    static void stop() {
        if (drive != null) {
            drive.close();
        }
        net.script("reset");
    }

    private static String[] flags(String... more) {
        List<String> flags = new ArrayList<>(List.of("--network", net.networkUrl().toString(), "--site", "blog=" + bed.url(), "--site",
                "single=" + net.siteUrl("single"), "--change-poll", "1s"));
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    /** A network site's folder: host, port where it is not the scheme's, and path, joined by dashes (SITES.md). */
    private static String nameOf(HttpUrl site) {
        StringBuilder name = new StringBuilder(site.host());
        if (site.port() != HttpUrl.defaultPort(site.scheme())) {
            name.append('-').append(site.port());
        }
        site.pathSegments().stream().filter(segment -> !segment.isEmpty()).forEach(segment -> name.append('-').append(segment));
        return name.toString();
    }

    @Test
    void eachLoginListsUnderSitesExactlyTheSitesWordPressGivesIt() {
        for (String user : List.of("netadmin", "alice", "bob", "carol", "dave")) {
            Login login = net.networkUser(user);
            List<String> fromPlugin = new ArrayList<>();
            for (JsonNode site : rest(login, net.networkUrl(), "pressdav/v1/sites").path("sites")) {
                fromPlugin.add(nameOf(HttpUrl.get(site.path("url").asText())) + "/");
            }
            List<String> seeded = net.membershipsOf(user).stream().map(site -> nameOf(net.siteUrl(site)) + "/").toList();
            assertEquals(sorted(seeded), sorted(fromPlugin), "the plugin names " + user + "'s sites as the seed made them");
            assertEquals(sorted(fromPlugin), sorted(drive.names(login, "sites/")), user + "'s sites/");
        }
        assertEquals(List.of("blog/", "single/"), sorted(drive.names(admin, "sites/")), "one login on two listed sites, none on the network");
        assertEquals(List.of("single/"), drive.names(net.singleUser("solo"), "sites/"));
        assertEquals(401, propfind(alice.withWrongPassword(), "sites/").status());
        assertEquals(401, propfind(admin.withWrongPassword(), "sites/").status());
        assertEquals(401, propfind(null, "sites/").status(), "no --anonymous-read: a visitor is asked to log in");

        try (RunningDrive open = RunningDrive.startSites(flags("--anonymous-read", "blog"))) {
            assertEquals(List.of("blog/"), open.names((Login) null, "sites/"));
            assertEquals(401, open.sendAs(null, "PROPFIND", open.url("sites/single/"), Map.of("Depth", "1"), null).status());
            assertEquals(401, open.sendAs(null, "PROPFIND", open.url("sites/" + two + "/"), Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void contentAndMediaGoRoundTripByteForByteOnTwoSitesAtOnce() throws Exception {
        RoundTrip onTwo = new RoundTrip(two, net.siteUrl("two"), alice, net.post("two", "first_post"),
                "<p>Grüße aus zwei — 二 🎉</p>\r\n<p>second line</p>", "its-two.png", MediaUploadIT.png(20));
        RoundTrip onSingle = new RoundTrip("single", net.siteUrl("single"), admin, net.post("single", "first_post"),
                "<p>Ça va, single? — 単 🎈</p>\n", "its-single.png", MediaUploadIT.png(21));
        // The same ids on the sites not written: only the site tells them apart.
        String threeBefore = rawContent(netadmin, net.siteUrl("three"), onTwo.post());
        String twoBefore = rawContent(netadmin, net.siteUrl("two"), onSingle.post());

        CompletableFuture<Void> first = CompletableFuture.runAsync(onTwo::run);
        CompletableFuture<Void> second = CompletableFuture.runAsync(onSingle::run);
        try {
            CompletableFuture.allOf(first, second).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed; // which site, and what it got wrong
            }
            throw e;
        }

        assertEquals(threeBefore, rawContent(netadmin, net.siteUrl("three"), onTwo.post()), "three's post of two's id is untouched");
        assertEquals(twoBefore, rawContent(netadmin, net.siteUrl("two"), onSingle.post()), "two's post of single's id is untouched");
        assertEquals(twoBefore, text(drive.sendAs(netadmin, "GET", drive.url(postFolder(netadmin, two, onSingle.post()) + "content.html"),
                Map.of(), null)));
    }

    /** A save of a post's content and an upload on one site, each read back through the drive and from WordPress itself. */
    private record RoundTrip(String site, HttpUrl home, Login who, long post, String content, String file, byte[] media) {
        void run() {
            String contentFile = postFolder(who, site, post) + "content.html";
            RunningDrive.Answer saved = drive.sendAs(who, "PUT", drive.url(contentFile), Map.of(), content.getBytes(UTF_8));
            assertEquals(204, saved.status(), site + ": " + saved.text());
            String mediaFile = "sites/" + site + "/" + month + file;
            RunningDrive.Answer uploaded = drive.sendAs(who, "PUT", drive.url(mediaFile), Map.of("Content-Type", "image/png"), media);
            assertEquals(201, uploaded.status(), site + ": " + uploaded.text());

            assertEquals(content, rawContent(who, home, post), site + ": WordPress stored the bytes written");
            assertEquals(content, text(drive.sendAs(who, "GET", drive.url(contentFile), Map.of(), null)), site + ": the drive reads them back");
            assertArrayEquals(media, download(mediaUrl(who, home, file)), site + ": WordPress holds the file's bytes");
            assertArrayEquals(media, bytes(drive.sendAs(who, "GET", drive.url(mediaFile), Map.of(), null)), site + ": the drive reads them back");
        }
    }

    @Test
    void savesLocksAndTheFeedOfOneSiteSayNothingOfAnother() {
        long id = net.post("single", "first_post");
        assertEquals(id, net.post("two", "second_post"), "the seed gives two, three and single a post of the same id");
        assertEquals(id, net.post("three", "second_post"));
        String onTwo = postFolder(netadmin, two, id) + "content.html";
        String onThree = postFolder(netadmin, three, id) + "content.html";
        String onSingle = postFolder(admin, "single", id) + "content.html";
        String threesContent = rawContent(netadmin, net.siteUrl("three"), id);
        assertEquals(threesContent, text(drive.sendAs(netadmin, "GET", drive.url(onThree), Map.of(), null)), "three's, now kept by the drive");

        // A save on two: three's post of the same id, and what the drive kept of it, are three's still.
        assertEquals(204, drive.sendAs(netadmin, "PUT", drive.url(onTwo), Map.of(), "<p>saved on two only</p>".getBytes(UTF_8)).status());
        assertEquals("<p>saved on two only</p>", rawContent(netadmin, net.siteUrl("two"), id));
        assertEquals(threesContent, text(drive.sendAs(netadmin, "GET", drive.url(onThree), Map.of(), null)));
        assertEquals(threesContent, rawContent(netadmin, net.siteUrl("three"), id));

        // A lock on two's file: two's is locked, three's and single's files of the same id are not.
        RunningDrive.Answer lock = drive.sendAs(netadmin, "LOCK", drive.url(onTwo), Map.of("Depth", "0", "Timeout", "Second-600"),
                lockInfo().getBytes(UTF_8));
        assertEquals(200, lock.status(), lock.text());
        String token = lock.header("Lock-Token");
        assertNotNull(token);
        try {
            assertEquals(423, drive.sendAs(netadmin, "PUT", drive.url(onTwo), Map.of(), "<p>not without the lock</p>".getBytes(UTF_8)).status());
            assertEquals(204, drive.sendAs(netadmin, "PUT", drive.url(onThree), Map.of(), "<p>three, saved</p>".getBytes(UTF_8)).status());
            assertEquals(204, drive.sendAs(admin, "PUT", drive.url(onSingle), Map.of(), "<p>single, saved</p>".getBytes(UTF_8)).status());
            assertEquals("<p>three, saved</p>", rawContent(netadmin, net.siteUrl("three"), id));
            assertEquals("<p>single, saved</p>", rawContent(admin, net.siteUrl("single"), id));
        } finally {
            assertEquals(204, drive.sendAs(netadmin, "UNLOCK", drive.url(onTwo), Map.of("Lock-Token", token), null).status());
        }

        // Retitled in WordPress (not through the drive): two's feed makes the drive forget two's title, not three's.
        String twoTitle = postFolder(netadmin, two, id) + "title.txt";
        String threeTitle = postFolder(netadmin, three, id) + "title.txt";
        String threesTitle = rest(netadmin, net.siteUrl("three"), "wp/v2/posts/" + id + "?context=edit").at("/title/raw").asText();
        assertEquals(threesTitle, text(drive.sendAs(netadmin, "GET", drive.url(threeTitle), Map.of(), null)));
        // Two's title read, so kept by the drive for an hour (--feed-cache-ttl): only two's feed can make it forget it.
        assertFalse(text(drive.sendAs(netadmin, "GET", drive.url(twoTitle), Map.of(), null)).isEmpty());
        restPost(netadmin, net.siteUrl("two"), "wp/v2/posts/" + id, Map.of("title", "Retitled in wp-admin"));
        Await.within(WITHIN_POLLS, () -> "Retitled in wp-admin".equals(text(drive.sendAs(netadmin, "GET", drive.url(twoTitle), Map.of(), null))),
                "two's new title on the drive");
        assertEquals(threesTitle, text(drive.sendAs(netadmin, "GET", drive.url(threeTitle), Map.of(), null)), "three's title of the same id");
    }

    @Test
    void nothingMovesBetweenSitesAndAFileIsCopiedAcrossAsItsBytes() {
        JsonNode logo = net.media("two");
        String logoOnTwo = "sites/" + two + "/media/" + logo.path("file").asText();
        RunningDrive.Answer move = drive.sendAs(alice, "MOVE", drive.url(logoOnTwo),
                Map.of("Destination", drive.url("sites/" + main + "/" + month + "its-moved.png")), null);
        assertEquals(502, move.status(), move.text());
        assertTrue(move.text().contains("different WordPress sites"), move.text());
        String post = postFolder(netadmin, two, net.post("two", "first_post"));
        RunningDrive.Answer moveFolder = drive.sendAs(netadmin, "MOVE", drive.url(post),
                Map.of("Destination", drive.url("sites/" + three + "/posts/" + post.substring(post.lastIndexOf('/', post.length() - 2) + 1))), null);
        assertEquals(502, moveFolder.status(), moveFolder.text());
        assertEquals(200, restStatus(alice, net.siteUrl("two"), "wp/v2/media/" + logo.path("id").asLong()), "the file stays on two");
        assertEquals(0, rest(alice, net.siteUrl("main"), "wp/v2/media?search=its-moved").size(), "and nothing arrived on main");
        assertEquals(200, restStatus(netadmin, net.siteUrl("two"), "wp/v2/posts/" + net.post("two", "first_post")), "the post stays on two");

        // One login on the test bed's site and on single: the file is read from one, written to the other.
        JsonNode sunset = bed.manifest().path("media").path("jpeg");
        RunningDrive.Answer copy = drive.sendAs(admin, "COPY", drive.url("sites/blog/media/" + sunset.path("file").asText()),
                Map.of("Destination", drive.url("sites/single/" + month + "its-copied-sunset.jpg")), null);
        assertEquals(201, copy.status(), copy.text());
        assertEquals(sunset.path("sha256").asText(), sha256(download(mediaUrl(admin, net.siteUrl("single"), "its-copied-sunset.jpg"))));
        // Between two of the network's sites, with the network's one login.
        RunningDrive.Answer copyOnNetwork = drive.sendAs(netadmin, "COPY", drive.url(logoOnTwo),
                Map.of("Destination", drive.url("sites/" + three + "/" + month + "its-copied-logo.png")), null);
        assertEquals(201, copyOnNetwork.status(), copyOnNetwork.text());
        assertEquals(logo.path("sha256").asText(), sha256(download(mediaUrl(netadmin, net.siteUrl("three"), "its-copied-logo.png"))));
        // alice's login is not single's: nothing is copied there.
        assertEquals(401, drive.sendAs(alice, "COPY", drive.url(logoOnTwo),
                Map.of("Destination", drive.url("sites/single/" + month + "its-not-copied.png")), null).status());
        assertEquals(0, rest(admin, net.siteUrl("single"), "wp/v2/media?search=its-not-copied").size());
    }

    @Test
    void aStoppedSiteAnswersWithTheReasonWhileTheOthersWork() {
        String singlePost = postFolder(admin, "single", net.post("single", "second_post")) + "content.html";
        String twoPost = postFolder(alice, two, net.post("two", "second_post")) + "content.html";
        String health = drive.url() + "health/ready";
        String where = net.siteUrl("single").host() + ":" + net.siteUrl("single").port();
        boolean started = false;
        net.script("stop", "single");
        try {
            RunningDrive.Answer save = drive.sendAs(admin, "PUT", drive.url(singlePost), Map.of(), "<p>while down</p>".getBytes(UTF_8));
            assertTrue(Set.of(502, 503, 504).contains(save.status()), save.status() + " " + save.text());
            assertTrue(save.text().contains(where), "the reason names the site's WordPress: " + save.text());
            RunningDrive.Answer listing = propfind(admin, "sites/single/pages/");
            assertTrue(Set.of(502, 503, 504).contains(listing.status()), listing.status() + " " + listing.text());
            assertTrue(listing.text().contains(where), listing.text());

            assertEquals(207, propfind(alice, "sites/" + two + "/posts/").status());
            assertEquals(204, drive.sendAs(alice, "PUT", drive.url(twoPost), Map.of(), "<p>two works</p>".getBytes(UTF_8)).status());
            assertEquals("<p>two works</p>", rawContent(alice, net.siteUrl("two"), net.post("two", "second_post")));
            Await.within(WITHIN_POLLS, () -> {
                RunningDrive.Answer ready = drive.sendAs(null, "GET", health, Map.of(), null);
                assertEquals(200, ready.status(), "other sites answer: the instance stays ready " + ready.text());
                return ready.text().contains("\"single\":{\"status\":\"not ready\"");
            }, "/health/ready names single not ready");
            String ready = drive.sendAs(null, "GET", health, Map.of(), null).text();
            assertTrue(ready.contains("\"" + two + "\":{\"status\":\"ready\"}"), "and two ready: " + ready);

            net.script("start", "single");
            started = true;
            Await.within(WITHIN_POLLS, () -> propfind(admin, "sites/single/pages/").status() == 207, "single answers again");
            assertEquals(204, drive.sendAs(admin, "PUT", drive.url(singlePost), Map.of(), "<p>back</p>".getBytes(UTF_8)).status());
        } finally {
            if (!started) {
                net.script("start", "single");
            }
        }
    }

    @Test
    void aSiteAddedToTheNetworkShowsWithinThePoll() {
        String four = nameOf(net.networkUrl().resolve("four/")) + "/";
        assertFalse(drive.names(netadmin, "sites/").contains(four));
        try {
            net.script("add-site", "four");
            Await.within(WITHIN_POLLS, () -> drive.names(netadmin, "sites/").contains(four), "the new site under sites/");
            assertEquals(207, propfind(netadmin, "sites/" + four + "posts/").status());
        } finally {
            net.script("remove-site", "four");
        }
        Await.within(WITHIN_POLLS, () -> !drive.names(netadmin, "sites/").contains(four), "the removed site gone from sites/");
        assertEquals(404, propfind(netadmin, "sites/" + four).status(), "and its folder with it");
    }

    @Test
    void eachSitesRealmNamesItAndTheNetworksIsOneForAllItsSites() {
        assertEquals("pressdav", realmAt(null, ""));
        assertEquals("pressdav: single", realmAt(null, "sites/single/"));
        assertEquals("pressdav: blog", realmAt(null, "sites/blog/"));
        assertEquals("pressdav: single", realmAt(alice, "sites/single/"), "alice's login is not single's");
        assertEquals("pressdav: " + main, realmAt(null, "sites/" + two + "/"));
        assertEquals("pressdav: " + main, realmAt(null, "sites/" + three + "/"));
    }

    private static String realmAt(Login who, String path) {
        RunningDrive.Answer answer = propfind(who, path);
        assertEquals(401, answer.status(), path);
        String challenge = answer.header("WWW-Authenticate");
        assertNotNull(challenge, path);
        java.util.regex.Matcher realm = java.util.regex.Pattern.compile("realm=\"([^\"]*)\"").matcher(challenge);
        assertTrue(realm.find(), challenge);
        return realm.group(1);
    }

    // --- the drive

    private static RunningDrive.Answer propfind(Login who, String path) {
        return drive.sendAs(who, "PROPFIND", drive.url(path), Map.of("Depth", "1"), null);
    }

    /** A post's folder on a site as the drive names it ({@code sites/two/posts/4-hello/}). */
    private static String postFolder(Login who, String site, long id) {
        String posts = "sites/" + site + "/posts/";
        return drive.names(who, posts).stream().filter(name -> name.startsWith(id + "-") && name.endsWith("/")).findFirst()
                .map(name -> posts + name).orElseThrow(() -> new AssertionError(posts + " has no folder of post " + id));
    }

    private static byte[] bytes(RunningDrive.Answer answer) {
        assertEquals(200, answer.status(), answer.text());
        return answer.body();
    }

    private static String text(RunningDrive.Answer answer) {
        return new String(bytes(answer), UTF_8);
    }

    private static String lockInfo() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                + "<D:locktype><D:write/></D:locktype><D:owner>SitesIT</D:owner></D:lockinfo>";
    }

    // --- WordPress itself, over REST: never through pressdav

    private static Request.Builder restRequest(Login who, HttpUrl site, String route) {
        return new Request.Builder().url(site + "wp-json/" + route).header("Authorization", okhttp3.Credentials.basic(who.name(), who.password(), UTF_8));
    }

    private static JsonNode rest(Login who, HttpUrl site, String route) {
        return call(restRequest(who, site, route).build());
    }

    private static int restStatus(Login who, HttpUrl site, String route) {
        try (Response response = http.newCall(restRequest(who, site, route).build()).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restPost(Login who, HttpUrl site, String route, Map<String, ?> fields) {
        try {
            call(restRequest(who, site, route).post(RequestBody.create(json.writeValueAsBytes(fields), MediaType.get("application/json"))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            assertEquals(200, response.code(), request.url() + ": " + body);
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A post's content as WordPress stores it. */
    private static String rawContent(Login who, HttpUrl site, long id) {
        return rest(who, site, "wp/v2/posts/" + id + "?context=edit").at("/content/raw").asText();
    }

    /** Where WordPress serves the one attachment uploaded as {@code file}. */
    private static String mediaUrl(Login who, HttpUrl site, String file) {
        String title = file.substring(0, file.lastIndexOf('.'));
        JsonNode found = rest(who, site, "wp/v2/media?context=edit&search=" + title);
        assertEquals(1, found.size(), site + " has one attachment " + file + ": " + found);
        String url = found.get(0).path("source_url").asText();
        assertTrue(url.endsWith("/" + file), url);
        return url;
    }

    private static byte[] download(String url) {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, response.code(), url);
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
