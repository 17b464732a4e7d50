package org.pressdav.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void requestsCallsAndGaugesAreWrittenAsPrometheusText() {
        Metrics metrics = new Metrics().gauge("pressdav_locks_held", "gauge", "Live WebDAV locks.", () -> 3);
        metrics.request("GET", 200);
        metrics.request("GET", 200);
        metrics.request("PUT", 403);
        RequestStats stats = RequestStats.begin();
        try {
            metrics.finished(metrics.context(), 200, 1_500_000_000L);
            metrics.finished(null, -1, 500_000_000L);
        } finally {
            RequestStats.end();
        }
        String text = metrics.prometheus();
        assertTrue(text.contains("pressdav_requests_total{method=\"GET\",status=\"200\"} 2\n"), text);
        assertTrue(text.contains("pressdav_requests_total{method=\"PUT\",status=\"403\"} 1\n"), text);
        assertTrue(text.contains("pressdav_wordpress_requests_total{status=\"200\"} 1\n"), text);
        assertTrue(text.contains("pressdav_wordpress_requests_total{status=\"none\"} 1\n"), text);
        assertTrue(text.contains("pressdav_wordpress_request_seconds_sum 2.0\npressdav_wordpress_request_seconds_count 2\n"), text);
        assertTrue(text.contains("# TYPE pressdav_locks_held gauge\npressdav_locks_held 3\n"), text);
        assertEquals(1, stats.wordpressCalls(), "only the call made for the request counts for it");
    }

    @Test
    void madeUpMethodsAndStatusesAreOneSeriesWhateverTheirNumber() {
        Metrics metrics = new Metrics();
        java.util.Random random = new java.util.Random(16);
        metrics.request("PROPFIND", 207);
        for (int i = 0; i < 2000; i++) {
            StringBuilder method = new StringBuilder();
            for (int n = 0; n < 1 + random.nextInt(60); n++) {
                method.append((char) ('A' + random.nextInt(26)));
            }
            metrics.request(method.toString(), 405);
            metrics.request("GET", 600 + random.nextInt(100_000));
            metrics.finished(null, 1000 + random.nextInt(100_000), 1);
        }
        String text = metrics.prometheus();
        long series = text.lines().filter(line -> line.startsWith("pressdav_requests_total{")).count();
        assertEquals(3, series, text);
        assertTrue(text.contains("pressdav_requests_total{method=\"other\",status=\"405\"} 2000\n"), text);
        assertTrue(text.contains("pressdav_requests_total{method=\"GET\",status=\"other\"} 2000\n"), text);
        assertTrue(text.contains("pressdav_requests_total{method=\"PROPFIND\",status=\"207\"} 1\n"), text);
        assertTrue(text.contains("pressdav_wordpress_requests_total{status=\"other\"} 2000\n"), text);
        assertTrue(text.length() < 4096, "the metrics stay small: " + text.length() + " characters");
    }
}
