package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.Post;

/**
 * A site of 5,000 posts more than the seed (one an hour back in time: seven months; then 210 a second apart), browsed
 * as the clients ask: every folder of {@code posts/} opens within Windows' default limit of 1,000,000 bytes an answer
 * with Explorer's, the redirector's and Finder's own PROPFIND; a walk of the tree finds every post exactly once and in
 * the folder of its date; an author finds what WordPress shows them; davfs2's ls -R and rclone's lsf -R, into every post,
 * list every post's folder once;
 * a post's old name and its name under its date are one object (bytes, ETag, locks). The test bed is given back its
 * seed afterwards.
 */
class BigFoldersIT {
    private static final int ADDED = 5000;
    private static final int BURST = 210;
    /** The smallest --max-folder-entries pressdav takes. */
    private static final int SMALL_MAX = 100;
    private static final int DEFAULT_MAX = Integer.parseInt(org.pressdav.config.Setting.MAX_FOLDER_ENTRIES.defaultValue());
    private static final int WINDOWS_LIMIT = 1_000_000;

    private static TestBed bed;
    private static RunningDrive drive;
    private static OkHttpWordPressClient wordpress;
    /** Every post of the site as WordPress lists it to the administrator. */
    private static Map<Long, Post> posts;

    @BeforeAll
    static void addFiveThousandPosts() {
        bed = TestBed.get();
        bed.script("reset");
        bed.script("seed", "--posts", String.valueOf(ADDED));
        // Then a burst a second apart, just before the oldest: a day of over 200 posts (over 100 on one side of a midnight).
        bed.script("seed", "--posts", String.valueOf(BURST), "--every", "1");
        drive = RunningDrive.start();
        wordpress = drive.wordpress();
        posts = visibleTo("admin", Context.EDIT);
        assertTrue(posts.size() > ADDED, posts.size() + " posts");
    }

    @AfterAll
    static void giveBackTheSeed() {
        try {
            if (drive != null) {
                drive.close();
            }
        } finally {
            bed.script("reset");
        }
    }

