package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.config.PressdavConfig;
import org.pressdav.dav.DavEngine;
import org.pressdav.dav.FirstSeen;
import org.pressdav.dav.IncomingSpool;
import org.pressdav.dav.ScratchStore;
import org.pressdav.dav.StripedSerialWrites;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.SiteIndex;
import org.pressdav.wordpress.WordPressClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** pressdav assembled from its config and running: checked WordPress, cache, Milton, Jetty. */
public final class Pressdav {
    private static final Logger log = LoggerFactory.getLogger(Pressdav.class);

    private final DavServer server;
    private final PressdavConfig config;

    private Pressdav(DavServer server, PressdavConfig config) {
        this.server = server;
        this.config = config;
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
        OkHttpWordPressClient origin = OkHttpWordPressClient.forSite(config.wordpressUrl(), settings);
        SiteIndex index = origin.index(Credentials.ANONYMOUS);
        log.info("WordPress \"{}\" answers at {}", index.name(), config.wordpressUrl());
        log.info("REST API found at {}", origin.restRoot());
        if (index.hasCompanionPlugin()) {
            log.info("companion plugin active ({}): full mode", SiteIndex.COMPANION_NAMESPACE);
        } else {
            log.info("companion plugin not found: core REST API only (see the README for what the plugin adds)");
        }
        return serve(config, origin);
    }

    /**
     * The drive over a WordPress client, started: the composition root, where the cache, the
     * stores and the kinds of the drive are chosen. {@link #start} gives it the real client; the
     * protocol tests an in-memory WordPress.
     */
    public static Pressdav serve(PressdavConfig config, WordPressClient origin) throws Exception {
        Files.createDirectories(config.dataDir());
        WordPressClient wordpress = new CachingWordPressClient(origin, config.cacheTtl(), Ticker.systemTicker());
        FirstSeen firstSeen = new FirstSeen(Clock.systemUTC());
        Authenticator authenticator = new Authenticator(wordpress, config.anonymousRead(), firstSeen);
        ScratchStore scratch = new ScratchStore(config.dataDir().resolve("scratch"), config.scratchMaxBytes(), config.scratchTtl(),
                Clock.systemUTC());
        DavServlet servlet = new DavServlet(DavEngine.build(Instant.now().truncatedTo(ChronoUnit.SECONDS), scratch,
                new IncomingSpool(config.dataDir().resolve("incoming"), config.maxUploadBytes(), config.incomingMaxBytes()).clean(),
                new StripedSerialWrites(1024, config.wordpressTimeout().multipliedBy(2))), authenticator,
                config.pathPrefix());
        DavServer server = new DavServer(config.host(), config.port(), config.trustForwardedHeaders(), config.dataDir(),
                config.idleTimeout(), servlet);
        server.start();
        Pressdav running = new Pressdav(server, config);
        log.info("pressdav serves the drive at {}{}", running.baseUrl(), config.anonymousRead() ? " (anonymous reading allowed)" : "");
        return running;
    }

    /** Where a client mounts the drive, for example {@code http://127.0.0.1:8080/}. */
    public String baseUrl() {
        String prefix = config.pathPrefix().equals("/") ? "/" : config.pathPrefix() + "/";
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + server.port() + prefix;
    }

    public int port() {
        return server.port();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
