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
}
