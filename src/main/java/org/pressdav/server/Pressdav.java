package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.cache.ChangeFeed;
import org.pressdav.config.PressdavConfig;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.entity.CommentKind;
import org.pressdav.dav.entity.GlobalStylesFolder;
import org.pressdav.dav.entity.MediaFolder;
import org.pressdav.dav.entity.MediaLibrary;
import org.pressdav.dav.entity.PostKind;
import org.pressdav.dav.entity.SiteFolder;
import org.pressdav.dav.entity.TemplateKind;
import org.pressdav.dav.entity.TermKind;
import org.pressdav.dav.entity.TrashFolder;
import org.pressdav.dav.entity.UserKind;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.KindFolder;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.dav.protocol.DavEngine;
import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.store.CountedStores;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.ops.Metrics;
import org.pressdav.ops.OperationsServlet;
import org.pressdav.ops.Readiness;
import org.pressdav.ops.RequestLine;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteIndex;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** pressdav assembled from its config and running: checked WordPress, cache, Milton, Jetty. */
public final class Pressdav {
    private static final Logger log = LoggerFactory.getLogger(Pressdav.class);

    private final DavServer server;
    private final PressdavConfig config;
    private final ChangeFeed feed;
    private final KindRegistry kinds;
    private final Metrics metrics;
    private final DriveState state;

