package org.pressdav.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void requestsCallsAndGaugesAreWrittenAsPrometheusText() {
        try (Metrics metrics = new Metrics("a").gauge("pressdav.locks.held", "Live WebDAV locks.", () -> 3)
                .counter("pressdav.path.walks", "Paths resolved.", () -> 7)) {
            metrics.request("GET", 200, 2_000_000L);
            metrics.request("GET", 200, 2_000_000_000L);
            metrics.request("PUT", 403, 1_000_000L);
            RequestStats stats = RequestStats.begin();
            try {
                metrics.finished(metrics.context(), 200, 1_500_000_000L);
                metrics.finished(null, -1, 500_000_000L);
            } finally {
                RequestStats.end();
            }
            String text = metrics.prometheus();
            Scrape scrape = Scrape.of(text);
            assertEquals(Optional.of(2.0), scrape.value("pressdav_requests_total", Map.of("method", "GET", "status", "200")), text);
            assertEquals(Optional.of(1.0), scrape.value("pressdav_requests_total", Map.of("method", "PUT", "status", "403")), text);
            assertEquals(Optional.of(1.0), scrape.value("pressdav_wordpress_requests_total", Map.of("status", "200")), text);
            assertEquals(Optional.of(1.0), scrape.value("pressdav_wordpress_requests_total", Map.of("status", "none")), text);
            assertEquals(Optional.of(1.5), scrape.value("pressdav_wordpress_request_seconds_sum", Map.of("status", "200")), text);
            assertEquals(Optional.of(0.5), scrape.value("pressdav_wordpress_request_seconds_sum", Map.of("status", "none")), text);
            assertEquals(Optional.of(1.0), scrape.value("pressdav_wordpress_request_seconds_count", Map.of("status", "none")), text);
            assertTrue(text.contains("# TYPE pressdav_locks_held gauge\n"), text);
            assertEquals(Optional.of(3.0), scrape.value("pressdav_locks_held", Map.of()), text);
            assertTrue(text.contains("# TYPE pressdav_path_walks_total counter\n"), text);
            assertEquals(Optional.of(7.0), scrape.value("pressdav_path_walks_total", Map.of()), text);
            assertEquals(1, stats.wordpressCalls(), "only the call made for the request counts for it");
        }
    }

    @Test
    void requestLatencyIsAHistogramByMethodAndStatus() {
        try (Metrics metrics = new Metrics("a")) {
            metrics.request("GET", 200, 2_000_000L);
            metrics.request("GET", 200, 2_000_000_000L);
            metrics.request("PROPFIND", 207, 30_000_000L);
            Scrape scrape = Scrape.of(metrics.prometheus());
            Map<String, String> get = Map.of("method", "GET", "status", "200");
            assertEquals(Optional.of(2.0), scrape.value("pressdav_request_seconds_count", get), scrape.text());
            assertEquals(Optional.of(2.002), scrape.value("pressdav_request_seconds_sum", get), scrape.text());
            List<Scrape.Sample> buckets = scrape.series("pressdav_request_seconds_bucket", get);
            assertTrue(buckets.size() > 10, "a histogram of many buckets: " + buckets);
            assertEquals(Optional.of(2.0), scrape.value("pressdav_request_seconds_bucket", Map.of("method", "GET", "status", "200", "le", "+Inf")));
            // Below two seconds and from 2 ms up: the fast GET only.
            double underTwoSeconds = buckets.stream().filter(b -> !b.labels().get("le").equals("+Inf"))
                    .filter(b -> Double.parseDouble(b.labels().get("le")) >= 0.002 && Double.parseDouble(b.labels().get("le")) < 2.0)
                    .mapToDouble(Scrape.Sample::value).max().orElseThrow();
            assertEquals(1.0, underTwoSeconds, scrape.text());
            assertEquals(Optional.of(1.0), scrape.value("pressdav_request_seconds_count", Map.of("method", "PROPFIND", "status", "207")));
        }
    }

    @Test
    void everyMeterCarriesTheInstanceAndTheJvmIsMeasured() {
        try (Metrics metrics = new Metrics("pressdav-2")) {
            metrics.request("GET", 200, 1);
            Scrape scrape = Scrape.of(metrics.prometheus());
            for (Scrape.Sample sample : scrape.samples()) {
                assertEquals("pressdav-2", sample.labels().get("instance"), sample.toString());
            }
            for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_overhead", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count")) {
                assertTrue(scrape.names().contains(jvm), jvm + " in\n" + scrape.text());
            }
            assertTrue(!scrape.series("jvm_memory_used_bytes", Map.of("area", "heap")).isEmpty(), scrape.text());
        }
    }

    /** What the composition root registers later (Redis round trips, write-turn waits) is scraped with the rest, tagged alike. */
    @Test
    void metersRegisteredLaterAreScrapedWithTheInstance() {
        try (Metrics metrics = new Metrics("b")) {
            metrics.timer("pressdav.write.turn.wait", "Time a write waited for its turn.").record(40, TimeUnit.MILLISECONDS);
            metrics.counter("pressdav.redis.calls", "Round trips to Redis.", () -> 12);
            io.micrometer.core.instrument.Counter.builder("pressdav.elsewhere").register(metrics.registry()).increment();
            Scrape scrape = Scrape.of(metrics.prometheus());
            assertEquals(Optional.of(1.0), scrape.value("pressdav_write_turn_wait_seconds_count", Map.of("instance", "b")), scrape.text());
            assertTrue(!scrape.series("pressdav_write_turn_wait_seconds_bucket", Map.of("instance", "b")).isEmpty(), scrape.text());
            assertEquals(Optional.of(12.0), scrape.value("pressdav_redis_calls_total", Map.of("instance", "b")), scrape.text());
            assertEquals(Optional.of(1.0), scrape.value("pressdav_elsewhere_total", Map.of("instance", "b")), scrape.text());
        }
    }

    /** Several sites' drives register meters of one name: each under its site tag, all in the instance's one scrape. */
    @Test
    void eachSitesMetersCarryItsNameAndAreScrapedWithTheInstances() {
        try (Metrics metrics = new Metrics("i").counter("pressdav.cache.hits", "Reads answered from the cache.", () -> 1)) {
            metrics.request("GET", 200, 1_000_000L);
            Metrics blog = metrics.forSite("blog").counter("pressdav.cache.hits", "Reads answered from the cache.", () -> 5);
            Metrics shop = metrics.forSite("shop").counter("pressdav.cache.hits", "Reads answered from the cache.", () -> 7);
            blog.request("GET", 200, 2_000_000L);
            blog.request("GET", 200, 2_000_000L);
            shop.finished(shop.context(), 404, 1_500_000_000L);
            shop.gauge("pressdav.locks.held", "Live WebDAV locks.", () -> 3);
            shop.timer("pressdav.write.turn.wait", "Time a write waited for its turn.").record(40, TimeUnit.MILLISECONDS);
            blog.bind(registry -> io.micrometer.core.instrument.Counter.builder("pressdav.bound").register(registry).increment(2));
            io.micrometer.core.instrument.Counter.builder("pressdav.elsewhere").register(shop.registry()).increment();

            Scrape scrape = Scrape.of(metrics.prometheus());
            assertEquals(Optional.of(7.0), Scrape.of(blog.prometheus()).value("pressdav_cache_hits_total", Map.of("site", "shop")),
                    "a site's scrape is the instance's, all sites in one");
            assertEquals(Optional.of(5.0), scrape.value("pressdav_cache_hits_total", Map.of("instance", "i", "site", "blog")), scrape.text());
            assertEquals(Optional.of(7.0), scrape.value("pressdav_cache_hits_total", Map.of("instance", "i", "site", "shop")), scrape.text());
            assertEquals(Optional.of(2.0), scrape.value("pressdav_requests_total", Map.of("site", "blog", "method", "GET", "status", "200")));
            assertEquals(Optional.of(1.0), scrape.value("pressdav_wordpress_requests_total", Map.of("site", "shop", "status", "404")));
            assertEquals(Optional.of(1.5), scrape.value("pressdav_wordpress_request_seconds_sum", Map.of("site", "shop", "status", "404")));
            assertEquals(Optional.of(3.0), scrape.value("pressdav_locks_held", Map.of("site", "shop")), scrape.text());
            assertEquals(Optional.of(1.0), scrape.value("pressdav_write_turn_wait_seconds_count", Map.of("site", "shop")), scrape.text());
            assertTrue(scrape.series("pressdav_write_turn_wait_seconds_bucket", Map.of("site", "shop")).size() > 10, "the site's timers keep the buckets");
            assertEquals(Optional.of(2.0), scrape.value("pressdav_bound_total", Map.of("site", "blog")), scrape.text());
            assertEquals(Optional.of(1.0), scrape.value("pressdav_elsewhere_total", Map.of("site", "shop")), scrape.text());
            assertEquals(Optional.of(1.0), instanceOwn(scrape, "pressdav_cache_hits_total", Map.of()), "the instance's own meters: no site tag");
            assertEquals(Optional.of(1.0), instanceOwn(scrape, "pressdav_requests_total", Map.of("method", "GET", "status", "200")));
            assertTrue(scrape.series("jvm_threads_live_threads", Map.of()).stream().noneMatch(s -> s.labels().containsKey("site")),
                    "the JVM is measured once, for the instance");

            shop.close();
            Scrape afterShop = Scrape.of(metrics.prometheus());
            assertEquals(List.of(), afterShop.samples().stream().filter(s -> "shop".equals(s.labels().get("site"))).toList(), "a closed site's meters go");
            assertEquals(Optional.of(5.0), afterShop.value("pressdav_cache_hits_total", Map.of("site", "blog")), afterShop.text());
            metrics.request("GET", 200, 1_000_000L);
            metrics.request("PUT", 201, 1_000_000L);
            Scrape afterMore = Scrape.of(metrics.prometheus());
            assertEquals(Optional.of(1.0), instanceOwn(afterMore, "pressdav_cache_hits_total", Map.of()), afterMore.text());
            assertEquals(Optional.of(2.0), instanceOwn(afterMore, "pressdav_requests_total", Map.of("method", "GET", "status", "200")));
            assertEquals(Optional.of(1.0), instanceOwn(afterMore, "pressdav_requests_total", Map.of("method", "PUT", "status", "201")),
                    "closing a site leaves the instance's registry open to new meters: " + afterMore.text());
        }
    }

    /** The value of the one series of the instance's own (tagged {@code instance}, without {@code site}) with these labels. */
    private static Optional<Double> instanceOwn(Scrape scrape, String name, Map<String, String> labels) {
        List<Scrape.Sample> own = scrape.series(name, labels).stream()
                .filter(sample -> "i".equals(sample.labels().get("instance")) && !sample.labels().containsKey("site")).toList();
        assertTrue(own.size() <= 1, own.toString());
        return own.stream().map(Scrape.Sample::value).findFirst();
    }

    @Test
    void madeUpMethodsAndStatusesAreOneSeriesWhateverTheirNumber() {
        try (Metrics metrics = new Metrics("a")) {
            java.util.Random random = new java.util.Random(16);
            metrics.request("PROPFIND", 207, 1);
            madeUp(metrics, random, 1);
            long linesAfterOne = pressdavLines(metrics);
            madeUp(metrics, random, 1999);
            Scrape scrape = Scrape.of(metrics.prometheus());
            assertEquals(3, scrape.series("pressdav_requests_total", Map.of()).size(), scrape.text());
            assertEquals(Optional.of(2000.0), scrape.value("pressdav_requests_total", Map.of("method", "other", "status", "405")));
            assertEquals(Optional.of(2000.0), scrape.value("pressdav_requests_total", Map.of("method", "GET", "status", "other")));
            assertEquals(Optional.of(1.0), scrape.value("pressdav_requests_total", Map.of("method", "PROPFIND", "status", "207")));
            assertEquals(Optional.of(2000.0), scrape.value("pressdav_wordpress_requests_total", Map.of("status", "other")));
            assertEquals(linesAfterOne, pressdavLines(metrics), "the metrics stay as large as after the first made-up request");
        }
    }

    private static void madeUp(Metrics metrics, java.util.Random random, int times) {
        for (int i = 0; i < times; i++) {
            StringBuilder method = new StringBuilder();
            for (int n = 0; n < 1 + random.nextInt(60); n++) {
                method.append((char) ('A' + random.nextInt(26)));
            }
            metrics.request(method.toString(), 405, 1);
            metrics.request("GET", 600 + random.nextInt(100_000), 1);
            metrics.finished(null, 1000 + random.nextInt(100_000), 1);
        }
    }

    private static long pressdavLines(Metrics metrics) {
        return metrics.prometheus().lines().filter(line -> line.startsWith("pressdav_")).count();
    }
}
