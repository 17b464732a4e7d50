package org.pressdav.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.pressdav.wordpress.Changes;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.NetworkSite;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.GlobalStyles;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Listing;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Settings;
import org.pressdav.wordpress.SiteIndex;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Template;
import org.pressdav.wordpress.User;
import org.pressdav.wordpress.WordPressClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers what WordPress answered, for a while, per user: every entry is keyed by the caller's
 * {@link Credentials#cacheKey()}, so what an administrator's request fetched (drafts, private
 * posts, e-mail addresses) is never shown to anyone else. A write drops exactly what it touched,
 * for every user: every listing of that collection, and that object; other objects stay.
 */
public final class CachingWordPressClient implements WordPressClient {
    private static final Logger log = LoggerFactory.getLogger(CachingWordPressClient.class);

    /** Stripes of invalidation generations: a write bumps its stripes, so older reads are never found again. */
    private static final int STRIPES = 4096;

    /** The route the active theme's global styles are cached under (the global styles controller's). */
    public static final String GLOBAL_STYLES = "wp/v2/global-styles";

    private final WordPressClient origin;
    /** The REST collections whose objects a top folder of the drive holds, by the folder's name. */
    private final Function<String, List<Endpoint<?>>> folders;
    private final Cache<Key, CompletableFuture<Object>> cache;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    /** One per REST collection: there are a handful. */
    private final Map<String, AtomicLong> routeGenerations = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong everything = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * {@code types}: the collections whose objects another instance's writes name ({@link #forgetWritten}), each in the
     * drive's folder of its {@code rest_base}.
     */
    public CachingWordPressClient(WordPressClient origin, SiteTypes types, Duration ttl, Ticker ticker) {
        this(origin, folder -> types.endpoints().stream().filter(endpoint -> endpoint.restBase().equals(folder)).toList(), ttl, ticker);
    }

    /**
     * The same with the collections by the drive's folders as they are now ({@code folders}): a type found at the
     * last reading of {@code wp/v2/types}, in a folder of another name than its {@code rest_base} where that was taken.
     */
    public CachingWordPressClient(WordPressClient origin, Function<String, List<Endpoint<?>>> folders, Duration ttl, Ticker ticker) {
        this.origin = origin;
        this.folders = folders;
        // Caffeine's own statistics (gets, evictions, loads) for its meters: a few counters per operation.
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(20_000).recordStats().build();
    }

    /**
     * What is cached: {@code route} is the REST collection, {@code detail} a listing's query or an
     * object, {@code generation} the invalidation generation the value was fetched in.
     */
    private record Key(String user, String route, Object detail, long generation, long routeGeneration) {
    }

    /** One object of a collection, as read in a context, whole or as JSON. */
    private record ObjectRead(long id, Context context, boolean json) {
    }

