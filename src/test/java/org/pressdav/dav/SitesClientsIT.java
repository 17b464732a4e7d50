package org.pressdav.dav;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.Clients.Result;
import org.pressdav.testbed.NetworkBed;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.Post;

/**
 * Several sites under {@code sites/} through the clients people use (cadaver, rclone, a davfs2 mount), pressdav serving
 * the test bed's multisite network and its single site ({@code scripts/network}). What the clients see and write is
 * checked against each WordPress itself.
 */
class SitesClientsIT {
    /** The network's sites alice is a member of, named as pressdav names them (host-port-path). */
    private static final String MAIN = "127.0.0.2-8089";
    private static final String TWO = "127.0.0.2-8089-two";
    /** The site of --site single=..., whose administrator has the test bed administrator's login. */
    private static final String SINGLE = "single";

    private static NetworkBed network;
    private static RunningDrive drive;
    /** {@code media/<yyyy>/<mm>/}: the network runs on UTC. */
    private static String month;

    @BeforeAll
    static void start() {
        network = NetworkBed.get();
        network.script("reset");
        drive = RunningDrive.startSites("--network", network.networkUrl().toString(), "--site", SINGLE + "=" + network.siteUrl(SINGLE));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
    }

    @AfterAll
    static void stop() {
        try {
            drive.close();
        } finally {
            network.script("reset");
        }
    }

    @Test
    void cadaverListsAlicesSitesAndRoundTripsAPostOfTwo(@TempDir Path home) throws Exception {
        long id = network.post("two", "first_post");
        String folder = postFolder("alice", TWO, id);
        String edited = "<p>Edited with cadaver on two: ünïcode 🎉</p>\r\n<p>and a second line</p>";
        Files.writeString(home.resolve("edited.html"), edited);
        byte[] inWordPress = wordpress("two").get(network.credentials("alice"), Endpoint.POSTS, id, Context.EDIT).content().raw().getBytes(UTF_8);

        Result cadaver = Clients.cadaver(drive, "alice", home, "ls sites\ncd \"sites/" + TWO + "/posts/" + folder + "\"\nget content.html\n"
                + "put edited.html content.html\nquit\n");

        assertEquals(Set.of(MAIN, TWO), collections(cadaver.output()), cadaver.output());
        assertArrayEquals(inWordPress, Files.readAllBytes(home.resolve("content.html")), cadaver.output());
        assertEquals(edited, wordpress("two").get(network.credentials("alice"), Endpoint.POSTS, id, Context.EDIT).content().raw(),
                cadaver.output());
    }

    @Test
    void rcloneListsSitesAndPostsCopiesMediaInAndMovesNothingToAnotherSite(@TempDir Path dir) throws Exception {
        List<String> remote = Clients.rcloneRemote(drive, "alice", dir);
        assertEquals(Set.of(MAIN + "/", TWO + "/"), lines(succeeded(rclone(dir, remote, "lsf", ":webdav:sites"))));

        String tree = succeeded(rclone(dir, remote, "lsf", "-R", ":webdav:sites/" + MAIN + "/posts"));
        Set<Long> listed = new TreeSet<>();
        Matcher folder = Pattern.compile("(?m)^(\\d+)-[^/\\n]*/content\\.html$").matcher(tree);
        while (folder.find()) {
            listed.add(Long.parseLong(folder.group(1)));
        }
        Set<Long> inWordPress = wordpress("main").list(network.credentials("alice"), Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT)
                .with("status", "any")).items().stream().map(Post::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inWordPress, listed, tree);
        assertTrue(listed.containsAll(List.of(network.post("main", "first_post"), network.post("main", "second_post"),
                network.post("main", "draft"))), tree);

        byte[] image = MediaUploadIT.png(2020);
        Path local = dir.resolve("rclone-on-two.png");
        Files.write(local, image);
        String onTwo = ":webdav:sites/" + TWO + "/" + month + "rclone-on-two.png";
        succeeded(rclone(dir, remote, "copyto", local.toString(), onTwo));
        Path back = dir.resolve("back.png");
        List<String> cat = new ArrayList<>(List.of("sh", "-c", "rclone \"$@\" > \"$0\"", back.toString(), "cat", onTwo));
        cat.addAll(remote);
        succeeded(Clients.run(dir, Map.of(), null, cat.toArray(String[]::new)));
        assertArrayEquals(image, Files.readAllBytes(back), "rclone cat gives back what it copied");
        assertArrayEquals(image, downloadFromWordPress("two", "alice", "rclone-on-two"));

