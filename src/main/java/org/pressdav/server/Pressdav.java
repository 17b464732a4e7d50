package org.pressdav.server;

import org.pressdav.dav.request.IncomingSpool;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.cache.ChangeFeed;
import org.pressdav.config.PressdavConfig;
import org.pressdav.dav.entity.CommentKind;
import org.pressdav.dav.entity.MediaFolder;
import org.pressdav.dav.entity.MediaLibrary;
import org.pressdav.dav.entity.PostKind;
import org.pressdav.dav.entity.SiteFolder;
import org.pressdav.dav.entity.TermKind;
import org.pressdav.dav.entity.UserKind;
import org.pressdav.dav.lock.DiskLockSystem;
import org.pressdav.dav.lock.StripedSerialWrites;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.dav.protocol.DavEngine;
import org.pressdav.dav.store.DiskScratchFiles;
import org.pressdav.dav.store.CountedStores;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.store.InMemoryDeadProperties;
import org.pressdav.dav.store.InMemoryFirstSeen;
import org.pressdav.dav.store.InMemoryFolderNames;
import org.pressdav.dav.store.InMemoryHiddenFiles;
import org.pressdav.ops.Metrics;
import org.pressdav.ops.OperationsServlet;
import org.pressdav.ops.Readiness;
import org.pressdav.ops.RequestLine;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisDeadProperties;
import org.pressdav.redis.RedisFirstSeen;
import org.pressdav.redis.RedisFolderNames;
import org.pressdav.redis.RedisHiddenFiles;
import org.pressdav.redis.RedisLockSystem;
import org.pressdav.redis.RedisLoginCounts;
import org.pressdav.redis.RedisScratchQuota;
import org.pressdav.redis.RedisScratchRecords;
import org.pressdav.redis.RedisSerialWrites;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.WordPressException;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
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
    private final ChangeFeed feed;
    private final Metrics metrics;
    private final Shared shared;

    private Pressdav(DavServer server, PressdavConfig config, ChangeFeed feed, Metrics metrics, Shared shared) {
        this.server = server;
        this.config = config;
        this.feed = feed;
        this.metrics = metrics;
        this.shared = shared;
    }

    /**
     * What several instances of one site share, with {@code --redis-url}: the connection to Redis and
     * the write turns (which tell this instance's cache what the others wrote); null for an instance alone.
     */
    private record Shared(RedisBackend redis, RedisSerialWrites turns) {
        /** How long a write turn outlives an instance that died holding it; renewed every third of it while it lives. */
        static final Duration LEASE = Duration.ofSeconds(10);

        static Shared connect(PressdavConfig config, CachingWordPressClient wordpress, Metrics metrics) {
            if (config.redisUrl() == null) {
                return null;
            }
            RedisBackend redis = RedisBackend.connect(config.redisUrl(), "pressdav:", config.instanceName(), LEASE);
            metrics.counter("pressdav.redis.calls", "Calls to Redis: each one round trip (or one batch of commands).", redis::calls);
            Timer waits = metrics.timer("pressdav.write.turn.wait", "How long writes waited for their turn, on this instance and in Redis.");
            return new Shared(redis, new RedisSerialWrites(redis, patience(config), wordpress::forgetWritten,
                    nanos -> waits.record(nanos, TimeUnit.NANOSECONDS)));
        }

        void close() {
            turns.close();
            redis.close();
        }
    }

    /** How long a write waits for its turn before it is refused (503): two of WordPress's longest answers. */
    private static Duration patience(PressdavConfig config) {
        return config.wordpressTimeout().multipliedBy(2);
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

    /** The companion plugin, if it is active; which of its features pressdav uses is logged. */
    private static Companion companion(WordPressClient origin) {
        try {
            Companion companion = origin.companion(Credentials.ANONYMOUS);
            List<String> uses = new java.util.ArrayList<>();
            if (companion.offers("changes")) {
                uses.add("its change feed keeps the cache coherent");
            }
            List<String> indexed = Endpoint.ALL.stream().filter(companion::indexes).map(e -> e.route().substring("wp/v2/".length())).toList();
            if (!indexed.isEmpty()) {
                uses.add("its index lists " + String.join(", ", indexed));
            }
            if (companion.keepsMediaFolders() && companion.indexes(Endpoint.MEDIA)) {
                uses.add("its media folders make media/ a drive (folders, any file, renames and moves that keep URLs)");
            }
            if (companion.replacesMedia()) {
                uses.add("it replaces a media file's bytes in place");
            }
            if (companion.takesChunks()) {
                uses.add("files over " + companion.maxChunk() + " bytes go in chunks of that size");
            }
            // The version is told to logged-in users only; pressdav asks before any has logged in.
            log.info("companion plugin active: {}", uses.isEmpty() ? "no feature pressdav knows" : String.join("; ", uses));
            return companion;
        } catch (WordPressException e) {
            if (e.status() != 404) {
                throw e;
            }
            log.info("companion plugin not found: core REST API only, cached reads live --cache-ttl (see the README for what the plugin adds)");
            return null;
        }
    }

    /**
     * The drive over a WordPress client, started: the composition root, where the cache, the
     * stores and the kinds of the drive are chosen. {@link #start} gives it the real client; the
     * protocol tests an in-memory WordPress.
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
        Companion companion = companion(origin);
        boolean following = companion != null && companion.offers("changes");
        // --cache-ttl 0s turns the cache off, feed or not; otherwise the feed lets cached reads live longer.
        boolean cacheOff = config.cacheTtl().isZero();
        CachingWordPressClient wordpress = new CachingWordPressClient(origin,
                following && !cacheOff ? config.feedCacheTtl() : config.cacheTtl(), ticker);
        Metrics metrics = new Metrics(config.instanceName());
        Shared shared = Shared.connect(config, wordpress, metrics);
        DriveStores kept = stores(config, clock, shared);
        CountedStores counted = new CountedStores(kept);
        DriveStores stores = counted.stores();
        Authenticator authenticator = new Authenticator(wordpress, config.anonymousRead(), loginThrottle(shared, ticker, clock));
        IncomingSpool incoming = new IncomingSpool(ownDir(config, "incoming"), config.maxUploadBytes(), config.incomingMaxBytes());
        // Each collection is listed from the plugin's index where it offers one, else from core REST.
        Predicate<Endpoint<?>> indexed = endpoint -> companion != null && companion.indexes(endpoint);
        DriveTree tree = new DriveTree(clock.instant().truncatedTo(ChronoUnit.SECONDS),
                topFolders(clock, stores.firstSeen(), indexed, mediaLibrary(companion, indexed)), stores.names(), stores.hidden(), stores.scratch());
        DavServlet servlet = new DavServlet(DavEngine.build(tree, stores, incoming.clean()), authenticator, config.pathPrefix());
        observe(metrics, origin, wordpress, kept, incoming) // what the metrics read of the stores is not a request's cost
                .counter("pressdav.path.walks", "Paths of the drive resolved from the root (one a request, two for MOVE and COPY).", tree::walks)
                .counter("pressdav.store.calls", "Calls to the drive's stores (locks, properties, names, hidden and scratch files).", counted::calls);
        // Readiness asks WordPress at most every five seconds, however many ask pressdav.
        Readiness readiness = new Readiness(() -> problem(origin, shared), Duration.ofSeconds(5), ticker);
        OperationsServlet operations = new OperationsServlet(metrics, config.metricsPath(), config.metricsToken(), readiness);
        DavServer server = new DavServer(config.host(), config.plainHttp() ? config.port() : -1, config.trustForwardedHeaders(), ownDir(config, "tmp"),
                config.idleTimeout(), servlet, new DavServer.Operations(operations, config.metricsPath(), new RequestLine(metrics)),
                tls(config), config.httpsPort(), config.maxUploadBytes());
        metrics.bind(new JettyServerThreadPoolMetrics(server.threads(), List.of()));
        try {
            server.start();
        } catch (Exception e) {
            metrics.close();
            throw e;
        }
        ChangeFeed feed = following ? new ChangeFeed(origin, wordpress, companion.head(), config.changePoll()) : null;
        Pressdav running = new Pressdav(server, config, feed, metrics, shared);
        log.info("pressdav serves the drive at {}{}{}", running.baseUrl(),
                running.secureUrl() != null && server.port() >= 0 ? " and " + running.secureUrl() : "",
                config.anonymousRead() ? " (anonymous reading allowed)" : "");
        return running;
    }

    /**
     * The metrics, every meter tagged with this instance's name: every WordPress call observed and its connections
     * measured (where the client is the real one), the cache's meters, and what the stores hold read when scraped.
     */
    private static Metrics observe(Metrics metrics, WordPressClient origin, CachingWordPressClient cache, DriveStores stores,
            IncomingSpool incoming) {
        metrics.counter("pressdav.cache.hits", "Reads answered from the cache.", cache::hits)
                .counter("pressdav.cache.misses", "Reads that had to ask WordPress.", cache::misses)
                .counter("pressdav.upload.bytes", "Bytes of request bodies received for WordPress.", incoming::received)
                .gauge("pressdav.locks.held", "Live WebDAV locks.", () -> stores.locks().held(stores.clock().instant()))
                .gauge("pressdav.scratch.bytes", "Bytes of users' temporary files kept.", () -> stores.scratch().bytes())
                .bind(cache.meters());
        if (origin instanceof OkHttpWordPressClient client) {
            client.observe(metrics);
            metrics.bind(client.connectionMeters());
        }
        return metrics;
    }

    /**
     * A folder of the data directory that only this instance uses (request bodies waiting for WordPress,
     * Jetty's temporary files): instances sharing one data directory each get their own inside it, so one
     * that starts or stops removes its own leftovers, never another's files in flight.
     */
    private static java.nio.file.Path ownDir(PressdavConfig config, String name) {
        java.nio.file.Path dir = config.dataDir().resolve(name);
        return config.redisUrl() == null ? dir : dir.resolve(config.instanceName());
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

    /** Why WordPress (or the Redis the instances share) does not answer now (readiness), or null when both do. */
    private static String problem(WordPressClient origin, Shared shared) {
        String redis = shared == null ? null : shared.redis().problem();
        if (redis != null) {
            return redis;
        }
        try {
            origin.index(Credentials.ANONYMOUS);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Failed logins counted by this instance alone, or by all of them together in Redis (on the wall clock they share). */
    private static LoginThrottle loginThrottle(Shared shared, Ticker ticker, Clock clock) {
        LoginThrottle.Limits limits = LoginThrottle.Limits.STANDARD;
        if (shared == null) {
            return new LoginThrottle(limits, ticker);
        }
        Ticker wall = LoginThrottle.wallClock(clock);
        return new LoginThrottle(limits, wall, new RedisLoginCounts(shared.redis(), limits.memory(), limits.knownFor(), wall));
    }

    /** Properties without a WordPress field (Windows' Win32 times) last a day after last use. */
    private static final Duration PROPERTIES_KEPT = Duration.ofHours(24);
    /** A name given to a new folder is kept ten minutes after its last use; a deleted field file hides as long. */
    private static final Duration NAMES_KEPT = Duration.ofMinutes(10);

    /**
     * What the drive keeps besides WordPress: for an instance alone in memory, and locks and temporary
     * files in the data directory; shared by several in Redis (temporary files on their shared data directory).
     */
    private static DriveStores stores(PressdavConfig config, Clock clock, Shared shared) throws java.io.IOException {
        java.nio.file.Path scratchDir = config.dataDir().resolve("scratch");
        // Who may not upload gets 1 MiB: room for a client's ._ and .DS_Store files, not for a store of their own.
        long smallShare = Math.min(1L << 20, config.scratchMaxBytes());
        if (shared != null) {
            RedisBackend redis = shared.redis();
            // Users' own files on the shared data directory, their index and accounting in Redis.
            DiskScratchFiles scratch = DiskScratchFiles.shared(scratchDir, config.scratchMaxBytes(), smallShare, config.scratchTotalMaxBytes(),
                    config.scratchTtl(), clock, redis.instance(), new RedisScratchRecords(redis), new RedisScratchQuota(redis));
            return new DriveStores(new RedisLockSystem(redis), new RedisDeadProperties(redis, PROPERTIES_KEPT, clock),
                    new RedisFolderNames(redis, NAMES_KEPT, clock), new RedisHiddenFiles(redis, NAMES_KEPT, clock), scratch,
                    new RedisFirstSeen(redis, clock), shared.turns(), clock);
        }
        DiskScratchFiles scratch = new DiskScratchFiles(scratchDir, config.scratchMaxBytes(), smallShare, config.scratchTotalMaxBytes(),
                config.scratchTtl(), clock);
        return new DriveStores(
                // Locks outlive a restart: a client that locked a file for ten minutes keeps it for ten minutes.
                DiskLockSystem.open(config.dataDir().resolve("locks"), clock),
                new InMemoryDeadProperties(PROPERTIES_KEPT, clock),
                new InMemoryFolderNames(NAMES_KEPT, clock),
                new InMemoryHiddenFiles(NAMES_KEPT, clock),
                scratch,
                new InMemoryFirstSeen(clock),
                new StripedSerialWrites(1024, patience(config)),
                clock);
    }

    /** The media library: a drive of folders where the plugin keeps them (and lists the media), its upload paths otherwise. */
    private static MediaLibrary mediaLibrary(Companion companion, Predicate<Endpoint<?>> indexed) {
        if (companion == null) {
            return MediaLibrary.coreRest();
        }
        return new MediaLibrary(indexed.test(Endpoint.MEDIA), companion.keepsMediaFolders(), companion.replacesMedia(),
                companion.takesChunks() ? companion.maxChunk() : 0);
    }

    /** The drive's top folders, in the order they are listed: each kind of WordPress object is one line. */
    private static List<TopFolder> topFolders(Clock clock, FirstSeen firstSeen, Predicate<Endpoint<?>> indexed, MediaLibrary library) {
        return List.of(
                new TopFolder(SiteFolder.NAME, (session, started, names) -> new SiteFolder(session, started)),
                TopFolder.of(PostKind.posts(indexed.test(Endpoint.POSTS))),
                TopFolder.of(PostKind.pages(indexed.test(Endpoint.PAGES))),
                new TopFolder(MediaFolder.NAME, (session, started, names) -> new MediaFolder(session, started, clock, library, firstSeen)),
                TopFolder.of(new UserKind(indexed.test(Endpoint.USERS), firstSeen)),
                TopFolder.of(TermKind.categories(indexed.test(Endpoint.CATEGORIES), firstSeen)),
                TopFolder.of(TermKind.tags(indexed.test(Endpoint.TAGS), firstSeen)),
                TopFolder.of(new CommentKind(indexed.test(Endpoint.COMMENTS))));
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
        if (feed != null) {
            feed.close();
        }
        server.stop();
        // The GC's notification listeners and Jetty's gauges would outlive a drive stopped in a JVM that goes on (tests).
        metrics.close();
        if (shared != null) {
            shared.close();
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
