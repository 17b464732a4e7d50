package org.pressdav.server;

import java.io.IOException;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import okhttp3.HttpUrl;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.SitesFolder;
import java.util.List;
import java.util.function.BiFunction;
import org.pressdav.config.PressdavConfig;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.protocol.DavEngine;
import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.ops.Health;
import org.pressdav.ops.Metrics;
import org.pressdav.ops.OperationsServlet;
import org.pressdav.ops.Readiness;
import org.pressdav.ops.RequestLine;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.SiteIndex;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** pressdav assembled from its config and running: checked WordPress, cache, Milton, Jetty. */
public final class Pressdav {
    private static final Logger log = LoggerFactory.getLogger(Pressdav.class);

    private final DavServer server;
    private final PressdavConfig config;
    private final AutoCloseable drives;
    private final Metrics metrics;

    private Pressdav(DavServer server, PressdavConfig config, AutoCloseable drives, Metrics metrics) {
        this.server = server;
        this.config = config;
        this.drives = drives;
        this.metrics = metrics;
    }

    /**
     * Checks that WordPress answers and has its REST API, says whether the companion plugin is
     * active, then starts serving. A WordPress that cannot be used is a {@code WordPressException}.
     */
    public static Pressdav start(PressdavConfig config) throws Exception {
        ClientSettings settings = ClientSettings.defaults()
                .withLoginCacheTtl(config.loginCacheTtl())
                .withTimeout(config.wordpressTimeout())
                .withMaxConcurrentRequests(config.maxWordpressRequests())
                .withKeepAlive(config.wordpressKeepAlive())
                .withMaxAnswerBytes(config.maxWordpressAnswerBytes());
        if (config.servesSites()) {
            // Each site's client is made when its drive is opened: a site that does not answer now does not stop the others.
            return serveSites(config, (url, connectUrl) -> OkHttpWordPressClient.forSite(url, connectUrl, settings), Clock.systemUTC());
        }
        OkHttpWordPressClient origin = OkHttpWordPressClient.forSite(config.wordpressUrl(), config.wordpressConnectUrl(), settings);
        SiteIndex index = origin.index(Credentials.ANONYMOUS);
        log.info("WordPress \"{}\" answers at {}{}", index.name(), config.wordpressUrl(),
                config.wordpressConnectUrl() == null ? "" : ", reached at " + config.wordpressConnectUrl());
        log.info("REST API found at {}", origin.restRoot());
        if (config.uploadsDir() != null) {
            origin.readUploadsFrom(config.uploadsDir());
            log.info("media files are read from {} where it holds what WordPress's web server sends", config.uploadsDir());
        }
        return serve(config, origin);
    }

    /**
     * The drive over a WordPress client, started: {@link #start} gives it the real client; the protocol tests an
     * in-memory WordPress.
     */
    public static Pressdav serve(PressdavConfig config, WordPressClient origin) throws Exception {
        return serve(config, origin, Clock.systemUTC());
    }

    /**
     * The same on {@code clock}, the one every store, lock and date of the drive is given (a test moves it to
     * expire them). The monotonic ticker the WordPress cache, the readiness check and the login throttle measure
     * their waits with is chosen here too.
     */
    public static Pressdav serve(PressdavConfig config, WordPressClient origin, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        Ticker ticker = Ticker.systemTicker();
        Metrics metrics = new Metrics(config.instanceName());
        IncomingSpool incoming = incoming(config, metrics);
        SiteDrive drive;
        try {
            drive = SiteDrive.open(config, "pressdav:", origin, clock, ticker, metrics, incoming);
        } catch (Exception e) {
            metrics.close();
            throw e;
        }
        Mount mount = new Mount(DavPath.ROOT, drive.engine(), drive.tree(), drive.authenticator(), "pressdav", session -> true);
        // Readiness asks WordPress at most every five seconds, however many ask pressdav.
        Readiness<Health> readiness = new Readiness<>(() -> Health.of(drive.problem()), Duration.ofSeconds(5), ticker);
        return started(config, Mounts.one(mount), incoming, readiness, metrics, drive::follow, drive);
    }

