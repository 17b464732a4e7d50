package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RedisServer;
import org.pressdav.ops.Scrape;
import org.pressdav.testbed.RunningDrive;

/**
 * What one request costs, counted: paths resolved from the root (the metric
 * {@code pressdav_path_walks_total}), calls to the drive's stores ({@code pressdav_store_calls_total})
 * and calls to WordPress. Each figure is today's: a change that makes a request walk, ask a store or
 * ask WordPress more turns this red (one that makes it cheaper updates the figure). Each method resolves its path once (MOVE and COPY their Destination too);
 * a listing asks each store once, whatever the number of children; a save's answer comes from what
 * WordPress returned.
 */
class RequestCostTest {
    private static final Instant MAY = Instant.parse("2020-01-15T10:00:00Z");
    private static final String ALLPROP = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>";

    private InProcessDrive drive;

    @AfterEach
    void stop() {
        if (drive != null) {
            drive.close();
        }
    }

    /** What a request cost. */
    private record Cost(long walks, long storeCalls, int wordpressCalls) {
    }

    private Cost cost(Runnable request) {
        Map<String, Long> before = metrics();
        int calls = wordpressCalls();
        request.run();
        Map<String, Long> after = metrics();
        return new Cost(after.get("pressdav_path_walks_total") - before.get("pressdav_path_walks_total"),
                after.get("pressdav_store_calls_total") - before.get("pressdav_store_calls_total"), wordpressCalls() - calls);
    }

    private Map<String, Long> metrics() {
        String text = drive.send(null, "GET", drive.url("/").replaceAll("/$", "") + "/metrics", Map.of(), null).text();
        Scrape scrape = Scrape.of(text);
        Map<String, Long> values = new java.util.HashMap<>();
        for (String name : List.of("pressdav_path_walks_total", "pressdav_store_calls_total")) {
            scrape.value(name, Map.of()).ifPresent(value -> values.put(name, value.longValue()));
        }
        assertEquals(2, values.size(), "the metrics name walks and store calls: " + text);
        return values;
    }

    /** WordPress calls but the login's ({@code me}: the real client keeps accepted logins a minute, this fake client does not). */
    private int wordpressCalls() {
        return drive.wordpress.calls.entrySet().stream().filter(call -> !call.getKey().equals("me")).mapToInt(call -> call.getValue().get()).sum();
    }

