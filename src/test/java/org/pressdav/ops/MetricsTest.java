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
}
