package org.pressdav.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.pressdav.wordpress.CallObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pressdav's meters, on Micrometer and written as Prometheus text: requests by method and status
 * (a count and a latency histogram), WordPress calls by status and their time, the JVM's memory,
 * GC, threads, classes, processor and uptime, and what the composition root binds besides (the
 * Jetty pool, the WordPress cache, values of the stores read when scraped). Every meter carries
 * the tag {@code instance}, this instance's name, so that several behind a balancer stay apart.
 * It observes WordPress calls for the request log too.
 * With several sites each site's drive registers the same meters through {@link #forSite}, which
 * adds the tag {@code site} and writes into the one registry, so that one scrape shows all sites.
 * Tags take a bounded set of values whatever the requests say: a method pressdav does not
 * answer is {@code other}, and so is a status that is not an HTTP status, so that nobody can
 * grow the metrics (and the memory they hold) by sending made-up methods.
 */
public final class Metrics implements CallObserver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);
    private static final Set<String> METHODS = Set.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "MKCOL",
            "COPY", "MOVE", "LOCK", "UNLOCK");
    private static final String OTHER = "other";
    /**
     * The latency histograms' buckets: twelve, from as good as instant to WordPress's timeout (a minute), so
     * a scrape stays small however many methods and statuses there are (a percentile histogram has some 70).
     */
    private static final Duration[] BUCKETS = java.util.stream.Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 10_000, 60_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    /** What is scraped: the instance's, shared by its sites' metrics. */
    private final PrometheusMeterRegistry prometheus;
    /** Where these metrics register: {@link #prometheus} itself, or a site's registry that tags and forwards to it. */
    private final MeterRegistry registry;
    /** Binders with listeners or threads to stop (the GC's notifications, say), closed with the metrics. */
    private final List<AutoCloseable> bound = new CopyOnWriteArrayList<>();
    /** Micrometer keeps function counters' objects weakly: these keep the suppliers alive as long as the metrics. */
    private final List<LongSupplier> read = new CopyOnWriteArrayList<>();

    /** The metrics of the instance named {@code instance}, with the JVM's meters. */
    public Metrics(String instance) {
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry = prometheus;
        prometheus.config().commonTags("instance", instance);
        bind(new JvmMemoryMetrics());
        bind(new JvmGcMetrics());
        // jvm_gc_overhead: the share of CPU time spent collecting, there from the start (GC pauses are meters only once one happened).
        bind(new JvmHeapPressureMetrics());
        bind(new JvmThreadMetrics());
        bind(new ClassLoaderMetrics());
        bind(new ProcessorMetrics());
        bind(new UptimeMetrics());
    }

    private Metrics(PrometheusMeterRegistry prometheus, MeterRegistry registry) {
        this.prometheus = prometheus;
        this.registry = registry;
    }

    /**
     * The metrics of the site named {@code site} (its folder's name under {@code sites/}): every meter registered
     * through them carries the tag {@code site} besides {@code instance}, and is scraped with the instance's. Closing
     * them removes the site's meters and leaves the instance's. One a site: two of one name would share meters.
     */
    public Metrics forSite(String site) {
        CompositeMeterRegistry tagged = new CompositeMeterRegistry();
        tagged.config().commonTags("site", site);
        tagged.add(prometheus);
        return new Metrics(prometheus, tagged);
    }

    /**
     * Where the composition root registers meters of its own (Redis round trips, write-turn waits):
     * they carry the {@code instance} tag and are scraped with the rest.
     */
    public MeterRegistry registry() {
        return registry;
    }

    /** A library's meters (Jetty's pool, a Caffeine cache, ...), closed with the metrics where they hold something. */
    public Metrics bind(MeterBinder binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            bound.add(closeable);
        }
        return this;
    }

    /** A value read when scraped, which goes up and down: {@code pressdav.locks.held} is {@code pressdav_locks_held}. */
    public Metrics gauge(String name, String help, LongSupplier value) {
        Gauge.builder(name, value::getAsLong).description(help).strongReference(true).register(registry);
        return this;
    }

    /** A count read when scraped, which only grows: {@code pressdav.cache.hits} is {@code pressdav_cache_hits_total}. */
    public Metrics counter(String name, String help, LongSupplier value) {
        read.add(value);
        FunctionCounter.builder(name, value, LongSupplier::getAsLong).description(help).register(registry);
        return this;
    }

    /**
     * A latency histogram, {@code tags} given as name, value pairs: {@code pressdav.write.turn.wait} is
     * {@code pressdav_write_turn_wait_seconds_bucket}, {@code _count}, {@code _sum} and {@code _max}.
     */
    public Timer timer(String name, String help, String... tags) {
        return Timer.builder(name).description(help).tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** One DAV request answered with {@code status} after {@code nanos}. */
    public void request(String method, int status, long nanos) {
        String methodLabel = METHODS.contains(method) ? method : OTHER;
        String statusLabel = statusLabel(status);
        Counter.builder("pressdav.requests").description("DAV requests answered, by method and status.")
                .tags("method", methodLabel, "status", statusLabel).register(registry).increment();
        timer("pressdav.request", "Time from a DAV request's headers to its last byte, by method and status.", "method", methodLabel,
                "status", statusLabel).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Object context() {
        return RequestStats.current();
    }

    @Override
    public void finished(Object context, int status, long nanos) {
        String statusLabel = status < 0 ? "none" : statusLabel(status);
        Counter.builder("pressdav.wordpress.requests").description("Requests pressdav sent WordPress, by the status it answered (none: no answer).")
                .tag("status", statusLabel).register(registry).increment();
        timer("pressdav.wordpress.request", "Time WordPress took to answer, by its status.", "status", statusLabel)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (context instanceof RequestStats stats) {
            stats.countWordPressCall();
        }
    }

    private static String statusLabel(int status) {
        return status >= 100 && status <= 599 ? String.valueOf(status) : OTHER;
    }

    /** Everything, as Prometheus text (version 0.0.4). */
    public String prometheus() {
        return prometheus.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable binder : bound) {
            try {
                binder.close();
            } catch (Exception e) {
                log.warn("a metrics binder did not close: {}", e.toString());
            }
        }
        if (registry instanceof CompositeMeterRegistry site) {
            // Removing a site's meters removes them from the instance's registry; closing the site's would close that too.
            for (Meter meter : site.getMeters()) {
                site.remove(meter);
            }
            site.remove(prometheus);
        }
        registry.close();
    }
}