    /**
     * Several sites under {@code sites/} ({@code --site}, {@code --network}): each site's drive opened over the client
     * {@code origins} gives for its URL and the address it is reached at (null: its URL; {@link #start} the real ones,
     * tests in-memory WordPresses), the root's drive
     * holding {@code sites/} only.
     */
    public static Pressdav serveSites(PressdavConfig config, BiFunction<HttpUrl, HttpUrl, WordPressClient> origins, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        Ticker ticker = Ticker.systemTicker();
        Metrics metrics = new Metrics(config.instanceName());
        IncomingSpool incoming = incoming(config, metrics);
        // One login throttle for every site and the root: a password tried on each is counted once for all.
        DriveState.Throttle logins = DriveState.Throttle.open(config, clock, ticker);
        LoginThrottle throttle = logins.throttle();
        Sites.SiteOpener opener = (name, url, connectUrl, anonymous) -> {
            Metrics siteMetrics = metrics.forSite(name);
            try {
                return SiteDrive.open(config.forSite(name, url, connectUrl, anonymous), "pressdav:site:" + name + ":", origins.apply(url, connectUrl), clock,
                        ticker, siteMetrics, incoming, throttle).closing(siteMetrics);
            } catch (Exception e) {
                siteMetrics.close();
                throw e;
            }
        };
        Network network = null;
        Authenticator networkLogin = null;
        boolean anyAnonymous = config.anonymousRead() || !config.anonymousSites().isEmpty();
        if (config.network() != null) {
            network = new Network(config.network(), () -> origins.apply(config.network(), config.wordpressConnectUrl()), config.changePoll(), ticker);
            networkLogin = new Authenticator(network.login(), anyAnonymous, throttle);
        }
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // The root holds sites/ only and takes no writes: its stores (which the engine needs) keep nothing.
        DriveStores rootStores = DriveState.alone(config, config.dataDir().resolve("root"), clock);
        Sites sites = new Sites(config, opener, network, networkLogin, ticker, made -> {
            DriveTree tree = new DriveTree(started, List.of(SitesFolder.top(made::namesOf)), rootStores.names(), rootStores.hidden(),
                    rootStores.scratch());
            return new Mount(DavPath.ROOT, DavEngine.build(tree, rootStores, incoming), tree, new Authenticator(new SitesLogin(made), anyAnonymous,
                    throttle), "pressdav", session -> true, true);
        });
        Readiness<Health> readiness = new Readiness<>(() -> Health.ofSites(sites.problems()), Duration.ofSeconds(5), ticker);
        return started(config, sites, incoming, readiness, metrics, sites::openListed, () -> {
            sites.close();
            logins.close();
        });
    }

    /** Where request bodies wait for WordPress, emptied of what a previous run left; its bytes are counted in the metrics. */
    private static IncomingSpool incoming(PressdavConfig config, Metrics metrics) throws IOException {
        IncomingSpool incoming = new IncomingSpool(DriveState.ownDir(config, "incoming"), config.maxUploadBytes(), config.incomingMaxBytes()).clean();
        metrics.counter("pressdav.upload.bytes", "Bytes of request bodies received for WordPress.", incoming::received);
        return incoming;
    }

    /** Serves {@code mounts} with Jetty; {@code afterStart} runs once it listens (the change feeds begin). */
    private static Pressdav started(PressdavConfig config, Mounts mounts, IncomingSpool incoming, Readiness<Health> readiness, Metrics metrics,
            Runnable afterStart, AutoCloseable drives) throws Exception {
        DavServlet servlet = new DavServlet(mounts, config.pathPrefix(), incoming);
        OperationsServlet operations = new OperationsServlet(metrics, config.metricsPath(), config.metricsToken(), readiness);
        DavServer server = new DavServer(config.host(), config.plainHttp() ? config.port() : -1, config.trustForwardedHeaders(),
                DriveState.ownDir(config, "tmp"), config.idleTimeout(), servlet,
                new DavServer.Operations(operations, config.metricsPath(), new RequestLine(metrics)), tls(config), config.httpsPort(),
                config.maxUploadBytes());
        metrics.bind(new JettyServerThreadPoolMetrics(server.threads(), List.of()));
        try {
            server.start();
        } catch (Exception e) {
            drives.close();
            metrics.close();
            throw e;
        }
        afterStart.run();
        Pressdav running = new Pressdav(server, config, drives, metrics);
        log.info("pressdav serves the drive at {}{}{}", running.baseUrl(),
                running.secureUrl() != null && server.port() >= 0 ? " and " + running.secureUrl() : "",
                config.anonymousRead() ? " (anonymous reading allowed)" : "");
        return running;
    }

    /** HTTPS's certificate, from PEM files or a PKCS#12 keystore, looked at again every five seconds; null without HTTPS. */
    private static Tls tls(PressdavConfig config) {
        if (config.httpsPort() < 0) {
            return null;
        }
        Duration every = Duration.ofSeconds(5);
        return config.tlsKeystore() != null ? Tls.keystore(config.tlsKeystore(), config.tlsKeystorePassword(), every)
                : Tls.pem(config.tlsCert(), config.tlsKey(), every);
    }

    /** Where a client mounts the drive, for example {@code http://127.0.0.1:8080/} (over HTTPS where plain HTTP is off). */
    public String baseUrl() {
        return server.port() >= 0 ? url("http", server.port()) : secureUrl();
    }

    /** The drive over HTTPS, for example {@code https://127.0.0.1:8443/}; null without HTTPS. */
    public String secureUrl() {
        return server.httpsPort() < 0 ? null : url("https", server.httpsPort());
    }

    private String url(String scheme, int port) {
        String prefix = config.pathPrefix().equals("/") ? "/" : config.pathPrefix() + "/";
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return scheme + "://" + host + ":" + port + prefix;
    }

    public int port() {
        return server.port();
    }

    public void stop() throws Exception {
        server.stop();
        drives.close();
        // The GC's notification listeners and Jetty's gauges would outlive a drive stopped in a JVM that goes on (tests).
        metrics.close();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