    /**
     * What WordPress's REST lists to this role: {@code wp/v2/posts?status=any}, every page; in the view context, which
     * leaves out only what they may not read (the edit context leaves out what they may not edit: an author's would
     * hold their own posts alone), with the raw content where the context is edit.
     */
    private static Map<Long, Post> visibleTo(String role, Context context) {
        return wordpress.list(bed.credentials(role), Endpoint.POSTS, ListQuery.all().withContext(context).with("status", "any"))
                .items().stream().collect(Collectors.toMap(Post::id, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest
    @EnumSource(ListingRequest.class)
    void everyFolderOfPostsOpensAsTheClientAsksAndListsEachPostOnceUnderItsDate(ListingRequest how) {
        PostsWalk walk = PostsWalk.of(drive, "admin", how, posts.keySet());

        assertAnswersFit(walk, how);
        PostsWalk.Answer top = walk.answers().get(0);
        assertEquals("posts/", top.path());
        assertFalse(top.entries().isEmpty());
        for (PostsWalk.Entry year : top.entries()) {
            assertTrue(year.folder() && year.name().matches("\\d{4}"), "posts/ lists " + year.name() + ", not a year's folder");
        }
        assertTrue(walk.strays().isEmpty(), "neither shelves nor posts' folders: " + walk.strays());
        assertTrue(walk.mixed().isEmpty(), "folders listing shelves and posts: " + walk.mixed());
        FiledPosts.assertEachOnce(posts.keySet(), walk.found(), how + " walk as the administrator");
        Map<Integer, Integer> depths = FiledPosts.assertFiledByDate(posts, walk.found(), DEFAULT_MAX);
        System.out.println(how + ": " + walk.answers().size() + " folders, the biggest answer "
                + walk.answers().stream().mapToInt(PostsWalk.Answer::bytes).max().orElse(0) + " bytes; posts by depth " + depths);
    }

    /** Each answer a 207 as it was sent (no compression asked, none given), under Windows' limit, at most 1,000 entries. */
    private static void assertAnswersFit(PostsWalk walk, ListingRequest how) {
        for (PostsWalk.Answer answer : walk.answers()) {
            assertEquals(207, answer.status(), how + " " + answer.path());
            assertTrue(answer.contentEncoding() == null || answer.contentEncoding().equals("identity"),
                    how + " " + answer.path() + " came " + answer.contentEncoding() + " to a client that asked for identity");
            assertTrue(answer.bytes() < WINDOWS_LIMIT, how + " " + answer.path() + ": " + answer.bytes() + " bytes");
            assertTrue(answer.entries().size() <= DEFAULT_MAX, how + " " + answer.path() + ": " + answer.entries().size() + " entries");
        }
    }

    @Test
    void anAuthorFindsEveryPublishedPostAndTheirOwnDraftsAndNoOneElsesDraft() {
        Map<Long, Post> visible = visibleTo("author", Context.VIEW);
        long ownDraft = bed.id("posts", "author-draft");
        long othersDraft = bed.id("posts", "draft-no-slug");
        assertTrue(visible.containsKey(ownDraft) && !visible.containsKey(othersDraft), "WordPress itself shows an author their own draft only");
        assertTrue(posts.values().stream().filter(post -> post.status().equals("publish")).allMatch(post -> visible.containsKey(post.id())),
                "WordPress itself shows an author every published post");

        PostsWalk walk = PostsWalk.of(drive, "author", ListingRequest.EXPLORER, posts.keySet());

        assertAnswersFit(walk, ListingRequest.EXPLORER);
        FiledPosts.assertEachOnce(visible.keySet(), walk.found(), "the author's walk");
        List<Long> othersDrafts = posts.values().stream().filter(post -> !post.status().equals("publish") && !visible.containsKey(post.id()))
                .map(Post::id).toList();
        assertFalse(othersDrafts.isEmpty());
        assertTrue(othersDrafts.stream().noneMatch(walk.found()::containsKey), "the author sees others' unpublished posts");
    }

    @Test
    void aPostsOldPathAndItsPathUnderItsDateAreOneObject() {
        PostsWalk walk = PostsWalk.of(drive, "admin", ListingRequest.EXPLORER, posts.keySet());
        long generated = posts.keySet().stream().filter(id -> id > bed.id("posts", "author-post")).skip(ADDED / 2).findFirst().orElseThrow();
        // A generated post of months ago, one whose name needs percent-encoding, one named by its id alone (like a day).
        for (long id : List.of(generated, bed.id("posts", "emoji"), bed.id("posts", "draft-no-slug"))) {
            List<String> dated = only(walk, id);
            String byName = "posts/" + dated.get(dated.size() - 1) + "/content.html";
            String byDate = String.join("/", dated) + "/content.html";
            RunningDrive.Answer old = drive.send("admin", "GET", drive.url(byName), Map.of(), null);
            RunningDrive.Answer now = drive.send("admin", "GET", drive.url(byDate), Map.of(), null);
            assertEquals(200, old.status(), byName);
            assertEquals(200, now.status(), byDate);
            assertArrayEquals(posts.get(id).content().raw().getBytes(StandardCharsets.UTF_8), now.body(), byDate);
            assertArrayEquals(old.body(), now.body(), byName + " and " + byDate);
            assertNotNull(old.header("ETag"), byName);
            assertEquals(old.header("ETag"), now.header("ETag"), byName + " and " + byDate);
        }
        List<String> dated = only(walk, generated);
        String byDate = String.join("/", dated) + "/content.html";
        String byName = "posts/" + dated.get(dated.size() - 1) + "/content.html";
        String before = posts.get(generated).content().raw();
        lockedThroughOneSeenThroughTheOther(byDate, byName);
        lockedThroughOneSeenThroughTheOther(byName, byDate);
        assertEquals(before, wordpress.get(bed.credentials("admin"), Endpoint.POSTS, generated, Context.EDIT).content().raw());
    }

    private static List<String> only(PostsWalk walk, long id) {
        List<List<String>> paths = walk.found().get(id);
        assertTrue(paths != null && paths.size() == 1, "post " + id + " listed at " + paths);
        assertTrue(paths.get(0).size() >= 4, "post " + id + " is not under a date: " + paths.get(0));
        return paths.get(0);
    }

    private static void lockedThroughOneSeenThroughTheOther(String locked, String other) {
        String lockInfo = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                + "<D:locktype><D:write/></D:locktype><D:owner><D:href>admin</D:href></D:owner></D:lockinfo>";
        RunningDrive.Answer lock = drive.send("admin", "LOCK", drive.url(locked), Map.of("Timeout", "Second-600"), lockInfo);
        assertTrue(lock.status() == 200 || lock.status() == 201, locked + ": " + lock.status() + " " + lock.text());
        Matcher token = Pattern.compile("<(opaquelocktoken:[^>]+)>").matcher(String.valueOf(lock.header("Lock-Token")));
        assertTrue(token.find(), lock.headers().toString());
        String discovery = drive.send("admin", "PROPFIND", drive.url(other), Map.of("Depth", "0"),
                "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/></D:prop></D:propfind>").text();
        assertTrue(discovery.contains(token.group(1)), "locked at " + locked + ", " + other + " shows " + discovery);
        RunningDrive.Answer put = drive.send("editor", "PUT", drive.url(other), Map.of(), "past the lock");
        assertEquals(423, put.status(), "locked at " + locked + ", PUT " + other + ": " + put.text());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(other), Map.of("Lock-Token", "<" + token.group(1) + ">"), null).status(),
                "unlocked through " + other);
        String after = drive.send("admin", "PROPFIND", drive.url(locked), Map.of("Depth", "0"),
                "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/></D:prop></D:propfind>").text();
        assertFalse(after.contains(token.group(1)), "unlocked through " + other + ", " + locked + " shows " + after);
    }

    @Test
    void withASmallThresholdMonthsSplitIntoDaysAndDaysIntoIdRanges() {
        try (RunningDrive small = RunningDrive.start("--max-folder-entries", String.valueOf(SMALL_MAX))) {
            PostsWalk walk = PostsWalk.of(small, "admin", ListingRequest.EXPLORER, posts.keySet());

            assertTrue(walk.strays().isEmpty(), "neither shelves nor posts' folders: " + walk.strays());
            FiledPosts.assertEachOnce(posts.keySet(), walk.found(), "the walk with --max-folder-entries " + SMALL_MAX);
            Map<Integer, Integer> depths = FiledPosts.assertFiledByDate(posts, walk.found(), SMALL_MAX);
            System.out.println("--max-folder-entries " + SMALL_MAX + ": " + walk.answers().size() + " folders; posts by depth " + depths);
            // Months of 744 split in days of 24; the burst's day in id ranges; January 2030 (the scheduled post) not at all.
            assertTrue(depths.containsKey(2) && depths.containsKey(3) && depths.containsKey(4), "posts by depth of shelves " + depths);
            walk.answers().forEach(answer -> assertEquals(207, answer.status(), answer.path()));
            assertTrue(walk.mixed().isEmpty(), "folders listing shelves and posts: " + walk.mixed());
            List<String> ranged = walk.found().values().stream().map(paths -> paths.get(0)).filter(path -> path.size() == 6).findFirst()
                    .orElseThrow();
            String byName = "posts/" + ranged.get(5) + "/title.txt";
            String byRange = String.join("/", ranged) + "/title.txt";
            RunningDrive.Answer old = small.send("admin", "GET", small.url(byName), Map.of(), null);
            RunningDrive.Answer now = small.send("admin", "GET", small.url(byRange), Map.of(), null);
            assertEquals(200, now.status(), byRange);
            assertEquals(200, old.status(), byName);
            assertArrayEquals(old.body(), now.body());
            assertEquals(old.header("ETag"), now.header("ETag"));
        }
    }

    /*
     * Both clients walk into every post's folder, its revisions/ and meta/, as ls -R and a backup do: one PROPFIND a folder,
     * answered from posts read ahead a hundred at a time (ReadAhead, the companion plugin's reads) once the walk is seen.
     * Measured on 5,000 posts (2 cores) before the read-ahead: find over davfs2 320 s, rclone lsf -R 487 s.
     */
    @Test
    void davfs2LsRecursiveListsEveryPostsFolderOnce(@TempDir Path dir) throws Exception {
        Clients.Result listed;
        double walked;
        long started = System.nanoTime();
        // A pressdav of its own: nothing read before (by the other walks) answers this one.
        try (RunningDrive fresh = RunningDrive.start()) {
            Path mount = Clients.mountDavfs(fresh, "admin", dir, "ro");
            double asked = wordpressRequests(fresh);
            try {
                listed = Clients.run(Duration.ofMinutes(20), mount, Map.of(), null, "ls", "-R", "posts");
            } finally {
                Clients.run(dir, Map.of(), null, "umount", mount.toString());
            }
            walked = wordpressRequests(fresh) - asked;
        }
        System.out.println("davfs2: ls -R posts took " + millisSince(started) + " ms, " + walked + " WordPress requests");
        assertEquals(0, listed.exitCode(), start(listed.output()));
        assertReadAhead(walked, "davfs2 ls -R");
        // ls -R heads each folder's names with its path and a colon: every folder it went into, posts' folders among them.
        List<List<String>> folders = new ArrayList<>();
        for (String line : listed.output().split("\n")) {
            if (line.endsWith(":")) {
                folders.add(Arrays.asList(line.substring(0, line.length() - 1).split("/")));
            }
        }
        assertTrue(folders.stream().anyMatch(folder -> folder.get(folder.size() - 1).equals("revisions")), "ls -R went into the posts' folders");
        FiledPosts.assertEachOnce(posts.keySet(), postFolders(folders), "davfs2 ls -R");
    }

    @Test
    void rcloneLsfRecursiveListsEveryPostsFolderOnce(@TempDir Path dir) throws Exception {
        Clients.Result listed;
        double walked;
        long started = System.nanoTime();
        try (RunningDrive fresh = RunningDrive.start()) {
            List<String> command = new ArrayList<>(List.of("rclone", "lsf", "-R", "--dirs-only", ":webdav:posts"));
            command.addAll(Clients.rcloneRemote(fresh, "admin", dir));
            double asked = wordpressRequests(fresh);
            listed = Clients.run(Duration.ofMinutes(20), dir, Map.of(), null, command.toArray(String[]::new));
            walked = wordpressRequests(fresh) - asked;
        }
        System.out.println("rclone: lsf -R posts took " + millisSince(started) + " ms, " + walked + " WordPress requests");
        assertEquals(0, listed.exitCode(), start(listed.output()));
        assertReadAhead(walked, "rclone lsf -R");
        List<List<String>> folders = new ArrayList<>();
        for (String line : listed.output().split("\n")) {
            if (line.endsWith("/")) {
                List<String> folder = new ArrayList<>(List.of("posts"));
                folder.addAll(Arrays.asList(line.substring(0, line.length() - 1).split("/")));
                folders.add(folder);
            }
        }
        assertTrue(folders.stream().anyMatch(folder -> folder.get(folder.size() - 1).equals("meta")), "lsf -R went into the posts' folders");
        FiledPosts.assertEachOnce(posts.keySet(), postFolders(folders), "rclone lsf -R");
    }

    /** Every request pressdav has sent WordPress, whatever it answered (the metric {@code pressdav_wordpress_requests_total}). */
    private static double wordpressRequests(RunningDrive of) {
        String text = of.send("admin", "GET", of.url("metrics"), Map.of(), null).text();
        return org.pressdav.ops.Scrape.of(text).series("pressdav_wordpress_requests_total", Map.of()).stream()
                .mapToDouble(org.pressdav.ops.Scrape.Sample::value).sum();
    }

    /**
     * A walk into every post's folder (and its revisions/) read its posts ahead, a hundred a request: a small part of the
     * one request a post (and another for its revisions) each folder would cost alone.
     */
    private static void assertReadAhead(double requests, String walk) {
        assertTrue(requests > 0 && requests < posts.size() / 4.0, walk + ": " + requests + " WordPress requests for " + posts.size() + " posts");
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private static String start(String output) {
        return output.substring(0, Math.min(2000, output.length()));
    }

    /** Post id → every path among these folders that is a post's folder (not a shelf, nothing inside a post). */
    private static Map<Long, List<List<String>>> postFolders(List<List<String>> folders) {
        PostsLayout layout = new PostsLayout(posts.keySet(), folder -> drive.send("admin", "GET",
                drive.url(String.join("/", folder) + "/content.html"), Map.of(), null).status() == 200);
        Map<Long, List<List<String>>> found = new TreeMap<>();
        for (List<String> folder : folders) {
            layout.postFolderAt(folder).ifPresent(id -> found.computeIfAbsent(id, key -> new ArrayList<>()).add(folder));
        }
        return found;
    }
}
