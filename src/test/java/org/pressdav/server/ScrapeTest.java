package org.pressdav.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.ops.Scrape;

/** What Prometheus reads of a started pressdav: pressdav's own meters and the binders of the JVM, Jetty, Caffeine and OkHttp, each tagged with the instance. */
class ScrapeTest {
    private static MeteredDrive drive;
    private static Scrape scrape;

    @BeforeAll
    static void startAndScrape() throws Exception {
        drive = new MeteredDrive();
        assertEquals(200, drive.send("OPTIONS", "/"));
        assertEquals(401, drive.send("PROPFIND", "/posts/"));
        assertEquals(200, drive.send("GET", "/health/ready"), "readiness asks WordPress its index");
        scrape = drive.scrape();
    }

    @AfterAll
    static void stop() throws Exception {
        drive.close();
    }

    @Test
    void aRequestIsInTheLatencyHistogramByMethodAndStatus() {
        assertFalse(scrape.series("pressdav_request_seconds_bucket", Map.of("method", "OPTIONS", "status", "200")).isEmpty(), scrape.text());
        assertEquals(1.0, scrape.value("pressdav_request_seconds_bucket", Map.of("method", "PROPFIND", "status", "401", "le", "+Inf")).orElseThrow(),
                scrape.text());
        assertEquals(1.0, scrape.value("pressdav_requests_total", Map.of("method", "PROPFIND", "status", "401")).orElseThrow(), scrape.text());
    }

    @Test
    void everySeriesCarriesTheInstance() {
        assertTrue(scrape.samples().size() > 100, scrape.text());
        for (Scrape.Sample sample : scrape.samples()) {
            assertEquals(MeteredDrive.INSTANCE, sample.labels().get("instance"), sample.toString());
        }
    }

    @Test
    void theJvmIsMeasured() {
        assertFalse(scrape.series("jvm_memory_used_bytes", Map.of("area", "heap")).isEmpty(), scrape.text());
        assertTrue(scrape.value("jvm_threads_live_threads", Map.of()).orElseThrow() > 0, scrape.text());
    }

    @Test
    void jettysThreadPoolIsMeasured() {
        assertEquals(200.0, scrape.value("jetty_threads_config_max", Map.of()).orElseThrow(), scrape.text());
        assertTrue(scrape.value("jetty_threads_current", Map.of()).orElseThrow() >= 8, scrape.text());
        assertTrue(scrape.value("jetty_threads_busy", Map.of()).isPresent(), scrape.text());
    }

    @Test
    void theWordPressCacheIsMeasured() {
        assertTrue(scrape.value("cache_gets_total", Map.of("cache", "wordpress", "result", "miss")).orElseThrow() >= 0, scrape.text());
        assertTrue(scrape.value("cache_size", Map.of("cache", "wordpress")).isPresent(), scrape.text());
        assertTrue(scrape.value("pressdav_cache_misses_total", Map.of()).isPresent(), scrape.text());
    }

    @Test
    void callsToWordPressAndItsConnectionsAreMeasured() {
        assertTrue(scrape.value("pressdav_wordpress_request_seconds_count", Map.of("status", "200")).orElseThrow() >= 1, scrape.text());
        assertFalse(scrape.series("pressdav_wordpress_request_seconds_bucket", Map.of("status", "200")).isEmpty(), scrape.text());
        assertFalse(scrape.series("okhttp_pool_connection_count_connections", Map.of("state", "idle")).isEmpty(), scrape.text());
    }
}
