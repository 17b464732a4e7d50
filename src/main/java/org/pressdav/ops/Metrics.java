package org.pressdav.ops;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.pressdav.wordpress.CallObserver;

/**
 * pressdav's counters, written as Prometheus text (version 0.0.4): requests by method and status,
 * WordPress calls and their time, and gauges read when scraped (cache hits and misses, upload
 * bytes, locks held, scratch bytes). It observes WordPress calls for the request log too.
 * Labels take a bounded set of values whatever the requests say: a method pressdav does not
 * answer is {@code other}, and so is a status that is not an HTTP status, so that nobody can
 * grow the metrics (and the memory they hold) by sending made-up methods.
 */
public final class Metrics implements CallObserver {
    private static final Set<String> METHODS = Set.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL",
            "COPY", "MOVE", "LOCK", "UNLOCK");
    private static final String OTHER = "other";

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> wordpressCalls = new ConcurrentHashMap<>();
    private final LongAdder wordpressNanos = new LongAdder();
    private final Map<String, Gauge> gauges = new TreeMap<>();

    private record Gauge(String type, String help, LongSupplier value) {
    }

    /** A value read when scraped: {@code type} counter or gauge. */
    public synchronized Metrics gauge(String name, String type, String help, LongSupplier value) {
        gauges.put(name, new Gauge(type, help, value));
        return this;
    }

    /** One DAV request answered. */
    public void request(String method, int status) {
        String methodLabel = METHODS.contains(method) ? method : OTHER;
        requests.computeIfAbsent(methodLabel + "\u0000" + statusLabel(status), k -> new LongAdder()).increment();
    }

    @Override
    public Object context() {
        return RequestStats.current();
    }

    @Override
    public void finished(Object context, int status, long nanos) {
        wordpressCalls.computeIfAbsent(status < 0 ? "none" : statusLabel(status), k -> new LongAdder()).increment();
        wordpressNanos.add(nanos);
        if (context instanceof RequestStats stats) {
            stats.countWordPressCall();
        }
    }

    private static String statusLabel(int status) {
        return status >= 100 && status <= 599 ? String.valueOf(status) : OTHER;
    }

    public String prometheus() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP pressdav_requests_total DAV requests answered, by method and status.\n# TYPE pressdav_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            out.append("pressdav_requests_total{method=\"").append(parts[0]).append("\",status=\"").append(parts[1]).append("\"} ")
                    .append(count.sum()).append('\n');
        });
        out.append("# HELP pressdav_wordpress_requests_total Requests pressdav sent WordPress, by the status it answered (none: no answer).\n")
                .append("# TYPE pressdav_wordpress_requests_total counter\n");
        long calls = 0;
        for (Map.Entry<String, LongAdder> entry : new TreeMap<>(wordpressCalls).entrySet()) {
            out.append("pressdav_wordpress_requests_total{status=\"").append(entry.getKey()).append("\"} ").append(entry.getValue().sum()).append('\n');
            calls += entry.getValue().sum();
        }
        out.append("# HELP pressdav_wordpress_request_seconds Time WordPress took to answer.\n# TYPE pressdav_wordpress_request_seconds summary\n")
                .append("pressdav_wordpress_request_seconds_sum ").append(wordpressNanos.sum() / 1e9).append('\n')
                .append("pressdav_wordpress_request_seconds_count ").append(calls).append('\n');
        synchronized (this) {
            gauges.forEach((name, gauge) -> out.append("# HELP ").append(name).append(' ').append(gauge.help()).append('\n')
                    .append("# TYPE ").append(name).append(' ').append(gauge.type()).append('\n')
                    .append(name).append(' ').append(gauge.value().getAsLong()).append('\n'));
        }
        return out.toString();
    }
}
