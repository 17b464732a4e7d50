package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RedisServer;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.NetworkSite;

/**
 * Several sites in one drive (--site, --network): each under sites/<name>/, each login's sites listed at the root as
 * its WordPress says, nothing of one site seen, locked or moved from another.
 */
class SitesTest {
    private static final Instant MAY = Instant.parse("2024-05-02T10:00:00Z");

    /** Sites a and b; the author has no login on b, the editor none on a. */
    private static InProcessDrive twoSites(InMemoryWordPress a, InMemoryWordPress b, String... flags) {
        List<String> all = new java.util.ArrayList<>(List.of("--site", "a=http://a.test/", "--site", "b=http://b.test/"));
        all.addAll(List.of(flags));
        return InProcessDrive.ofSites(Map.of("http://a.test/", a.without(EDITOR), "http://b.test/", b.without(AUTHOR)), all.toArray(String[]::new));
    }

    @Test
    void theRootListsTheSitesALoginWorksOnAsEachWordPressSays() {
        try (InProcessDrive drive = twoSites(new InMemoryWordPress(), new InMemoryWordPress())) {
            assertEquals(List.of("sites/"), drive.namesIn(ADMIN, ""));
            assertEquals(List.of("a/", "b/"), drive.namesIn(ADMIN, "sites/"));
            assertEquals(List.of("a/"), drive.namesIn(AUTHOR, "sites/"));
            assertEquals(List.of("b/"), drive.namesIn(EDITOR, "sites/"));
            // Works on none: refused at the root, as a wrong password is.
            InMemoryWordPress.Account nobody = new InMemoryWordPress.Account(99, "nobody", "wrong", "subscriber");
            assertEquals(401, drive.send(nobody, "PROPFIND", "sites/", Map.of("Depth", "1"), null).status());
            // A site's own folder is its drive as it is alone.
            assertTrue(drive.namesIn(AUTHOR, "sites/a/").containsAll(List.of("posts/", "pages/", "media/")));
        }
    }