    private Pressdav(DavServer server, PressdavConfig config, ChangeFeed feed, KindRegistry kinds, Metrics metrics, DriveState state) {
        this.server = server;
        this.config = config;
        this.feed = feed;
        this.kinds = kinds;
        this.metrics = metrics;
        this.state = state;
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
    private static Companion companion(WordPressClient origin, SiteTypes types) {
        try {
            Companion companion = origin.companion(Credentials.ANONYMOUS);
            List<String> uses = new java.util.ArrayList<>();
            if (companion.offers("changes")) {
                uses.add("its change feed keeps the cache coherent");
            }
            List<String> indexed = types.endpoints().stream().filter(companion::indexes).map(Endpoint::restBase).toList();
            if (!indexed.isEmpty()) {
                uses.add("its index lists " + String.join(", ", indexed));
            }
            if (companion.keepsMediaFolders() && companion.indexes(Endpoint.MEDIA)) {
                uses.add("its media folders make media/ a drive (folders, any file, renames and moves that keep URLs)");
            }
            if (companion.replacesMedia()) {
                uses.add("it replaces a media file's bytes in place");
            }
            if (companion.untrashes()) {
                uses.add("it restores from trash/ as wp-admin does");
            }
            if (companion.keepsMediaInTrash() && companion.keepsMediaFolders() && companion.indexes(Endpoint.MEDIA)) {
                uses.add("the site keeps deleted media in the trash (MEDIA_TRASH): they go to trash/media/");
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
        // The post types and taxonomies the drive shows: those WordPress publishes, read now and again later.
        KindRegistry kinds = new KindRegistry(origin, config.typesRefresh());
        Ticker ticker = Ticker.systemTicker();
        Companion companion = companion(origin, kinds.types());
        boolean following = companion != null && companion.offers("changes");
        // --cache-ttl 0s turns the cache off, feed or not; otherwise the feed lets cached reads live longer.
        boolean cacheOff = config.cacheTtl().isZero();
        CachingWordPressClient wordpress = new CachingWordPressClient(origin, kinds::endpointsOf,
                following && !cacheOff ? config.feedCacheTtl() : config.cacheTtl(), ticker);
        Metrics metrics = new Metrics(config.instanceName());
        DriveState state = DriveState.open(config, clock, ticker, wordpress, metrics);
        DriveStores kept = state.stores();
        if (companion != null && companion.offers("resumable-uploads") && origin instanceof OkHttpWordPressClient client) {
            client.resumeUploadsThrough(state.openUploads());
        }
        CountedStores counted = new CountedStores(kept);
        DriveStores stores = counted.stores();
        Authenticator authenticator = new Authenticator(wordpress, config.anonymousRead(), state.loginThrottle());
        IncomingSpool incoming = new IncomingSpool(state.ownDir("incoming"), config.maxUploadBytes(), config.incomingMaxBytes());
        // Each collection is listed from the plugin's index where it offers one, else from core REST.
        Predicate<Endpoint<?>> indexed = endpoint -> companion != null && companion.indexes(endpoint);
        MediaLibrary library = mediaLibrary(companion, indexed);
        boolean untrashes = companion != null && companion.untrashes();
        kinds.start(found -> topFolders(clock, stores.firstSeen(), kinds, found, indexed, library, untrashes));
        DriveTree tree = new DriveTree(clock.instant().truncatedTo(ChronoUnit.SECONDS), kinds::tops, stores.names(), stores.hidden(),
                stores.scratch());
        DavServlet servlet = new DavServlet(DavEngine.build(tree, stores, incoming.clean()), authenticator, config.pathPrefix());
        observe(metrics, origin, wordpress, kept, incoming) // what the metrics read of the stores is not a request's cost
                .counter("pressdav.path.walks", "Paths of the drive resolved from the root (one a request, two for MOVE and COPY).", tree::walks)
                .counter("pressdav.store.calls", "Calls to the drive's stores (locks, properties, names, hidden and scratch files).", counted::calls);
        // Readiness asks WordPress at most every five seconds, however many ask pressdav.
        Readiness readiness = new Readiness(() -> problem(origin, state), Duration.ofSeconds(5), ticker);
        OperationsServlet operations = new OperationsServlet(metrics, config.metricsPath(), config.metricsToken(), readiness);
        DavServer server = new DavServer(config.host(), config.plainHttp() ? config.port() : -1, config.trustForwardedHeaders(), state.ownDir("tmp"),
                config.idleTimeout(), servlet, new DavServer.Operations(operations, config.metricsPath(), new RequestLine(metrics)),
                tls(config), config.httpsPort(), config.maxUploadBytes());
        metrics.bind(new JettyServerThreadPoolMetrics(server.threads(), List.of()));
        try {
            server.start();
        } catch (Exception e) {
            kinds.close();
            metrics.close();
            state.close();
            throw e;
        }
        ChangeFeed feed = following ? new ChangeFeed(origin, wordpress, kinds::types, kinds::refresh, companion.head(), config.changePoll()) : null;
        Pressdav running = new Pressdav(server, config, feed, kinds, metrics, state);
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
            metrics.counter("pressdav.upload.chunks.sent", "Chunks of large files sent to WordPress.", client::chunksSent)
                    .counter("pressdav.upload.chunks.kept", "Chunks of large files not sent again: WordPress held them from an upload begun before.",
                            client::chunksKept);
            metrics.bind(client.connectionMeters());
        }
        return metrics;
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
    private static String problem(WordPressClient origin, DriveState state) {
        String redis = state.problem();
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

    /** The media library: a drive of folders where the plugin keeps them (and lists the media), its upload paths otherwise. */
    private static MediaLibrary mediaLibrary(Companion companion, Predicate<Endpoint<?>> indexed) {
        if (companion == null) {
            return MediaLibrary.coreRest();
        }
        return new MediaLibrary(indexed.test(Endpoint.MEDIA), companion.keepsMediaFolders(), companion.replacesMedia(),
                companion.keepsMediaInTrash(), companion.takesChunks() ? companion.maxChunk() : 0);
    }

    /**
     * The drive's top folders, in the order they are listed: each kind of WordPress object is one line, and the
     * post types and taxonomies {@code found} in WordPress one line each, made again at each reading of them.
     */
    private static List<TopFolder> topFolders(Clock clock, FirstSeen firstSeen, KindRegistry registry, KindRegistry.Kinds found,
            Predicate<Endpoint<?>> indexed, MediaLibrary library, boolean untrashes) {
        List<PostType> postTypes = found.types().postTypes();
        List<TopFolder> tops = new ArrayList<>();
        // Each kind of post has its trash in trash/ under its folder's name, opened as its folder is.
        List<TrashFolder.Kind> trash = new ArrayList<>();
        tops.add(new TopFolder(SiteFolder.NAME, (session, started, names) -> new SiteFolder(session, started)));
        for (PostType own : List.of(PostType.POST, PostType.PAGE)) {
            PostKind kind = new PostKind(own, postTypes, indexed.test(own.endpoint()), library);
            tops.add(TopFolder.of(kind));
            trash.add(TrashFolder.Kind.of(kind));
        }
        for (KindRegistry.Found<PostType> type : found.postTypes()) {
            // Opened as the user sees the type: its fields and statuses are theirs to edit where WordPress says so.
            Function<DavSession, PostKind> seenBy = session -> new PostKind(type.folder(), registry.asSeenBy(session, type), postTypes,
                    indexed.test(type.kind().endpoint()), library);
            TopFolder folder = new TopFolder(type.folder(), (session, started, names) -> new KindFolder<>(seenBy.apply(session), session, started,
                    names));
            tops.add(type.internal() ? folder.shownTo(session -> registry.mayEdit(session, type)) : folder);
            trash.add(new TrashFolder.Kind(type.folder(), seenBy));
        }
        for (KindRegistry.Found<PostType> templates : found.templates()) {
            // Those who may edit the theme: WordPress lists the template types to them in the edit context, and the templates.
            tops.add(TopFolder.of(new TemplateKind(templates.folder(), KindRegistry.templatesOf(templates), KindRegistry.holdsParts(templates),
                    firstSeen)).shownTo(session -> registry.mayEdit(session, templates)));
        }
        // The active theme's global styles, to those who may edit the theme (WordPress 6.1 does not list their type in REST).
        tops.add(new TopFolder(GlobalStylesFolder.NAME, (session, started, names) -> new GlobalStylesFolder(session, started))
                .shownTo(session -> session.can(GlobalStylesFolder.CAPABILITY)));
        tops.add(new TopFolder(MediaFolder.NAME, (session, started, names) -> new MediaFolder(session, started, clock, library, firstSeen)));
        tops.add(TopFolder.of(new UserKind(indexed.test(Endpoint.USERS), firstSeen)));
        tops.add(TopFolder.of(new TermKind(Taxonomy.CATEGORY, indexed.test(Taxonomy.CATEGORY.endpoint()), firstSeen)));
        tops.add(TopFolder.of(new TermKind(Taxonomy.TAG, indexed.test(Taxonomy.TAG.endpoint()), firstSeen)));
        for (KindRegistry.Found<Taxonomy> taxonomy : found.taxonomies()) {
            TopFolder folder = TopFolder.of(new TermKind(taxonomy.folder(), taxonomy.kind(), indexed.test(taxonomy.kind().endpoint()), firstSeen));
            tops.add(taxonomy.internal() ? folder.shownTo(session -> registry.mayAssign(session, taxonomy)) : folder);
        }
        tops.add(TopFolder.of(new CommentKind(indexed.test(Endpoint.COMMENTS), postTypes)));
        tops.add(TrashFolder.top(trash, library, untrashes));
        return tops;
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
        kinds.close();
        server.stop();
        // The GC's notification listeners and Jetty's gauges would outlive a drive stopped in a JVM that goes on (tests).
        metrics.close();
        state.close();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
