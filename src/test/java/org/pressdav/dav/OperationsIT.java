package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.pressdav.ops.Scrape;
import org.pressdav.testbed.RequestLog;
import org.pressdav.testbed.RunningDrive;

/**
 * What operators see, on the real test bed: /health and /health/ready without a login, the
 * Prometheus metrics (scraped after real requests, and behind a token when one is set), and one
 * request log line per request with its user and its calls to WordPress.
 */
class OperationsIT extends WritingIT {

    /** An answer to a request without a WordPress login. */
    record Plain(int status, String body) {
    }

    /** GET of a path of the server itself (outside the drive's prefix), with a bearer token or none. */
    static Plain get(RunningDrive on, String path, String token) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + on.port() + path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = new OkHttpClient().newCall(request.build()).execute()) {
            return new Plain(response.code(), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void healthAnswersWithoutALogin() {
        Plain alive = get(drive, "/health", null);
        assertEquals(200, alive.status());
        assertEquals("{\"status\":\"up\"}", alive.body().strip());
        Plain ready = get(drive, "/health/ready", null);
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"ready\""), ready.body());
    }

    @Test
    void metricsCountRequestsWordPressCallsTheCacheAndLocks() {
        drive.send("editor", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"), null);
        drive.send("editor", "PROPFIND", drive.url("posts/"), Map.of("Depth", "1"), null);
        drive.send("subscriber", "PUT", drive.url("site/name.txt"), Map.of(), "not yours");
        Plain metrics = get(drive, "/metrics", null);
        assertEquals(200, metrics.status());
        Scrape scrape = Scrape.of(metrics.body());
        for (String expected : List.of("pressdav_cache_hits_total", "pressdav_cache_misses_total", "pressdav_upload_bytes_total", "pressdav_locks_held",
                "pressdav_scratch_bytes", "pressdav_path_walks_total", "pressdav_store_calls_total")) {
            assertTrue(scrape.value(expected, Map.of()).isPresent(), expected + " in\n" + metrics.body());
        }
        assertTrue(scrape.value("pressdav_requests_total", Map.of("method", "PROPFIND", "status", "207")).orElseThrow() >= 2, metrics.body());
        assertTrue(scrape.value("pressdav_requests_total", Map.of("method", "PUT", "status", "403")).orElseThrow() >= 1, metrics.body());
        assertTrue(scrape.value("pressdav_request_seconds_count", Map.of("method", "PROPFIND", "status", "207")).orElseThrow() >= 2, metrics.body());
        assertTrue(scrape.value("pressdav_wordpress_requests_total", Map.of("status", "200")).orElseThrow() >= 1, metrics.body());
        assertTrue(scrape.value("pressdav_wordpress_request_seconds_count", Map.of("status", "200")).orElseThrow() >= 1, metrics.body());
        // Against the real WordPress, the cache and the connections to it are measured too.
        assertTrue(scrape.value("cache_gets_total", Map.of("cache", "wordpress", "result", "miss")).orElseThrow() >= 1, metrics.body());
        assertTrue(scrape.value("okhttp_pool_connection_count_connections", Map.of("state", "idle")).isPresent(), metrics.body());
    }

    @Test
    void aTokenGuardsTheMetricsWhereOneIsSet() {
        try (RunningDrive guarded = RunningDrive.start("--metrics-token", "s3cret", "--metrics-path", "/internal/metrics")) {
            assertEquals(401, get(guarded, "/internal/metrics", null).status());
            assertEquals(401, get(guarded, "/internal/metrics", "wrong").status());
            Plain scraped = get(guarded, "/internal/metrics", "s3cret");
            assertEquals(200, scraped.status());
            assertTrue(scraped.body().contains("# TYPE pressdav_locks_held gauge"), scraped.body());
            assertEquals(200, get(guarded, "/health", null).status(), "health needs no token");
        }
    }

    @Test
    void everyRequestIsOneLogLineWithItsUserAndItsCallsToWordPress() {
        List<String> propfinds = RequestLog.linesOf(() -> drive.send("editor", "PROPFIND", drive.url("pages/"), Map.of("Depth", "1"), null),
                "PROPFIND /pages/ 207 ");
        long editor = wordpress.me(bed.credentials("editor")).id();
        assertEquals(1, propfinds.size(), propfinds.toString());
        String line = propfinds.get(0);
        assertTrue(line.contains(" user=" + editor + " "), line);
        assertTrue(line.matches(".* \\d+B \\d+ms user=\\d+ wordpress=[1-9]\\d*"), line);
    }
}