    @Test
    void eachSiteAsksForItsOwnPasswordUnderARealmNamingIt() {
        try (InProcessDrive drive = twoSites(new InMemoryWordPress(), new InMemoryWordPress())) {
            RunningDrive.Answer anonymous = drive.send(null, "PROPFIND", "sites/b/", Map.of("Depth", "1"), null);
            assertEquals(401, anonymous.status());
            assertTrue(anonymous.header("WWW-Authenticate").contains("realm=\"pressdav: b\""), anonymous.header("WWW-Authenticate"));
            assertTrue(drive.send(null, "PROPFIND", "", Map.of("Depth", "1"), null).header("WWW-Authenticate").contains("realm=\"pressdav\""));
            // The author's login is not b's: 401 there, while it opens a.
            assertEquals(401, drive.send(AUTHOR, "PROPFIND", "sites/b/posts/", Map.of("Depth", "1"), null).status());
            assertEquals(207, drive.send(AUTHOR, "PROPFIND", "sites/a/posts/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void anonymousVisitorsSeeOnlyTheSitesOpenToThem() {
        try (InProcessDrive drive = twoSites(new InMemoryWordPress(), new InMemoryWordPress(), "--anonymous-read", "b")) {
            assertEquals(List.of("b/"), drive.namesIn(null, "sites/"));
            assertEquals(207, drive.send(null, "PROPFIND", "sites/b/posts/", Map.of("Depth", "1"), null).status());
            assertEquals(401, drive.send(null, "PROPFIND", "sites/a/posts/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void aSaveOnOneSiteIsNeverSeenOnTheOther() {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress();
        long onA = a.addPost("post", ADMIN.id(), "publish", "Hello", "<p>a</p>");
        long onB = b.addPost("post", ADMIN.id(), "publish", "Hello", "<p>b</p>");
        assertEquals(onA, onB, "the same id on both sites: only the site tells them apart");
        try (InProcessDrive drive = twoSites(a, b)) {
            String file = onA + "-hello/content.html";
            assertEquals("<p>a</p>", drive.read(ADMIN, "sites/a/posts/" + file).strip());
            assertEquals("<p>b</p>", drive.read(ADMIN, "sites/b/posts/" + file).strip());
            Map<String, Integer> bAsked = new java.util.TreeMap<>();
            b.calls.forEach((call, n) -> bAsked.put(call, n.get()));
            assertEquals(204, drive.send(ADMIN, "PUT", "sites/a/posts/" + file, Map.of(), "<p>a, again</p>").status());
            assertEquals("<p>a, again</p>", a.post(onA).content().raw());
            assertEquals("<p>b</p>", b.post(onB).content().raw(), "b's post of the same id is untouched");
            assertEquals("<p>b</p>", drive.read(ADMIN, "sites/b/posts/" + file).strip());
            Map<String, Integer> bNow = new java.util.TreeMap<>();
            b.calls.forEach((call, n) -> bNow.put(call, n.get()));
            bAsked.remove("me"); // each request's login is checked; the in-memory WordPress has no login cache
            bNow.remove("me");
            assertEquals(bAsked, bNow, "b's cached copy was not forgotten for a's save: b's WordPress was not asked again");
        }
    }

    @Test
    void aLockOnOneSiteSaysNothingOfTheSamePathOnTheOther() {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress();
        long id = a.addPost("post", ADMIN.id(), "publish", "Hello", "<p>a</p>");
        b.addPost("post", ADMIN.id(), "publish", "Hello", "<p>b</p>");
        try (InProcessDrive drive = twoSites(a, b)) {
            String file = "posts/" + id + "-hello/content.html";
            assertEquals(200, drive.send(ADMIN, "LOCK", "sites/a/" + file, Map.of("Depth", "0", "Timeout", "Second-600"), ProtocolLockTest.lockInfo(
                    "exclusive", "write")).status());
            assertEquals(423, drive.send(ADMIN, "PUT", "sites/a/" + file, Map.of(), "<p>no</p>").status());
            assertEquals(204, drive.send(ADMIN, "PUT", "sites/b/" + file, Map.of(), "<p>b, saved</p>").status());
            assertEquals("<p>b, saved</p>", b.post(id).content().raw());
        }
    }

    @Test
    void nothingMovesBetweenSitesAndAFileIsCopiedAsItsBytes() {
        InMemoryWordPress a = new InMemoryWordPress();
        // b has the companion plugin's media folders: a file may be copied into any folder of its media/.
        InMemoryWordPress b = new InMemoryWordPress().withMediaFolders();
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 0, (byte) 0xFF, (byte) 0xD9};
        long id = a.addPost("post", ADMIN.id(), "publish", "Hello", "<p>a</p>");
        a.addMedia(ADMIN.id(), "2024/05/photo.jpg", MAY, MAY, photo);
        try (InProcessDrive drive = twoSites(a, b)) {
            RunningDrive.Answer move = drive.send(ADMIN, "MOVE", "sites/a/posts/" + id + "-hello/",
                    Map.of("Destination", drive.url("sites/b/posts/" + id + "-hello/")), null);
            assertEquals(502, move.status());
            assertTrue(move.text().contains("different WordPress sites"), move.text());
            assertEquals("<p>a</p>", a.post(id).content().raw(), "nothing moved");

            RunningDrive.Answer copy = drive.send(ADMIN, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/photo.jpg")), null);
            assertEquals(201, copy.status(), copy.text());
            assertEquals(1, b.media().size());
            assertArrayEquals(photo, b.bytesOf(b.media().get(0).id()));
            assertEquals(1, a.media().size(), "the original stays");
            // The other site's login rules hold for the copy: the author has none on b.
            assertEquals(401, drive.send(AUTHOR, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/again.jpg")), null).status());
            // And what the user may not upload on b stays out: a subscriber of both.
            assertEquals(403, drive.send(SUBSCRIBER, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/sub.jpg")), null).status());
            assertEquals(1, b.media().size());
        }
    }

    @Test
    void aSiteThatDoesNotAnswerIs503WhileTheOthersWork() {
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://a.test/", new InMemoryWordPress()), "--site", "a=http://a.test/",
                "--site", "down=http://down.test/")) {
            RunningDrive.Answer down = drive.send(ADMIN, "PROPFIND", "sites/down/", Map.of("Depth", "1"), null);
            assertEquals(503, down.status());
            assertTrue(down.text().contains("down.test"), down.text());
            assertEquals(207, drive.send(ADMIN, "PROPFIND", "sites/a/posts/", Map.of("Depth", "1"), null).status());
            assertEquals(List.of("a/"), drive.namesIn(ADMIN, "sites/"));
            RunningDrive.Answer ready = drive.send(null, "GET", "http://127.0.0.1:" + drive.port() + "/health/ready", Map.of(), null);
            assertEquals(200, ready.status(), "one site answers: the instance serves it");
            assertTrue(ready.text().contains("\"a\":{\"status\":\"ready\"}"), ready.text());
            assertTrue(ready.text().contains("\"down\":{\"status\":\"not ready\""), ready.text());
        }
    }

    @Test
    void aNetworksSitesAreShownToTheirMembersOnly() {
        InMemoryWordPress main = new InMemoryWordPress();
        InMemoryWordPress two = new InMemoryWordPress();
        long post = two.addPost("post", ADMIN.id(), "publish", "Two", "<p>two</p>");
        NetworkSite mainSite = new NetworkSite(1, "http://net.test/", "Main");
        NetworkSite twoSite = new NetworkSite(2, "http://net.test/two/", "Two");
        // A site the plugin names elsewhere than the network's address is never contacted.
        NetworkSite elsewhere = new NetworkSite(3, "http://evil.test/", "Elsewhere");
        main.network(Map.of("admin", List.of(mainSite, twoSite, elsewhere), "author", List.of(mainSite), "editor", List.of(twoSite)));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", two),
                "--network", "http://net.test/")) {
            assertEquals(List.of("net.test/", "net.test-two/"), drive.namesIn(ADMIN, "sites/"));
            assertEquals(List.of("net.test/"), drive.namesIn(AUTHOR, "sites/"));
            assertEquals(List.of("net.test-two/"), drive.namesIn(EDITOR, "sites/"));
            assertEquals(List.of(), drive.namesIn(SUBSCRIBER, "sites/"), "a network user of no site logs in to an empty sites/");
            assertEquals("<p>two</p>", drive.read(EDITOR, "sites/net.test-two/posts/" + post + "-two/content.html").strip());
            // Not a member: the site is not there for them, even by its name.
            assertEquals(404, drive.send(AUTHOR, "PROPFIND", "sites/net.test-two/posts/", Map.of("Depth", "1"), null).status());
            assertEquals(404, drive.send(ADMIN, "PROPFIND", "sites/evil.test/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void aNetworksSiteIsFoundByItsNameBeforeAnyListing() {
        InMemoryWordPress main = new InMemoryWordPress();
        InMemoryWordPress two = new InMemoryWordPress();
        main.network(Map.of("editor", List.of(new NetworkSite(2, "http://net.test/two/", "Two"))));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", two),
                "--network", "http://net.test/")) {
            // A client that mounts the site's folder straight away (after a restart) finds it.
            assertEquals(207, drive.send(EDITOR, "PROPFIND", "sites/net.test-two/", Map.of("Depth", "1"), null).status());
            assertEquals(404, drive.send(AUTHOR, "PROPFIND", "sites/net.test-two/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void instancesSharingARedisKeepEachSitesLocksApart() {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress();
        long id = a.addPost("post", ADMIN.id(), "publish", "Hello", "<p>a</p>");
        b.addPost("post", ADMIN.id(), "publish", "Hello", "<p>b</p>");
        try (RedisServer redis = RedisServer.start();
                InProcessDrive one = twoSites(a, b, "--redis-url", redis.url(), "--instance-name", "one");
                InProcessDrive two = InProcessDrive.ofSites(Map.of("http://a.test/", a, "http://b.test/", b), "--site", "a=http://a.test/",
                        "--site", "b=http://b.test/", "--redis-url", redis.url(), "--instance-name", "two")) {
            String file = "posts/" + id + "-hello/content.html";
            assertEquals(200, one.send(ADMIN, "LOCK", "sites/a/" + file, Map.of("Depth", "0", "Timeout", "Second-600"), ProtocolLockTest.lockInfo(
                    "exclusive", "write")).status());
            assertEquals(423, two.send(ADMIN, "PUT", "sites/a/" + file, Map.of(), "<p>no</p>").status(), "a's lock holds on every instance");
            assertEquals(204, two.send(ADMIN, "PUT", "sites/b/" + file, Map.of(), "<p>b, saved</p>").status(), "and says nothing of b");
            assertEquals("<p>b, saved</p>", b.post(id).content().raw());
        }
    }

    @Test
    void aNetworksSiteAlsoGivenAsASiteIsServedOnceUnderItsGivenName() {
        InMemoryWordPress main = new InMemoryWordPress();
        InMemoryWordPress two = new InMemoryWordPress();
        main.network(Map.of("admin", List.of(new NetworkSite(1, "http://net.test/", "Main"), new NetworkSite(2, "http://net.test/two/", "Two"))));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", two),
                "--network", "http://net.test/", "--site", "docs=http://net.test/two/")) {
            assertEquals(List.of("docs/", "net.test/"), drive.namesIn(ADMIN, "sites/"));
        }
    }

    @Test
    void aNetworkThatDoesNotAnswerAtStartHoldsUpNoOtherSite() {
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://a.test/", new InMemoryWordPress()), "--site", "a=http://a.test/",
                "--network", "http://down.test/")) {
            assertEquals(List.of("a/"), drive.namesIn(ADMIN, "sites/"));
            RunningDrive.Answer site = drive.send(ADMIN, "PROPFIND", "sites/down.test-two/", Map.of("Depth", "1"), null);
            assertEquals(503, site.status());
            assertTrue(site.text().contains("down.test"), site.text());
            RunningDrive.Answer ready = drive.send(null, "GET", "http://127.0.0.1:" + drive.port() + "/health/ready", Map.of(), null);
            assertTrue(ready.text().contains("\"down.test\":{\"status\":\"not ready\""), ready.text());
        }
    }

    @Test
    void aCrowdSavingTheSamePostIdOnTwoSitesLosesNothingOnEither() throws Exception {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress();
        long id = a.addPost("post", AUTHOR.id(), "publish", "Hello", "<p>a</p>");
        b.addPost("post", SUBSCRIBER.id(), "publish", "Hello", "<p>b</p>");
        // On a the author (their own post) and the administrator; on b the editor and the administrator; a subscriber of
        // both may save neither.
        try (InProcessDrive drive = twoSites(a, b)) {
            String folder = "posts/" + id + "-hello/";
            List<String> fields = List.of("title.txt", "excerpt.txt", "content.html");
            for (int round = 0; round < 5; round++) {
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                List<java.util.concurrent.Future<Integer>> saves = new java.util.ArrayList<>();
                for (int f = 0; f < fields.size(); f++) {
                    String field = fields.get(f);
                    String text = field + " round " + round;
                    InMemoryWordPress.Account onA = f % 2 == 0 ? AUTHOR : ADMIN;
                    InMemoryWordPress.Account onB = f % 2 == 0 ? EDITOR : ADMIN;
                    saves.add(pool.submit(() -> drive.send(onA, "PUT", "sites/a/" + folder + field, Map.of(), "a: " + text).status()));
                    saves.add(pool.submit(() -> drive.send(onB, "PUT", "sites/b/" + folder + field, Map.of(), "b: " + text).status()));
                }
                java.util.concurrent.Future<Integer> refused = pool.submit(() -> drive.send(SUBSCRIBER, "PUT", "sites/a/" + folder + "title.txt",
                        Map.of(), "no").status());
                for (java.util.concurrent.Future<Integer> save : saves) {
                    assertTrue(save.get() == 204 || save.get() == 201, "saved: " + save.get());
                }
                assertEquals(403, refused.get());
                pool.shutdown();
                assertEquals("a: title.txt round " + round, a.post(id).title().raw());
                assertEquals("a: excerpt.txt round " + round, a.post(id).excerpt().raw());
                assertEquals("a: content.html round " + round, a.post(id).content().raw());
                assertEquals("b: title.txt round " + round, b.post(id).title().raw());
                assertEquals("b: excerpt.txt round " + round, b.post(id).excerpt().raw());
                assertEquals("b: content.html round " + round, b.post(id).content().raw());
            }
            assertEquals(1, a.mostUpdatesAtOnce.get(), "never two updates of a's post in flight");
            assertEquals(1, b.mostUpdatesAtOnce.get(), "never two updates of b's post in flight");
        }
    }

    @Test
    void aSiteThatGoesDownTurnsNoLoginIntoAFailedOne() {
        InMemoryWordPress a = new InMemoryWordPress();
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://a.test/", a), "--site", "a=http://a.test/")) {
            assertEquals(List.of("a/"), drive.namesIn(ADMIN, "sites/"));
            a.down(true);
            // More than the login throttle's ten tries: none counted as a wrong password, so none ends in 429.
            for (int i = 0; i < 12; i++) {
                RunningDrive.Answer root = drive.send(ADMIN, "PROPFIND", "sites/", Map.of("Depth", "1"), null);
                assertTrue(root.status() == 502 || root.status() == 503, root.status() + " " + root.text());
            }
            a.down(false);
            assertEquals(List.of("a/"), drive.namesIn(ADMIN, "sites/"));
        }
    }

    @Test
    void wrongPasswordsAreCountedOnceForEverySiteAndTheRoot() {
        try (InProcessDrive drive = twoSites(new InMemoryWordPress(), new InMemoryWordPress())) {
            InMemoryWordPress.Account guess = new InMemoryWordPress.Account(ADMIN.id(), ADMIN.login(), "guess", "administrator");
            List<String> doors = List.of("sites/a/posts/", "sites/b/posts/", "sites/");
            for (int i = 0; i < 10; i++) {
                assertEquals(401, drive.send(guess, "PROPFIND", doors.get(i % 3), Map.of("Depth", "1"), null).status());
            }
            // Ten wrong passwords in all, four at most at any one door: the throttle holds at every door now.
            for (String door : doors) {
                assertEquals(429, drive.send(guess, "PROPFIND", door, Map.of("Depth", "1"), null).status(), door);
            }
        }
    }

    @Test
    void aCopyBetweenSitesKeepsTheOtherSitesRulesAndRealm() {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress().withMediaFolders();
        a.addMedia(ADMIN.id(), "2024/05/photo.jpg", MAY, MAY, new byte[] {1, 2, 3});
        b.addMedia(ADMIN.id(), "photo.jpg", MAY, MAY, new byte[] {9, 9});
        try (InProcessDrive drive = twoSites(a, b)) {
            RunningDrive.Answer kept = drive.send(ADMIN, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/photo.jpg"), "Overwrite", "F"), null);
            assertEquals(412, kept.status(), kept.text());
            assertArrayEquals(new byte[] {9, 9}, b.bytesOf(b.media().get(0).id()), "Overwrite: F leaves the file there as it is");
            RunningDrive.Answer refused = drive.send(AUTHOR, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/again.jpg")), null);
            assertEquals(401, refused.status());
            assertTrue(refused.header("WWW-Authenticate").contains("realm=\"pressdav: b\""), refused.header("WWW-Authenticate"));
        }
    }

    @Test
    void nothingIsLeftAtTheRootOfSeveralSites() {
        try (InProcessDrive drive = twoSites(new InMemoryWordPress(), new InMemoryWordPress())) {
            assertEquals(403, drive.send(ADMIN, "PUT", ".DS_Store", Map.of(), "finder").status());
            assertEquals(403, drive.send(ADMIN, "PUT", "sites/._a", Map.of(), "finder").status());
            assertEquals(403, drive.send(ADMIN, "MKCOL", "sites/new/", Map.of(), null).status());
            assertEquals(List.of("a/", "b/"), drive.namesIn(ADMIN, "sites/"));
        }
    }

    @Test
    void aNetworksSiteGivenByItsUrlIsStillOnlyItsMembers() {
        InMemoryWordPress main = new InMemoryWordPress();
        InMemoryWordPress two = new InMemoryWordPress().ofNetwork();
        main.network(Map.of("editor", List.of(new NetworkSite(2, "http://net.test/two/", "Two")), "author", List.of()));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", two),
                "--network", "http://net.test/", "--site", "docs=http://net.test/two")) {
            assertEquals(207, drive.send(EDITOR, "PROPFIND", "sites/docs/", Map.of("Depth", "1"), null).status());
            assertEquals(404, drive.send(AUTHOR, "PROPFIND", "sites/docs/", Map.of("Depth", "1"), null).status());
            assertEquals(List.of("docs/"), drive.namesIn(EDITOR, "sites/"));
        }
    }

    @Test
    void aSiteThatIsDownLetsNoPasswordBeGuessedUncountedAtTheRoot() {
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://a.test/", new InMemoryWordPress()), "--site", "a=http://a.test/",
                "--site", "down=http://down.test/")) {
            InMemoryWordPress.Account guess = new InMemoryWordPress.Account(ADMIN.id(), ADMIN.login(), "guess", "administrator");
            for (int i = 0; i < 10; i++) {
                assertEquals(401, drive.send(guess, "PROPFIND", "sites/", Map.of("Depth", "1"), null).status(), "a refused it: counted");
            }
            assertEquals(429, drive.send(guess, "PROPFIND", "sites/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void eachSiteIsReachedWhereItsConfigurationSaysAndNowhereElse() {
        InMemoryWordPress main = new InMemoryWordPress();
        main.network(Map.of("admin", List.of(new NetworkSite(1, "http://net.test/", "Main"), new NetworkSite(2, "http://net.test/two/", "Two"))));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", new InMemoryWordPress(),
                "http://a.test/", new InMemoryWordPress(), "http://b.test/", new InMemoryWordPress()), "--network", "http://net.test/",
                "--wordpress-connect-url", "http://wordpress/", "--site", "a=http://a.test/", "--site", "b=http://b.test/|http://b-inside/")) {
            assertEquals(List.of("a/", "b/", "net.test/", "net.test-two/"), drive.namesIn(ADMIN, "sites/"));
            assertEquals(207, drive.send(ADMIN, "PROPFIND", "sites/net.test-two/", Map.of("Depth", "1"), null).status());
            // The network and its sites at the network's address; a --site at its own (never the network's).
            assertEquals(java.util.Set.of("http://net.test/ at http://wordpress/", "http://net.test/two/ at http://wordpress/", "http://a.test/",
                    "http://b.test/ at http://b-inside/"), java.util.Set.copyOf(drive.reached()));
        }
    }

    @Test
    void aSiteOfItsOwnBesideTheNetworkIsItsOwnUsers() {
        InMemoryWordPress main = new InMemoryWordPress();
        main.network(Map.of("admin", List.of(new NetworkSite(1, "http://net.test/", "Main"))));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://shop.net.test/", new InMemoryWordPress()),
                "--network", "http://net.test/", "--site", "shop=http://shop.net.test/")) {
            // shop is at a subdomain of the network's host but is no site of it: its own users open it, no membership asked.
            assertEquals(207, drive.send(EDITOR, "PROPFIND", "sites/shop/", Map.of("Depth", "1"), null).status());
        }
    }

    @Test
    void nothingIsMovedOrCopiedIntoTheRoot() {
        InMemoryWordPress a = new InMemoryWordPress();
        long id = a.addPost("post", ADMIN.id(), "publish", "Hello", "<p>a</p>");
        try (InProcessDrive drive = twoSites(a, new InMemoryWordPress())) {
            RunningDrive.Answer move = drive.send(ADMIN, "MOVE", "sites/a/posts/" + id + "-hello/",
                    Map.of("Destination", drive.url("sites/hello/")), null);
            assertEquals(403, move.status(), move.text());
            assertEquals("<p>a</p>", a.post(id).content().raw());
            assertEquals(403, drive.send(ADMIN, "LOCK", "sites/", Map.of("Depth", "0", "Timeout", "Second-600"),
                    ProtocolLockTest.lockInfo("exclusive", "write")).status());
        }
    }

    @Test
    void aNetworkThatStopsAnsweringIsAClearErrorForItsMembers() throws Exception {
        InMemoryWordPress main = new InMemoryWordPress();
        main.network(Map.of("editor", List.of(new NetworkSite(2, "http://net.test/two/", "Two"))));
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://net.test/", main, "http://net.test/two/", new InMemoryWordPress()),
                "--network", "http://net.test/", "--change-poll", "10ms")) {
            assertEquals(207, drive.send(EDITOR, "PROPFIND", "sites/net.test-two/", Map.of("Depth", "1"), null).status());
            main.down(true); // whether the editor is a member can no longer be asked, once the last answer is a poll old
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            RunningDrive.Answer answer;
            do {
                answer = drive.send(EDITOR, "PROPFIND", "sites/net.test-two/", Map.of("Depth", "1"), null);
            } while (answer.status() == 207 && System.nanoTime() < until);
            assertEquals(502, answer.status(), answer.text());
            assertTrue(answer.text().contains("cannot be reached"), answer.text());
        }
    }

    @Test
    void copiesBetweenSitesRacingOntoOneNameMakeOneFileAndKeepTheUploadRule() throws Exception {
        InMemoryWordPress a = new InMemoryWordPress();
        InMemoryWordPress b = new InMemoryWordPress().withMediaFolders();
        a.addMedia(ADMIN.id(), "2024/05/photo.jpg", MAY, MAY, new byte[] {1, 2, 3});
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://a.test/", a, "http://b.test/", b), "--site", "a=http://a.test/",
                "--site", "b=http://b.test/")) {
            for (int round = 0; round < 5; round++) {
                String name = "sites/b/media/race-" + round + ".jpg";
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
                List<java.util.concurrent.Future<Integer>> copies = new java.util.ArrayList<>();
                // The administrator twice and the editor twice (both may upload on b), each only if the name is free; a
                // subscriber of both at the same time, who may upload nothing.
                for (InMemoryWordPress.Account who : List.of(ADMIN, EDITOR, ADMIN, EDITOR, SUBSCRIBER)) {
                    copies.add(pool.submit(() -> drive.send(who, "COPY", "sites/a/media/2024/05/photo.jpg",
                            Map.of("Destination", drive.url(name), "Overwrite", "F"), null).status()));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Integer> copy : copies) {
                    statuses.add(copy.get());
                }
                pool.shutdown();
                assertEquals(403, statuses.get(4), "the subscriber: " + statuses);
                assertEquals(1, statuses.subList(0, 4).stream().filter(status -> status == 201).count(), "one copy made: " + statuses);
                assertEquals(3, statuses.subList(0, 4).stream().filter(status -> status == 412).count(), "the others found it: " + statuses);
            }
            assertEquals(5, b.media().size(), "one attachment a round");
            assertEquals(403, drive.send(SUBSCRIBER, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/race-0.jpg"), "Overwrite", "F"), null).status(),
                    "who may not upload is told so, not whether the file is there");
            b.media().forEach(made -> assertArrayEquals(new byte[] {1, 2, 3}, b.bytesOf(made.id())));
            // A name WordPress's web server would run is refused on the way in, as any upload's.
            assertEquals(415, drive.send(ADMIN, "COPY", "sites/a/media/2024/05/photo.jpg",
                    Map.of("Destination", drive.url("sites/b/media/shell.php")), null).status());
            assertEquals(5, b.media().size());
        }
    }
}
