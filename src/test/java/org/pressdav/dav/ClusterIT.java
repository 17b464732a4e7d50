package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
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
