package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.ops.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.pressdav.testbed.Cluster;
import org.pressdav.testbed.RunningDrive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;

/**
 * The drive as several pressdav instances behind HAProxy in round robin ({@code scripts/cluster}:
 * Redis, three instances, no stickiness), through which the integration tests that say most about
 * shared state run unchanged, against the balancer's URL: litmus in a media folder, the crowd
 * tests, Finder's and Explorer's sequences, and a davfs2 mount copying a folder in and out. Each
 * test class gets the instances started anew after its seed reset, as it gets a new pressdav in
 * process. Tests that start pressdav with flags of their own are not run here (they cannot be given
 * to instances already running). Each class's summary is printed, so that CI shows the counts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final List<String> FIELDS = List.of("title.txt", "excerpt.txt", "content.html");
    private static Cluster cluster;

    @BeforeAll
    static void up() throws Exception {
        cluster = Cluster.up(Files.createTempDirectory("pressdav-cluster"));
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs these tests with the balancer as their drive; every test found must pass. */
    private static void passThroughTheBalancer(String what, DiscoverySelector... selectors) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Properties before = (Properties) System.getProperties().clone();
        System.setProperty(RunningDrive.URL, cluster.url());
        System.setProperty(RunningDrive.RENEW, cluster.renewCommand());
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
        } finally {
            System.setProperties(before);
        }
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 4);
        System.out.printf("through the cluster: %s: %d of %d passed (%d s)%n", what, summary.getTestsSucceededCount(),
                summary.getTestsFoundCount(), (summary.getTimeFinished() - summary.getTimeStarted()) / 1000);
        assertEquals(0, summary.getTotalFailureCount(), what + " through the cluster:\n" + failures);
        assertTrue(summary.getTestsFoundCount() > 0, what + ": no test found");
        assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount(), what + ": every test found passes, none skipped");
    }

    /** Every test method of the class but those named. */
    private static DiscoverySelector[] allBut(Class<?> tests, String... left) {
        return java.util.Arrays.stream(tests.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.Test.class) && !java.util.List.of(left).contains(m.getName()))
                .map(m -> selectMethod(tests, m)).toArray(DiscoverySelector[]::new);
    }

    @Test
    @Order(1)
    void litmusPassesEveryGroupInAMediaFolder() {
        passThroughTheBalancer("LitmusIT", selectClass(LitmusIT.class));
    }

    @Test
    @Order(2)
    void theCrowdLosesNoFieldAndOneOfTwentyIfMatchWritersWins() {
        // HAProxy 2.6 answers a client that half-closes in the middle of a body with nothing at all (README,
        // "Several instances"): pressdav's 400 cannot reach it through this balancer, so that one case is not asked of it.
        passThroughTheBalancer("CrowdIT", allBut(CrowdIT.class, "aBodyCutShortIsABadRequestAndChangesNothing"));
    }

    @Test
    @Order(3)
    void theMediaCrowdLeavesOneWholeVersionOfEachFile() {
        passThroughTheBalancer("MediaCrowdIT", selectClass(MediaCrowdIT.class));
    }

    @Test
    @Order(4)
    void findersSafeSaveAndExplorersSequencesPass() {
        passThroughTheBalancer("MediaTracesIT", selectClass(MediaTracesIT.class));
    }

    @Test
    @Order(5)
    void aDavfs2MountCopiesAFolderInAndOutUnchanged() {
        passThroughTheBalancer("MediaClientsIT davfs2", selectMethod(MediaClientsIT.class, "davfs2CopiesMovesSyncsAndDeletesAFolderOfMixedFiles",
                Path.class.getName()));
    }

    /** Round robin, no stickiness: thirty requests of one client in a row reach every instance alike. */
    @Test
    @Order(6)
    void everyInstanceServesItsShare() throws Exception {
        cluster.awaitEveryInstanceUp(3);
        Map<String, Long> before = cluster.requestsSent();
        System.out.println("through the cluster: requests per instance so far " + before);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 30; i++) {
            client.send(HttpRequest.newBuilder(URI.create(cluster.url())).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        Map<String, Long> after = cluster.requestsSent();
        assertEquals(3, after.size(), after.toString());
        after.forEach((instance, requests) -> assertTrue(requests - before.get(instance) >= 5,
                instance + " served " + (requests - before.get(instance)) + " of 30: " + before + " then " + after));
    }

    /**
     * One instance killed with {@code kill -9} in the middle of a crowd of saves: only requests it was
     * answering fail, each with an error, never a false success; no save answered 2xx is lost; the write
     * turns it held let the next saves of those objects through; a lock taken through it holds through
     * the others. Last, since it leaves one instance dead.
     */
    @Test
    @Order(7)
    void anInstanceKilledInTheMiddleOfACrowdLosesNoSaveAndItsLockLivesOn() throws Exception {
        Properties before = (Properties) System.getProperties().clone();
        System.setProperty(RunningDrive.URL, cluster.url());
        System.setProperty(RunningDrive.RENEW, cluster.renewCommand());
        try (RunningDrive drive = RunningDrive.start()) {
            cluster.awaitEveryInstanceUp(3);
            List<Long> ids = drive.wordpress().list(drive.bed().credentials("admin"), Endpoint.POSTS,
                    ListQuery.all().withFields("id").with("status", "publish")).items().stream().map(Post::id).limit(3).toList();
            String lockedFile = drive.url(drive.postFolder(ids.get(2)) + "excerpt.txt").replace(cluster.url(), cluster.instanceUrl(2));
            RunningDrive.Answer locked = drive.send("editor", "LOCK", lockedFile, Map.of("Timeout", "Second-600"),
                    "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                            + "<D:locktype><D:write/></D:locktype></D:lockinfo>");
            assertEquals(200, locked.status(), "locked through pressdav-2: " + locked.text());
            String token = locked.header("Lock-Token");

            AtomicLong killedAt = new AtomicLong();
            // Three writers a post, each saving its own field: WordPress writes a post whole, so a save that overlapped another
            // of the same post (turns not taken across instances, or one held by the dead instance and lost) would undo it.
            List<Saves> writers = new ArrayList<>();
            for (long id : ids.subList(0, 2)) {
                for (String field : FIELDS) {
                    writers.add(new Saves(drive, id, field, drive.url(drive.postFolder(id) + field), killedAt));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers.size());
            try {
                List<Future<?>> running = writers.stream().map(w -> pool.submit(w::run)).collect(Collectors.toList());
                Thread.sleep(2_000);
                cluster.kill(2);
                killedAt.set(System.nanoTime());
                for (Future<?> f : running) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            int saves = 0;
            int failed = 0;
            for (Saves w : writers) {
                Post post = drive.wordpress().get(drive.bed().credentials("admin"), Endpoint.POSTS, w.id(), Context.EDIT);
                String stored = switch (w.field()) {
                    case "title.txt" -> post.title().raw();
                    case "excerpt.txt" -> post.excerpt().raw();
                    default -> post.content().raw();
                };
                String which = "post " + w.id() + " " + w.field();
                assertTrue(w.mayBeStored().contains(stored), which + " holds \"" + stored + "\", not the last saved " + w.lastSaved()
                        + " (nor a later failed save): a save answered 2xx was lost");
                assertTrue(w.savedAfterKill(), which + ": saves went through after the kill (no turn stayed held)");
                saves += w.sent();
                failed += w.failures().size();
                System.out.printf("through the cluster: %s: %d saves, failures %s, first save after the kill %d ms after it%n", which, w.sent(),
                        w.failures(), w.firstSaveAfterKillMillis());
            }
            System.out.printf("through the cluster: %d saves while pressdav-2 was killed, %d answered with an error, 0 lost%n", saves, failed);

            String viaBalancer = drive.url(drive.postFolder(ids.get(2)) + "excerpt.txt");
            assertEquals(423, drive.send("editor", "PUT", viaBalancer, Map.of(), "without the token").status(),
                    "the lock taken through the dead instance still holds");
            assertEquals(204, drive.send("editor", "PUT", viaBalancer, Map.of("If", "(" + token + ")"), "with the token").status());
            assertEquals(204, drive.send("editor", "UNLOCK", viaBalancer, Map.of("Lock-Token", token), null).status());
        } finally {
            System.setProperties(before);
        }
    }

    /**
     * A file larger than PHP takes in one request, relayed to WordPress in chunks by pressdav-1, which
     * is killed ({@code kill -9}) with part of the chunks on WordPress's disk: its client gets an error,
     * never a success; the same file sent again to pressdav-2 goes on with that upload (the chunks
     * WordPress holds are checked and not sent again, one spoiled on WordPress's disk sent again) and
     * finishes it: one file, byte for byte the one sent, and no piece left behind. Red if the open
     * upload were not shared (pressdav-2 keeps no chunk and the killed upload's pieces stay on disk),
     * or if a held chunk were kept without its hash checked (the spoiled chunk's bytes come back).
     */
    @Test
    @Order(8)
    void aLargeUploadCutShortOnOneInstanceIsFinishedOnAnother(@TempDir Path dir) throws Exception {
        Properties before = System.getProperties();
        System.setProperties((Properties) before.clone());
        System.setProperty(RunningDrive.URL, cluster.url());
        System.setProperty(RunningDrive.RENEW, cluster.renewCommand());
        try (RunningDrive drive = RunningDrive.startOnFreshSeed()) {
            cluster.awaitEveryInstanceUp(3);
            Path big = dir.resolve("resumed.bin");
            long size = 300L << 20;
            writeNumbered(big, size);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String path = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/resumed.bin";
            String user = "admin:" + drive.passwordOf("admin");
            Path pieces = drive.bed().uploadsDir().resolveSibling("pressdav-uploads");
            Set<Path> openBefore = uploadsOpen(pieces);

            Process first = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", user, "-T", big.toString(),
                    cluster.instanceUrl(1) + path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Path relayed = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (relayed == null && first.isAlive() && System.nanoTime() < deadline) {
                relayed = uploadsOpen(pieces).stream().filter(upload -> !openBefore.contains(upload) && piecesIn(upload) >= 5).findFirst().orElse(null);
                Thread.sleep(10);
            }
            assertTrue(relayed != null, "pressdav-1 relayed part of the file in chunks before it was killed");
            cluster.kill(1);
            assertTrue(first.waitFor(1, TimeUnit.MINUTES));
            String firstAnswer = new String(first.getInputStream().readAllBytes()).strip();
            assertTrue(!firstAnswer.startsWith("2"), "the client of the killed instance got an error, not " + firstAnswer);
            // One piece made wrong, as a disk could: the instance that goes on must find it by its hash and send it again.
            Path spoiled = relayed.resolve("0.piece");
            assertTrue(Files.isRegularFile(spoiled), "the first chunk is on WordPress's disk");
            byte[] junk = new byte[(int) Files.size(spoiled)];
            java.util.Arrays.fill(junk, (byte) 0x5a);
            Files.write(spoiled, junk);
            long held = piecesIn(relayed);
            double keptBefore = chunksKept(2);

            String answer = "";
            for (int i = 0; i < 30 && !answer.startsWith("2"); i++) {
                Process again = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", user, "-T", big.toString(),
                        cluster.instanceUrl(2) + path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                assertTrue(again.waitFor(5, TimeUnit.MINUTES));
                answer = new String(again.getInputStream().readAllBytes()).strip();
                assertTrue(answer.startsWith("2") || answer.equals("503"), "sent again to pressdav-2: " + answer
                        + " (only 503 while the killed instance's write turn runs out)");
                if (!answer.startsWith("2")) {
                    Thread.sleep(1000);
                }
            }
            assertEquals("201", answer, "the file sent again was stored");
            double kept = chunksKept(2) - keptBefore;
            System.out.printf("through the cluster: %d chunks on WordPress's disk when pressdav-1 was killed, %.0f of them not sent again by pressdav-2%n",
                    held, kept);
            assertTrue(kept >= 1 && kept <= held - 1 + CHUNKS_IN_FLIGHT, kept + " chunks kept of the " + held
                    + " WordPress held, one of them spoiled (and those still landing)");
            assertEquals(Set.of(), uploadsOpen(pieces).stream().filter(upload -> !openBefore.contains(upload)).collect(Collectors.toSet()),
                    "the upload went on and finished: no pieces left");

            Path back = dir.resolve("back.bin");
            Process get = new ProcessBuilder("curl", "-fsS", "-o", back.toString(), "-u", user, cluster.url() + path)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(get.waitFor(5, TimeUnit.MINUTES) && get.exitValue() == 0, "read back through the balancer");
            assertEquals(-1, Files.mismatch(big, back), "the file WordPress has is the one sent, byte for byte");
            String folder = drive.send("admin", "PROPFIND", cluster.url() + path.substring(0, path.lastIndexOf('/') + 1), Map.of("Depth", "1"), null).text();
            assertEquals(1, folder.split("/resumed", -1).length - 1, "one file of that name, not one an upload and one its retry: " + folder);
        } finally {
            System.setProperties(before);
        }
    }

    /** Chunks pressdav's instance n did not send because WordPress held them already, from its metrics. */
    private static double chunksKept(int n) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.instanceUrl(n) + "metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Scrape.of(metrics.body()).series("pressdav_upload_chunks_kept_total", Map.of()).stream().mapToDouble(Scrape.Sample::value).sum();
    }

    /** Chunks a piece written by pressdav may be in flight: not yet on disk when looked at, stored after. */
    private static final int CHUNKS_IN_FLIGHT = 3;

    /** The uploads open on WordPress's disk: a folder each. */
    private static Set<Path> uploadsOpen(Path pieces) throws IOException {
        if (!Files.isDirectory(pieces)) {
            return Set.of();
        }
        try (Stream<Path> all = Files.list(pieces)) {
            return all.filter(Files::isDirectory).collect(Collectors.toSet());
        }
    }

    /** Pieces stored whole in an upload's folder (not those PHP is still writing). */
    private static long piecesIn(Path upload) {
        try (Stream<Path> files = Files.list(upload)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".piece")).count();
        } catch (IOException gone) {
            return 0;
        }
    }

    /** A file whose every mebibyte differs from the others, so that a chunk kept at the wrong index would show. */
    private static void writeNumbered(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0, n = 0; written < size; written += block.length, n++) {
                java.util.Arrays.fill(block, (byte) n);
                java.nio.ByteBuffer.wrap(block).putLong(n);
                out.write(block);
            }
        }
    }

    /**
     * One writer saving its own field in a loop through the balancer until it has saved it a few times
     * after the kill (at most 40 s): what it sent, what came back, what the field may hold in the end.
     */
    private static final class Saves {
        private final RunningDrive drive;
        private final long id;
        private final String field;
        private final String url;
        private final AtomicLong killedAt;
        private final List<String> answers = new ArrayList<>();
        private final List<String> sinceLastSaved = new ArrayList<>();
        private String lastSaved;
        private int sent;
        private long firstAfterKill = -1;

        Saves(RunningDrive drive, long id, String field, String url, AtomicLong killedAt) {
            this.drive = drive;
            this.id = id;
            this.field = field;
            this.url = url;
            this.killedAt = killedAt;
        }

        void run() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            int afterKill = 0;
            while (afterKill < 5 && System.nanoTime() < deadline) {
                String value = field + " saved #" + sent++;
                String answer;
                try {
                    answer = Integer.toString(drive.send("editor", "PUT", url, Map.of(), value).status());
                } catch (RuntimeException e) {
                    answer = "no answer (" + e.getClass().getSimpleName() + ")";
                }
                long killed = killedAt.get();
                if (answer.startsWith("2")) {
                    lastSaved = value;
                    sinceLastSaved.clear();
                    if (killed != 0) {
                        afterKill++;
                        if (firstAfterKill < 0) {
                            firstAfterKill = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                        }
                    }
                } else {
                    assertTrue(!answer.startsWith("4"), "a save refused as the client's fault: " + answer);
                    answers.add(answer);
                    sinceLastSaved.add(value);
                }
            }
        }

        long id() {
            return id;
        }

        String field() {
            return field;
        }

        List<String> mayBeStored() {
            List<String> may = new ArrayList<>(sinceLastSaved);
            may.add(lastSaved);
            return may;
        }

        String lastSaved() {
            return lastSaved;
        }

        int sent() {
            return sent;
        }

        List<String> failures() {
            return answers;
        }

        boolean savedAfterKill() {
            return firstAfterKill >= 0;
        }

        long firstSaveAfterKillMillis() {
            return firstAfterKill;
        }
    }
}