    private RunningDrive.Answer ok(RunningDrive.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.text());
        return answer;
    }

    private String seed(int posts) {
        drive = new InProcessDrive();
        long first = 0;
        for (int i = 0; i < posts; i++) {
            long id = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Post " + i, "<p>text " + i + "</p>");
            first = first == 0 ? id : first;
        }
        return drive.folderOf(first);
    }

    /** A warm PROPFIND Depth 1 of a folder of {@code children} posts, tags or media files: its cost. */
    private Cost listing(String folder, int children) {
        return listing(folder, children, () -> { });
    }

    /** The same, {@code around} the measured listing too (a count of what Redis did, say), over a drive started with {@code flags}. */
    private Cost listing(String folder, int children, Runnable around, String... flags) {
        drive = new InProcessDrive(flags);
        for (int i = 0; i < children; i++) {
            switch (folder) {
                case "posts/" -> drive.wordpress.addPost("post", EDITOR.id(), "publish", "Post " + i, "<p>text " + i + "</p>");
                case "tags/" -> drive.wordpress.addTerm("post_tag", "Tag " + i);
                default -> drive.wordpress.addMedia(EDITOR.id(), "2020/01/photo-" + i + ".jpg", MAY, MAY, new byte[] {1, 2, 3});
            }
        }
        ok(drive.send(ADMIN, "PROPFIND", folder, Map.of("Depth", "1"), ALLPROP), 207);
        Cost cost = cost(() -> {
            around.run();
            ok(drive.send(ADMIN, "PROPFIND", folder, Map.of("Depth", "1"), ALLPROP), 207);
            around.run();
        });
        drive.close();
        drive = null;
        return cost;
    }

    @Test
    void aListingAsksEachStoreOnceWhateverTheNumberOfChildren() {
        // One walk for the folder, its children from the listing; the stores asked a fixed few times; WordPress not at all.
        assertEquals(new Cost(1, 5, 0), listing("posts/", 10));
        assertEquals(new Cost(1, 5, 0), listing("posts/", 800)); // as many as a folder lists before it is split into shelves
        assertEquals(new Cost(1, 6, 0), listing("tags/", 10));
        assertEquals(new Cost(1, 6, 0), listing("tags/", 800));
        assertEquals(new Cost(1, 6, 0), listing("media/2020/01/", 10));
        assertEquals(new Cost(1, 6, 0), listing("media/2020/01/", 1000));
    }

    @Test
    void onRedisAListingTakesAFewRoundTripsWhateverTheNumberOfChildren() {
        try (RedisServer redis = RedisServer.start()) {
            for (String folder : List.of("posts/", "tags/", "media/2020/01/")) {
                List<Long> roundTrips = new ArrayList<>();
                List<String> sent = new ArrayList<>();
                for (int children : List.of(10, 800)) {
                    RedisServer.Monitor[] monitor = new RedisServer.Monitor[1];
                    listing(folder, children, () -> {
                        if (monitor[0] == null) {
                            monitor[0] = redis.monitor();
                        } else {
                            roundTrips.add(monitor[0].roundTrips());
                            sent.addAll(monitor[0].commands());
                            monitor[0].close();
                        }
                    }, "--redis-url", redis.url());
                }
                assertEquals(roundTrips.get(0), roundTrips.get(1), folder + ": as many round trips to Redis for 800 children as for 10: " + sent);
                assertTrue(roundTrips.get(0) <= 5, folder + ": at most 5 round trips, not " + roundTrips.get(0) + ": " + sent);
            }
        }
    }

    @Test
    void onRedisAWarmFieldGetAsksRedisNothing() {
        try (RedisServer redis = RedisServer.start()) {
            drive = new InProcessDrive("--redis-url", redis.url());
            long post = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Post", "<p>text</p>");
            String file = drive.folderOf(post) + "content.html";
            ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200);
            try (RedisServer.Monitor monitor = redis.monitor()) {
                ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200);
                // The post's folder by WordPress's own name (no user's name asked), the file's hidden state from this instance's copy.
                assertEquals(0, monitor.roundTrips(), "round trips to Redis: " + monitor.commands());
            }
        }
    }

    @Test
    void eachMethodWalksItsPathOnce() {
        String folder = seed(3);
        String file = folder + "content.html";
        ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200);
        ok(drive.send(ADMIN, "PROPFIND", folder, Map.of("Depth", "1"), ALLPROP), 207);

        Cost get = cost(() -> ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200));
        assertEquals(new Cost(1, 2, 0), get, "GET");

        Cost propfind = cost(() -> ok(drive.send(ADMIN, "PROPFIND", file, Map.of("Depth", "0"), ALLPROP), 207));
        assertEquals(new Cost(1, 4, 0), propfind, "PROPFIND");

        Cost lock = cost(() -> ok(drive.send(ADMIN, "LOCK", file, Map.of("Timeout", "Second-60"), "<?xml version=\"1.0\"?>"
                + "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>"), 200));
        assertEquals(new Cost(1, 6, 0), lock, "LOCK");
    }

    /** A drive split past 100 entries over {@code count} posts named {@code Post <i>}, dated {@code dateOf(i)}: the last one's id. */
    private long datedPosts(int count, java.util.function.LongFunction<Instant> dateOf) {
        drive = new InProcessDrive("--max-folder-entries", "100");
        long id = 0;
        for (int i = 0; i < count; i++) {
            id = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Post " + i, "<p>text " + i + "</p>");
            drive.wordpress.redate(id, dateOf.apply(i));
        }
        return id;
    }

    @Test
    void aFieldReadThroughDateFoldersCostsWhatItDoesThroughTheKindsFolder() {
        long id = datedPosts(150, i -> MAY.plus(java.time.Duration.ofDays(3L * i)));
        var date = drive.wordpress.post(id).dateGmt().atZone(java.time.ZoneOffset.UTC);
        String name = id + "-post-149/";
        String plain = "posts/" + name + "content.html";
        String shelved = String.format("posts/%04d/%02d/", date.getYear(), date.getMonthValue()) + name + "content.html";
        ok(drive.send(ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"), ALLPROP), 207);
        ok(drive.send(ADMIN, "GET", plain, Map.of(), null), 200);
        ok(drive.send(ADMIN, "GET", shelved, Map.of(), null), 200);
        // A year's and a month's name are known by their form: no post 2020 or 5 is asked of WordPress on the way.
        assertEquals(new Cost(1, 2, 0), cost(() -> ok(drive.send(ADMIN, "GET", plain, Map.of(), null), 200)), "GET by the old path");
        assertEquals(new Cost(1, 2, 0), cost(() -> ok(drive.send(ADMIN, "GET", shelved, Map.of(), null), 200)), "GET through the date folders");
    }

    @Test
    void aFieldReadThroughDayAndRangeFoldersAsksNothingMoreThanThroughTheKindsFolder() {
        long id = datedPosts(250, MAY::plusSeconds); // one day: the month lists days, the day ranges of ids
        String name = id + "-post-249/";
        String range = (id / 100 * 100) + "-" + (id / 100 * 100 + 99) + "/";
        String shelved = "posts/2020/01/15/" + range + name + "content.html";
        ok(drive.send(ADMIN, "GET", "posts/" + name + "content.html", Map.of(), null), 200);
        ok(drive.send(ADMIN, "GET", shelved, Map.of(), null), 200);
        // The listing read once per request, the folder-name store not asked for shelves: as the old path costs.
        assertEquals(new Cost(1, 2, 0), cost(() -> ok(drive.send(ADMIN, "GET", shelved, Map.of(), null), 200)), "GET through a day and a range");
    }

    @Test
    void aSaveIsAnsweredFromWhatWordPressReturned() {
        String folder = seed(3);
        String file = folder + "title.txt";
        ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200);
        RunningDrive.Answer[] put = new RunningDrive.Answer[1];
        Cost cost = cost(() -> put[0] = ok(drive.send(ADMIN, "PUT", file, Map.of(), "A new title"), 204));
        assertEquals(new Cost(1, 10, 1), cost, "PUT (the update alone: no read of the post after it)");
        RunningDrive.Answer read = ok(drive.send(ADMIN, "GET", file, Map.of(), null), 200);
        assertEquals("A new title", read.text());
        assertEquals(read.headers().get("etag"), put[0].headers().get("etag"), "the save's ETag is the one a read gives");
    }

    @Test
    void moveAndCopyWalkTheirDestinationOnceToo() {
        String folder = seed(3);
        ok(drive.send(ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"), ALLPROP), 207);
        Cost copy = cost(() -> ok(drive.send(ADMIN, "COPY", folder, Map.of("Destination", drive.url("posts/A copy/")), null), 201));
        assertEquals(new Cost(2, 10, 4), copy, "COPY");
        Cost move = cost(() -> ok(drive.send(ADMIN, "MOVE", "posts/A copy/", Map.of("Destination", drive.url("posts/Renamed/")), null), 201));
        assertEquals(new Cost(2, 15, 2), move, "MOVE");
        Cost delete = cost(() -> ok(drive.send(ADMIN, "DELETE", "posts/Renamed/", Map.of(), null), 204));
        assertEquals(new Cost(1, 8, 1), delete, "DELETE");
    }
}
