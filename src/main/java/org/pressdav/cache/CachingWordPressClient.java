package org.pressdav.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Listing;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;
import org.pressdav.wordpress.Settings;
import org.pressdav.wordpress.SiteIndex;
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

    private final WordPressClient origin;
    private final Cache<Key, Object> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public CachingWordPressClient(WordPressClient origin, Duration ttl, Ticker ticker) {
        this.origin = origin;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).maximumSize(20_000).build();
    }

    /** What is cached: {@code route} is the REST collection, {@code detail} a listing's query or an object. */
    private record Key(String user, String route, Object detail) {
    }

    /** One object of a collection, as read in a context, whole or as JSON. */
    private record ObjectRead(long id, Context context, boolean json) {
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Credentials credentials, String route, Object detail, Supplier<T> fetch) {
        Key key = new Key(credentials.cacheKey(), route, detail);
        Object value = cache.getIfPresent(key);
        if (value != null) {
            log.debug("cache hit {} {} (hits {}, misses {})", route, detail, hits.incrementAndGet(), misses.get());
            return (T) value;
        }
        log.debug("cache miss {} {} (hits {}, misses {})", route, detail, hits.get(), misses.incrementAndGet());
        T fresh = fetch.get();
        cache.put(key, fresh);
        return fresh;
    }

    /** Forgets every listing of the collection and, if {@code id} is not null, that object. */
    private void forget(Endpoint<?> endpoint, Long id) {
        cache.asMap().keySet().removeIf(key -> key.route().equals(endpoint.route())
                && (key.detail() instanceof ListQuery || key.detail() instanceof ObjectRead read && id != null && read.id() == id));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
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

    @Override
    public JsonNode getJson(Credentials credentials, Endpoint<?> endpoint, long id, Context context) {
        return cached(credentials, endpoint.route(), new ObjectRead(id, context, true),
                () -> origin.getJson(credentials, endpoint, id, context));
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

    @Override
    public void delete(Credentials credentials, Endpoint<?> endpoint, long id) {
        try {
            origin.delete(credentials, endpoint, id);
        } finally {
            forget(endpoint, id);
        }
    }

    @Override
    public Media upload(Credentials credentials, String fileName, String contentType, long length, InputStream body) {
        try {
            return origin.upload(credentials, fileName, contentType, length, body);
        } finally {
            forget(Endpoint.MEDIA, null);
        }
    }

    @Override
    public MediaContent download(Credentials credentials, Media media, String range) {
        return origin.download(credentials, media, range);
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
            cache.asMap().keySet().removeIf(key -> key.route().equals("settings") || key.route().equals("index"));
        }
    }
}
