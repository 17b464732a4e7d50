package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.milton.http.HttpManager;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Clock;
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
import org.pressdav.dav.node.ReadAhead;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.KindFolder;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.dav.protocol.DavEngine;
import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.store.CountedStores;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.ops.Metrics;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WordPress site's drive, as a user sees it at its mount point: the kinds WordPress has, its cache and the change
 * feed that keeps it coherent, what the drive keeps besides WordPress (locks, names, dead properties, scratch files),
 * the login check and the WebDAV engine over it all. Nothing of it is shared with another site's drive: with several
 * sites, each has its own of everything (its stores in its own folder of the data directory, or under its own keys in
 * Redis).
 */
final class SiteDrive implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteDrive.class);

    private final WordPressClient origin;
    private final CachingWordPressClient wordpress;
    private final HttpManager engine;
    private final DriveTree tree;
    private final Authenticator authenticator;
    private final KindRegistry kinds;
    private final DriveState state;
    private final Runnable startFeed;
    private final boolean ofNetwork;
    private final ReadAhead readAhead;
    private ChangeFeed feed;
    private AutoCloseable alsoClosed = () -> { };

    private SiteDrive(WordPressClient origin, CachingWordPressClient wordpress, HttpManager engine, DriveTree tree, Authenticator authenticator,
            KindRegistry kinds, DriveState state, Companion companion, PressdavConfig config, ReadAhead readAhead) {
        this.origin = origin;
        this.readAhead = readAhead;
        this.wordpress = wordpress;
        this.engine = engine;
        this.tree = tree;
        this.authenticator = authenticator;
        this.kinds = kinds;
        this.state = state;
        this.ofNetwork = companion != null && companion.offers("sites");
        boolean following = companion != null && companion.offers("changes");
        this.startFeed = following
                ? () -> feed = new ChangeFeed(origin, wordpress, kinds::types, kinds::refresh, companion.head(), config.changePoll())
                : () -> { };
    }

    /**
     * The drive of the site {@code origin} reaches, assembled: the composition root of one site, where its cache, its
     * stores and the kinds of its drive are chosen. {@code config} is the site's (its data directory, its anonymous
     * reading); {@code storeKeys} prefixes what it keeps in a Redis several sites share. Its change feed is followed
     * from {@link #follow}, once the drive is served.
     */
    static SiteDrive open(PressdavConfig config, String storeKeys, WordPressClient origin, Clock clock, Ticker ticker, Metrics metrics,
            IncomingSpool incoming) throws IOException {
        return open(config, storeKeys, origin, clock, ticker, metrics, incoming, null);
    }

    /** The same, its logins counted by {@code throttle} (one for several sites), or by its own where it is null. */
    static SiteDrive open(PressdavConfig config, String storeKeys, WordPressClient origin, Clock clock, Ticker ticker, Metrics metrics,
            IncomingSpool incoming, LoginThrottle throttle) throws IOException {
        Files.createDirectories(config.dataDir());
        // The post types and taxonomies the drive shows: those WordPress publishes, read now and again later.
        KindRegistry kinds = new KindRegistry(origin, config.typesRefresh());
        DriveState state = null;
        ReadAhead readAhead = ReadAhead.OFF;
        try {
            Companion companion = companion(origin, kinds.types());
            boolean following = companion != null && companion.offers("changes");
            // --cache-ttl 0s turns the cache off, feed or not; otherwise the feed lets cached reads live longer.
            boolean cacheOff = config.cacheTtl().isZero();
            // Walkers' next posts are read ahead, into the cache, where the plugin reads them in batches: without it a batch would
            // be as many requests, without the cache nothing read ahead would be kept.
            boolean batches = companion != null && companion.readsInBatches();
            Duration cached = following && !cacheOff ? config.feedCacheTtl() : config.cacheTtl();
            readAhead = batches && !cacheOff ? ReadAhead.started(ticker, cached) : ReadAhead.OFF;
            ReadAhead ahead = readAhead;
            CachingWordPressClient wordpress = new CachingWordPressClient(origin, kinds::endpointsOf, cached, ticker);
            state = DriveState.open(config, storeKeys, clock, ticker, wordpress, metrics);
            DriveStores kept = state.stores();
            if (companion != null && companion.offers("resumable-uploads") && origin instanceof OkHttpWordPressClient client) {
                client.resumeUploadsThrough(state.openUploads());
            }
            if (batches && origin instanceof OkHttpWordPressClient client) {
                client.readInBatches();
            }
            CountedStores counted = new CountedStores(kept);
            DriveStores stores = counted.stores();
            Authenticator authenticator = new Authenticator(wordpress, config.anonymousRead(), throttle != null ? throttle : state.loginThrottle());
            // Each collection is listed from the plugin's index where it offers one, else from core REST.
            Predicate<Endpoint<?>> indexed = endpoint -> companion != null && companion.indexes(endpoint);
            MediaLibrary library = mediaLibrary(companion, indexed);
            boolean untrashes = companion != null && companion.untrashes();
            kinds.start(found -> topFolders(clock, stores.firstSeen(), kinds, found, indexed, library, untrashes, config.maxFolderEntries(),
                    ahead));
            DriveTree tree = new DriveTree(clock.instant().truncatedTo(ChronoUnit.SECONDS), kinds::tops, stores.names(), stores.hidden(),
                    stores.scratch());
            HttpManager engine = DavEngine.build(tree, stores, incoming);
            observe(metrics, origin, wordpress, kept)
                    .counter("pressdav.path.walks", "Paths of the drive resolved from the root (one a request, two for MOVE and COPY).", tree::walks)
                    .counter("pressdav.store.calls", "Calls to the drive's stores (locks, properties, names, hidden and scratch files).",
                            counted::calls);
            return new SiteDrive(origin, wordpress, engine, tree, authenticator, kinds, state, companion, config, readAhead);
        } catch (IOException | RuntimeException e) {
            readAhead.close();
            kinds.close();
            if (state != null) {
                state.close();
            }
            throw e;
        }
    }

    /** The companion plugin, if it is active; which of its features pressdav uses is logged. */
    private static Companion companion(WordPressClient origin, SiteTypes types) {
        try {
            Companion companion = origin.companion(Credentials.ANONYMOUS);
            List<String> uses = new ArrayList<>();
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
            if (companion.readsInBatches()) {
                uses.add("a walk through the drive reads a hundred posts (or their revisions) a request");
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
     * The site's meters: every WordPress call observed and its connections measured (where the client is the real
     * one), the cache's meters, and what the stores hold read when scraped.
     */
    private static Metrics observe(Metrics metrics, WordPressClient origin, CachingWordPressClient cache, DriveStores stores) {
        metrics.counter("pressdav.cache.hits", "Reads answered from the cache.", cache::hits)
                .counter("pressdav.cache.misses", "Reads that had to ask WordPress.", cache::misses)
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
            Predicate<Endpoint<?>> indexed, MediaLibrary library, boolean untrashes, int limit, ReadAhead readAhead) {
        List<PostType> postTypes = found.types().postTypes();
        List<TopFolder> tops = new ArrayList<>();
        // Each kind of post has its trash in trash/ under its folder's name, opened as its folder is.
        List<TrashFolder.Kind> trash = new ArrayList<>();
        tops.add(new TopFolder(SiteFolder.NAME, (session, started, names) -> new SiteFolder(session, started)));
        for (PostType own : List.of(PostType.POST, PostType.PAGE)) {
            PostKind kind = new PostKind(own, postTypes, indexed.test(own.endpoint()), library, readAhead);
            tops.add(TopFolder.of(kind, limit));
            trash.add(TrashFolder.Kind.of(kind));
        }
        for (KindRegistry.Found<PostType> type : found.postTypes()) {
            // Opened as the user sees the type: its fields and statuses are theirs to edit where WordPress says so.
            Function<DavSession, PostKind> seenBy = session -> new PostKind(type.folder(), registry.asSeenBy(session, type), postTypes,
                    indexed.test(type.kind().endpoint()), library, readAhead);
            TopFolder folder = new TopFolder(type.folder(), (session, started, names) -> new KindFolder<>(seenBy.apply(session), session, started,
                    names, limit));
            tops.add(type.internal() ? folder.shownTo(session -> registry.mayEdit(session, type)) : folder);
            trash.add(new TrashFolder.Kind(type.folder(), seenBy));
        }
        for (KindRegistry.Found<PostType> templates : found.templates()) {
            // Those who may edit the theme: WordPress lists the template types to them in the edit context, and the templates.
            tops.add(TopFolder.of(new TemplateKind(templates.folder(), KindRegistry.templatesOf(templates), KindRegistry.holdsParts(templates),
                    firstSeen), limit).shownTo(session -> registry.mayEdit(session, templates)));
        }
        // The active theme's global styles, to those who may edit the theme (WordPress 6.1 does not list their type in REST).
        tops.add(new TopFolder(GlobalStylesFolder.NAME, (session, started, names) -> new GlobalStylesFolder(session, started))
                .shownTo(session -> session.can(GlobalStylesFolder.CAPABILITY)));
        tops.add(new TopFolder(MediaFolder.NAME, (session, started, names) -> new MediaFolder(session, started, clock, library, firstSeen)));
        tops.add(TopFolder.of(new UserKind(indexed.test(Endpoint.USERS), firstSeen), limit));
        tops.add(TopFolder.of(new TermKind(Taxonomy.CATEGORY, indexed.test(Taxonomy.CATEGORY.endpoint()), firstSeen), limit));
        tops.add(TopFolder.of(new TermKind(Taxonomy.TAG, indexed.test(Taxonomy.TAG.endpoint()), firstSeen), limit));
        for (KindRegistry.Found<Taxonomy> taxonomy : found.taxonomies()) {
            TopFolder folder = TopFolder.of(new TermKind(taxonomy.folder(), taxonomy.kind(), indexed.test(taxonomy.kind().endpoint()), firstSeen), limit);
            tops.add(taxonomy.internal() ? folder.shownTo(session -> registry.mayAssign(session, taxonomy)) : folder);
        }
        tops.add(TopFolder.of(new CommentKind(indexed.test(Endpoint.COMMENTS), postTypes), limit));
        tops.add(TrashFolder.top(trash, library, untrashes));
        return tops;
    }

    /** The same drive, closing {@code owned} (its meters, where they are its own) when it is closed. */
    SiteDrive closing(AutoCloseable owned) {
        alsoClosed = owned;
        return this;
    }

    /** Whether the site says it is a multisite network's (its companion plugin, active on the network, lists the network's sites). */
    boolean ofNetwork() {
        return ofNetwork;
    }

    /** Follows the site's change feed from now on (where the companion plugin offers one). */
    void follow() {
        startFeed.run();
    }

    HttpManager engine() {
        return engine;
    }

    DriveTree tree() {
        return tree;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** The site's WordPress as the drive reads it (through its cache): where a login is checked. */
    WordPressClient wordpress() {
        return wordpress;
    }

    /** Why the site's WordPress (or the Redis its instances share) does not answer now, or null when both do. */
    String problem() {
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

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        readAhead.close();
        kinds.close();
        state.close();
        try {
            alsoClosed.close();
        } catch (Exception e) {
            log.warn("closing the site's drive: {}", e.getMessage());
        }
    }
}