    /**
     * The cached value, or one fetch of it. The key carries the generation current when the fetch
     * began: a write that lands while the fetch is in flight bumps the generation, so the value
     * fetched before it is stored under a key nobody asks for again. Concurrent misses of one key
     * share one fetch, made on the first caller's thread.
     */
    @SuppressWarnings("unchecked")
    private <T> T cached(Credentials credentials, String route, Object detail, Supplier<T> fetch) {
        Key key = key(credentials, route, detail);
        CompletableFuture<Object> existing = cache.getIfPresent(key);
        CompletableFuture<Object> mine = null;
        if (existing == null) {
            mine = new CompletableFuture<>();
            existing = cache.asMap().putIfAbsent(key, mine);
        }
        if (existing != null) {
            log.debug("cache hit {} {} (hits {}, misses {})", route, detail, hits.incrementAndGet(), misses.get());
            try {
                return (T) join(existing);
            } catch (LeftOut leftOut) {
                return cached(credentials, route, detail, fetch); // a batch did not bring it: read alone (its future is gone)
            }
        }
        log.debug("cache miss {} {} (hits {}, misses {})", route, detail, hits.get(), misses.incrementAndGet());
        try {
            T fresh = fetch.get();
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            // Removed first: a failure is never cached, and Caffeine need not report it.
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Where a value read now is kept: under the generations current now. */
    private Key key(Credentials credentials, String route, Object detail) {
        return new Key(credentials.cacheKey(), route, detail, generations.get(stripe(route, detail)), routeGeneration(route));
    }

    /** What a batch that was to bring a value did not: who waited for it reads the value alone. */
    private static final class LeftOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeftOut() {
            super("not brought by the batch", null, false, false);
        }
    }

    /**
     * Several values at once, each id's under its {@code keys} (the first the value asked for, any others what the same read
     * also gives): an id whose first value is cached, or being fetched (by its own read or another batch), is answered from
     * it ({@code fromCache}); the others are fetched in one {@code fetch}, each of their keys holding a future meanwhile,
     * so a read of one of them waits for the batch rather than reading it again. What the batch brings is kept
     * ({@code values}: each key's value of an answer) under the generations current when it began, so a write that lands
     * meanwhile leaves it unseen; what it leaves out (WordPress refused it this user) is not kept, and who waited reads it alone.
     */
    private <A> Map<Long, A> cachedEach(Collection<Long> ids, LongFunction<List<Key>> keys, BiFunction<Long, List<Key>, A> fromCache,
            Function<A, List<Object>> values, Function<Collection<Long>, Map<Long, A>> fetch) {
        Map<Long, A> found = new LinkedHashMap<>();
        Map<Long, List<Key>> fetched = new LinkedHashMap<>();
        Map<Key, CompletableFuture<Object>> mine = new LinkedHashMap<>();
        try {
            for (long id : new java.util.LinkedHashSet<>(ids)) {
                List<Key> its = keys.apply(id);
                CompletableFuture<Object> first = new CompletableFuture<>();
                if (cache.asMap().putIfAbsent(its.get(0), first) != null) {
                    try {
                        found.put(id, fromCache.apply(id, its));
                    } catch (RuntimeException refused) {
                        log.debug("{}: its own read did not bring it ({})", its.get(0), refused.toString());
                    }
                    continue;
                }
                mine.put(its.get(0), first);
                for (Key other : its.subList(1, its.size())) {
                    CompletableFuture<Object> future = new CompletableFuture<>();
                    if (cache.asMap().putIfAbsent(other, future) == null) {
                        mine.put(other, future);
                    }
                }
                fetched.put(id, its);
            }
            if (!fetched.isEmpty()) {
                log.debug("cache miss of {} values at once", fetched.size());
                fetch.apply(fetched.keySet()).forEach((id, answer) -> {
                    List<Key> its = fetched.get(id);
                    if (its == null) {
                        return;
                    }
                    List<Object> brought = values.apply(answer);
                    for (int i = 0; i < its.size(); i++) {
                        CompletableFuture<Object> future = mine.get(its.get(i));
                        if (future != null && brought.get(i) != null) {
                            future.complete(brought.get(i));
                        }
                    }
                    found.put(id, answer);
                });
            }
        } finally {
            // Removed before they fail: a read that waited finds no future and reads alone.
            mine.forEach((key, future) -> {
                if (!future.isDone()) {
                    cache.asMap().remove(key, future);
                    future.completeExceptionally(new LeftOut());
                }
            });
        }
        return found;
    }

    private static Object join(CompletableFuture<Object> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * A generation of the whole route (and of everything, for a resync): each only grows, so their
     * sum only grows, and a value fetched before either moved is never found again.
     */
    private long routeGeneration(String route) {
        return routeGenerations.computeIfAbsent(route, r -> new AtomicLong()).get() + everything.get();
    }

    /** Listings of a route share one stripe; each object of it has its own (whatever its context). */
    private static int stripe(String route, Object detail) {
        Object which = detail instanceof ObjectRead read ? read.id() : "listings";
        return Math.floorMod(31 * route.hashCode() + which.hashCode(), STRIPES);
    }

    /** Forgets every listing of the collection and, if {@code id} is not null, that object. */
    private void forget(Endpoint<?> endpoint, Long id) {
        forgetRoute(endpoint.route(), id);
    }

    private void forgetRoute(String route, Long id) {
        generations.incrementAndGet(stripe(route, "listings"));
        if (id != null) {
            generations.incrementAndGet(stripe(route, new ObjectRead(id, Context.VIEW, false)));
        }
        // What the new generation hides is also dropped, to free the memory at once.
        cache.asMap().keySet().removeIf(key -> key.route().equals(route)
                && (!(key.detail() instanceof ObjectRead) || key.detail() instanceof ObjectRead read && id != null && read.id() == id));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** Caffeine's meters of this cache ({@code cache_gets_total{cache="wordpress",result=...}}, size, evictions). */
    public MeterBinder meters() {
        return new CaffeineCacheMetrics<>(cache, "wordpress", List.of());
    }

    @Override
    public SiteIndex index(Credentials credentials) {
        return cached(credentials, "index", "", () -> origin.index(credentials));
    }

    @Override
    public User me(Credentials credentials) {
        return origin.me(credentials);
    }

    @Override
    public <T> Listing<T> list(Credentials credentials, Endpoint<T> endpoint, ListQuery query) {
        return cached(credentials, endpoint.route(), query, () -> origin.list(credentials, endpoint, query));
    }

    @Override
    public <T> T get(Credentials credentials, Endpoint<T> endpoint, long id, Context context) {
        return cached(credentials, endpoint.route(), new ObjectRead(id, context, false),
                () -> origin.get(credentials, endpoint, id, context));
    }

    /**
     * Each object as {@link #get} and {@link #getJson} read and keep it, those not cached in one read of the origin: each one
     * read gives both, kept apart as their own reads keep them. An object cached before comes with its JSON where that is
     * cached too, else without (null).
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<Long, Read<T>> getEach(Credentials credentials, Endpoint<T> endpoint, Collection<Long> ids, Context context) {
        String route = endpoint.route();
        LongFunction<List<Key>> keys = id -> List.of(key(credentials, route, new ObjectRead(id, context, false)),
                key(credentials, route, new ObjectRead(id, context, true)));
        return cachedEach(ids, keys, (id, its) -> {
            T object = (T) join(cache.asMap().getOrDefault(its.get(0), CompletableFuture.failedFuture(new LeftOut())));
            CompletableFuture<Object> json = cache.getIfPresent(its.get(1));
            return new Read<>(object, json != null && json.isDone() && !json.isCompletedExceptionally() ? (JsonNode) json.join() : null);
        }, read -> java.util.Arrays.asList(read.object(), read.json()), missing -> origin.getEach(credentials, endpoint, missing, context));
    }

    /** Each post's revisions as {@link #revisions} reads and keeps them, those not cached in one read of the origin. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<Long, List<Post>> revisionsOfEach(Credentials credentials, Endpoint<Post> endpoint, Collection<Long> ids) {
        String route = endpoint.route();
        LongFunction<List<Key>> keys = id -> List.of(key(credentials, route, new RevisionsOf(id)));
        return cachedEach(ids, keys, (id, its) -> (List<Post>) join(cache.asMap().getOrDefault(its.get(0),
                CompletableFuture.failedFuture(new LeftOut()))), List::of, missing -> origin.revisionsOfEach(credentials, endpoint, missing));
    }

    /** A post's revisions: kept as its collection's listings are, so that any write of the collection forgets them. */
    private record RevisionsOf(long id) {
    }

    @Override
    public List<Post> revisions(Credentials credentials, Endpoint<Post> endpoint, long id) {
        return cached(credentials, endpoint.route(), new RevisionsOf(id), () -> origin.revisions(credentials, endpoint, id));
    }

    @Override
    public JsonNode getJson(Credentials credentials, Endpoint<?> endpoint, long id, Context context) {
        return cached(credentials, endpoint.route(), new ObjectRead(id, context, true),
                () -> origin.getJson(credentials, endpoint, id, context));
    }

    /**
     * Kept apart from the collection's route: a write of an object changes no schema (WordPress registers meta in code),
     * so only the time to live, or a resync, forgets it.
     */
    @Override
    public JsonNode schema(Credentials credentials, Endpoint<?> endpoint) {
        return cached(credentials, "schema", endpoint.route(), () -> origin.schema(credentials, endpoint));
    }

    @Override
    public <T> T create(Credentials credentials, Endpoint<T> endpoint, Map<String, ?> fields) {
        try {
            return origin.create(credentials, endpoint, fields);
        } finally {
            forget(endpoint, null);
        }
    }

    @Override
    public <T> T update(Credentials credentials, Endpoint<T> endpoint, long id, Map<String, ?> fields) {
        try {
            return origin.update(credentials, endpoint, id, fields);
        } finally {
            forget(endpoint, id);
        }
    }

    @Override
    public <T> T trash(Credentials credentials, Endpoint<T> endpoint, long id) {
        try {
            return origin.trash(credentials, endpoint, id);
        } finally {
            forget(endpoint, id);
        }
    }

    /** The post is restored in its own collection: that is what is forgotten, not the plugin's route. */
    @Override
    public Post untrash(Credentials credentials, Endpoint<Post> endpoint, long id) {
        try {
            return origin.untrash(credentials, endpoint, id);
        } finally {
            forget(endpoint, id);
        }
    }

    @Override
    public void delete(Credentials credentials, Endpoint<?> endpoint, long id) {
        try {
            origin.delete(credentials, endpoint, id);
        } finally {
            forget(endpoint, id);
        }
    }

    /** A template is only ever read with its listing (templates are few): a save forgets the listings of its collection. */
    @Override
    public Template saveTemplate(Credentials credentials, Endpoint<Template> endpoint, String id, Map<String, ?> fields) {
        try {
            return origin.saveTemplate(credentials, endpoint, id, fields);
        } finally {
            forget(endpoint, null);
        }
    }

    @Override
    public void revertTemplate(Credentials credentials, Endpoint<Template> endpoint, String id) {
        try {
            origin.revertTemplate(credentials, endpoint, id);
        } finally {
            forget(endpoint, null);
        }
    }

    /**
     * The active theme's global styles, read once a while as all else; forgotten by a save, by the change feed's change of
     * their post ({@link #GLOBAL_STYLES}) and by its change of settings (a theme switched has other styles).
     */
    @Override
    public GlobalStyles globalStyles(Credentials credentials) {
        return cached(credentials, GLOBAL_STYLES, "active", () -> origin.globalStyles(credentials));
    }

    @Override
    public GlobalStyles saveGlobalStyles(Credentials credentials, GlobalStyles saved, Map<String, ?> fields) {
        try {
            return origin.saveGlobalStyles(credentials, saved, fields);
        } finally {
            forgetRoute(GLOBAL_STYLES, null);
        }
    }

    @Override
    public Media upload(Credentials credentials, String fileName, String contentType, java.nio.file.Path file, String drivePath) {
        return changingMedia(null, () -> origin.upload(credentials, fileName, contentType, file, drivePath));
    }

    @Override
    public java.util.List<String> mediaFolders(Credentials credentials) {
        return cached(credentials, Companion.MEDIA_FOLDERS, "folders", () -> origin.mediaFolders(credentials));
    }

    @Override
    public void makeMediaFolder(Credentials credentials, String path) {
        changingMedia(null, () -> origin.makeMediaFolder(credentials, path));
    }

    @Override
    public void moveMediaFolder(Credentials credentials, String from, String to) {
        // Every file in it has a new path: the whole library is listed again.
        changingMedia(null, () -> origin.moveMediaFolder(credentials, from, to));
    }

    @Override
    public void deleteMediaFolder(Credentials credentials, String path) {
        changingMedia(null, () -> origin.deleteMediaFolder(credentials, path));
    }

    @Override
    public void moveMedia(Credentials credentials, long id, String path) {
        changingMedia(id, () -> origin.moveMedia(credentials, id, path));
    }

    @Override
    public long uploadInChunks(Credentials credentials, String fileName, java.nio.file.Path file, String drivePath, long replaces, long chunkBytes) {
        return changingMedia(replaces > 0 ? replaces : null, () -> origin.uploadInChunks(credentials, fileName, file, drivePath, replaces, chunkBytes));
    }

    @Override
    public Media trashMedia(Credentials credentials, long id) {
        return changingMedia(id, () -> origin.trashMedia(credentials, id));
    }

    /** Restored into a media folder: the library's listings and folders are what changed, not the plugin's route. */
    @Override
    public Media untrashMedia(Credentials credentials, long id, String drivePath) {
        return changingMedia(id, () -> origin.untrashMedia(credentials, id, drivePath));
    }

    @Override
    public void replaceMedia(Credentials credentials, long id, String contentType, java.nio.file.Path file) {
        changingMedia(id, () -> origin.replaceMedia(credentials, id, contentType, file));
    }

    /** A change of the media library: its listings and folders (and the object) are forgotten, whatever the outcome. */
    private <T> T changingMedia(Long id, java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } finally {
            forget(Endpoint.MEDIA, id);
            forgetRoute(Companion.MEDIA_FOLDERS, null);
        }
    }

    private void changingMedia(Long id, Runnable change) {
        changingMedia(id, () -> {
            change.run();
            return null;
        });
    }

    @Override
    public MediaContent download(Credentials credentials, Media media, String range) {
        return origin.download(credentials, media, range);
    }

    @Override
    public Companion companion(Credentials credentials) {
        return origin.companion(credentials);
    }

    @Override
    public List<NetworkSite> networkSites(Credentials credentials) {
        return origin.networkSites(credentials);
    }

    @Override
    public <T> java.util.List<T> index(Credentials credentials, Endpoint<T> endpoint) {
        return cached(credentials, endpoint.route(), "index", () -> origin.index(credentials, endpoint));
    }

    @Override
    public Changes changes(Credentials credentials, long since, int limit) {
        return origin.changes(credentials, since, limit);
    }

    /**
     * Forgets, for every user, the listings of a REST collection and one object of it, or with
     * {@code id} 0 every object of it: what the change feed reports changed.
     */
    public void invalidate(String route, long id) {
        if (id > 0) {
            forgetRoute(route, id);
            return;
        }
        // Any object of the route may have changed: the route's generation moves on, no other route's.
        routeGenerations.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
        cache.asMap().keySet().removeIf(key -> key.route().equals(route));
    }

    /** Forgets, for every user, the listings of a REST collection, not its objects: what a change elsewhere may show or hide. */
    public void invalidateListings(String route) {
        forgetRoute(route, null);
    }

    /**
     * Forgets, for every user, what another instance of this drive has just written, named by the
     * drive's keys of its write turns: {@code posts/12} is that post and the listings of posts;
     * {@code path:/media/a/b.png} (a name that was not an object yet) the listings of its top folder;
     * {@code site} the site's settings. A user's own files ({@code path:user:/…}) are never cached.
     */
    public void forgetWritten(java.util.Collection<String> objectKeys) {
        for (String key : objectKeys) {
            if (key.equals("site")) {
                forgetRoute("settings", null);
                forgetRoute("index", null);
                continue;
            }
            boolean named = key.startsWith("path:/");
            String rest = named ? key.substring("path:/".length()) : key;
            if (key.startsWith("path:") && !named) {
                continue;
            }
            int slash = rest.indexOf('/');
            String base = slash < 0 ? rest : rest.substring(0, slash);
            Long id = null;
            if (!named && slash > 0) {
                try {
                    id = Long.parseLong(rest.substring(slash + 1));
                } catch (NumberFormatException notAnObject) {
                    id = null;
                }
            }
            // The key names the drive's folder, whatever namespace the type's route is in.
            for (Endpoint<?> endpoint : folders.apply(base)) {
                forgetRoute(endpoint.route(), id);
                if (endpoint == Endpoint.MEDIA) {
                    forgetRoute(Companion.MEDIA_FOLDERS, null);
                }
            }
        }
    }

    /** Forgets everything: the feed lost track (a resync). */
    public void invalidateAll() {
        everything.incrementAndGet();
        cache.invalidateAll();
    }

    /** Not cached: the types are read seldom (at start, on a change of settings), and then as WordPress has them now. */
    @Override
    public SiteTypes types(Credentials credentials) {
        return origin.types(credentials);
    }

    @Override
    public Settings settings(Credentials credentials) {
        return cached(credentials, "settings", "", () -> origin.settings(credentials));
    }

    @Override
    public Settings updateSettings(Credentials credentials, Map<String, ?> fields) {
        try {
            return origin.updateSettings(credentials, fields);
        } finally {
            forgetRoute("settings", null);
            forgetRoute("index", null);
        }
    }
}