        // The single site does not know alice: rclone is refused there (401) before it asks for a MOVE.
        Result toSingle = rclone(dir, remote, "moveto", onTwo, ":webdav:sites/" + SINGLE + "/" + month + "rclone-on-two.png", "--retries", "1",
                "--low-level-retries", "1");
        assertNotEquals(0, toSingle.exitCode(), toSingle.output());
        assertTrue(toSingle.output().contains("401"), toSingle.output());
        // main has alice too: the MOVE is sent, and refused as one between two WordPresses (502). Once: rclone tries a 502 again.
        Result toMain = rclone(dir, remote, "moveto", onTwo, ":webdav:sites/" + MAIN + "/" + month + "rclone-on-two.png", "--retries", "1",
                "--low-level-retries", "1");
        assertNotEquals(0, toMain.exitCode(), toMain.output());
        assertTrue(toMain.output().contains("502"), toMain.output());
        assertArrayEquals(image, downloadFromWordPress("two", "alice", "rclone-on-two"), "the file stays where it was");
        assertTrue(wordpress("main").list(network.credentials("alice"), Endpoint.MEDIA, ListQuery.all().with("search", "rclone-on-two"))
                .items().isEmpty(), "nothing reached main");
        assertTrue(wordpress(SINGLE).list(network.credentials("admin"), Endpoint.MEDIA, ListQuery.all().with("search", "rclone-on-two"))
                .items().isEmpty(), "nothing reached the single site");
    }

    @Test
    void davfs2AtSitesShowsTheSitesOfItsLoginAndWritesThere(@TempDir Path dir) throws Exception {
        long id = network.post(SINGLE, "first_post");
        Path mount = Clients.mountDavfs(drive, "sites/", "admin", Files.createDirectory(dir.resolve("root")), "rw");
        try {
            // The test bed's administrator is the single site's, and no user of the network. (davfs2 adds lost+found.)
            Set<String> sites = lines(Clients.run(dir, Map.of(), null, "ls", mount.toString()).output());
            sites.remove("lost+found");
            assertEquals(Set.of(SINGLE), sites);
            Path title = only(mount.resolve(SINGLE).resolve("posts"), id + "-").resolve("title.txt");
            Result written = Clients.run(dir, Map.of(), null, "sh", "-c", "printf 'Retitled through sites/ – davfs2' > \"$0\"", title.toString());
            assertEquals(0, written.exitCode(), written.output());
        } finally {
            Clients.run(dir, Map.of(), null, "umount", mount.toString());
        }
        assertEquals("Retitled through sites/ – davfs2",
                wordpress(SINGLE).get(network.credentials("admin"), Endpoint.POSTS, id, Context.EDIT).title().raw());
    }

    @Test
    void davfs2MountsOneSiteAloneWithItsOwnLogin(@TempDir Path dir) throws Exception {
        RunningDrive.Answer refused = drive.send(null, "PROPFIND", drive.url("sites/" + SINGLE + "/"), Map.of("Depth", "0"), null);
        assertEquals(401, refused.status());
        assertTrue(refused.header("WWW-Authenticate").startsWith("Basic realm=\"pressdav: single\""), "the realm davfs2 and Finder keep the"
                + " password under: " + refused.header("WWW-Authenticate"));

        Path mount = Clients.mountDavfs(drive, "sites/" + SINGLE + "/", "solo", dir, "rw");
        try {
            Set<String> top = lines(Clients.run(dir, Map.of(), null, "ls", mount.toString()).output());
            assertTrue(top.containsAll(List.of("posts", "pages", "media")), top.toString());
            Path draft = mount.resolve("posts").resolve("Solo on single");
            Result made = Clients.run(dir, Map.of(), null, "sh", "-c", "mkdir \"$0\" && printf '<p>By solo.</p>' > \"$0/content.html\"", draft.toString());
            assertEquals(0, made.exitCode(), made.output());
        } finally {
            Clients.run(dir, Map.of(), null, "umount", mount.toString());
        }
        List<Post> drafts = wordpress(SINGLE).list(network.credentials("solo"), Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT)
                .with("status", "draft").with("search", "Solo on single")).items();
        assertEquals(1, drafts.size(), "mkdir made one draft on the single site");
        assertEquals("<p>By solo.</p>", drafts.get(0).content().raw());
    }

    /** WordPress itself for a site of the second WordPress, never through pressdav. */
    private static OkHttpWordPressClient wordpress(String site) {
        return OkHttpWordPressClient.forSite(network.siteUrl(site), ClientSettings.defaults());
    }

    private static byte[] downloadFromWordPress(String site, String role, String search) throws IOException {
        List<Media> found = wordpress(site).list(network.credentials(role), Endpoint.MEDIA, ListQuery.all().with("search", search)).items();
        assertEquals(1, found.size(), search + " on " + site);
        try (var content = wordpress(site).download(network.credentials(role), found.get(0), null)) {
            return content.body().readAllBytes();
        }
    }

    /** The name of a post's folder in {@code sites/<site>/posts/} as {@code role} lists it. */
    private static String postFolder(String role, String site, long id) {
        return drive.names(role, "sites/" + site + "/posts/").stream().filter(name -> name.startsWith(id + "-")).findFirst()
                .map(name -> name.substring(0, name.length() - 1)).orElseThrow(() -> new AssertionError("post " + id + " is not in " + site));
    }

    /** The collections cadaver's {@code ls} listed. */
    private static Set<String> collections(String output) {
        Set<String> names = new TreeSet<>();
        Matcher coll = Pattern.compile("(?m)^Coll:\\s+(\\S+)").matcher(output);
        while (coll.find()) {
            names.add(coll.group(1));
        }
        return names;
    }

    /** rclone with these arguments, logged in as {@code remote} says. */
    private static Result rclone(Path dir, List<String> remote, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone"));
        command.addAll(List.of(args));
        command.addAll(remote);
        return Clients.run(dir, Map.of(), null, command.toArray(String[]::new));
    }

    private static String succeeded(Result result) {
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    private static Set<String> lines(String output) {
        return output.lines().filter(line -> !line.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path only(Path folder, String prefix) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> matches = children.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, matches.size(), prefix + " in " + folder);
            return matches.get(0);
        }
    }
}
