package org.pressdav.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Listing;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;

class CachingWordPressClientTest {
    private static final Credentials ADMIN = Credentials.of("admin", "a");
    private static final Credentials AUTHOR = Credentials.of("author", "b");
    private static final ListQuery TAGS = ListQuery.all();

    private final List<String> calls = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private boolean failing;

    /** A WordPress that answers each user with their own name, and records every call. */
    private final WordPressClient origin = (WordPressClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {WordPressClient.class}, (proxy, method, args) -> {
                Credentials who = (Credentials) args[0];
                calls.add(method.getName() + " " + who);
                if (failing) {
                    throw new WordPressException(502, WordPressException.UNREACHABLE, "down");
                }
                Term term = new Term(1, "seen by " + who, "t", "", "post_tag", 0, 0, null);
                return switch (method.getName()) {
                    case "list" -> new Listing<>(List.of(term), 1);
                    case "get", "update" -> term;
                    default -> null;
                };
            });

    private final CachingWordPressClient cache = new CachingWordPressClient(origin, SiteTypes.CORE, Duration.ofSeconds(30), nanos::get);

    private String firstTagName(Credentials who) {
        return ((Term) cache.list(who, Endpoint.TAGS, TAGS).items().get(0)).name();
    }

    /**
     * Another instance's write of a type whose route is outside wp/v2 (a plugin's namespace) is forgotten here too:
     * the write turn's key names the drive's folder, the type's rest_base. Red when the key was matched against
     * wp/v2/ routes alone (the cached book outlived the write).
     */
    @Test
    void aWriteElsewhereOfATypeOutsideWpV2IsForgottenByItsRestBase() {
        Endpoint<org.pressdav.wordpress.Post> books = Endpoint.ofPostType("library/v1", "books", "book");
        SiteTypes types = new SiteTypes(List.of(org.pressdav.wordpress.PostType.POST,
                new org.pressdav.wordpress.PostType(books, false, "edit_posts", List.of(), java.util.Set.of())), SiteTypes.CORE.taxonomies());
        CachingWordPressClient withBooks = new CachingWordPressClient(origin, types, Duration.ofSeconds(30), nanos::get);
        withBooks.get(ADMIN, books, 5, org.pressdav.wordpress.Context.EDIT);
        withBooks.get(ADMIN, books, 5, org.pressdav.wordpress.Context.EDIT);
        assertEquals(List.of("get admin"), calls, "cached");
        withBooks.forgetWritten(List.of("books/5"));
        withBooks.get(ADMIN, books, 5, org.pressdav.wordpress.Context.EDIT);
        assertEquals(List.of("get admin", "get admin"), calls, "forgotten once written elsewhere");
    }

    /** A collection's schema (its registered meta keys) changes with code, not with writes: a write of the collection keeps it. */
    @Test
    void aSchemaOutlivesWritesOfItsCollectionButNotItsTimeToLive() {
        cache.schema(ADMIN, Endpoint.POSTS);
        cache.update(ADMIN, Endpoint.POSTS, 1, Map.of("meta", Map.of("subtitle", "x")));
        cache.schema(ADMIN, Endpoint.POSTS);
        assertEquals(List.of("schema admin", "update admin"), calls);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        cache.schema(ADMIN, Endpoint.POSTS);
        assertEquals(List.of("schema admin", "update admin", "schema admin"), calls);
    }

    @Test
    void aListingIsFetchedOncePerUserWithinItsTimeToLive() {
        assertEquals("seen by admin", firstTagName(ADMIN));
        assertEquals("seen by admin", firstTagName(ADMIN));
        assertEquals(List.of("list admin"), calls);
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void whatOneUserFetchedIsNeverShownToAnother() {
        firstTagName(ADMIN);
        assertEquals("seen by author", firstTagName(AUTHOR));
        assertEquals(List.of("list admin", "list author"), calls);
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        firstTagName(ADMIN);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        firstTagName(ADMIN);
        assertEquals(List.of("list admin", "list admin"), calls);
    }

    @Test
    void aWriteForgetsExactlyWhatItTouchedForEveryUser() {
        firstTagName(ADMIN);
        firstTagName(AUTHOR);
        cache.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT);
        cache.get(AUTHOR, Endpoint.TAGS, 1, Context.VIEW);
        cache.get(ADMIN, Endpoint.TAGS, 2, Context.EDIT);
        cache.get(ADMIN, Endpoint.CATEGORIES, 1, Context.EDIT);
        cache.update(AUTHOR, Endpoint.TAGS, 1, Map.of("name", "x"));
        calls.clear();

        firstTagName(ADMIN);
        firstTagName(AUTHOR);
        cache.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT);
        cache.get(AUTHOR, Endpoint.TAGS, 1, Context.VIEW);
        cache.get(ADMIN, Endpoint.TAGS, 2, Context.EDIT);
        cache.get(ADMIN, Endpoint.CATEGORIES, 1, Context.EDIT);
        assertEquals(List.of("list admin", "list author", "get admin", "get author"), calls,
                "the tag listings and tag 1 are read again for both users; tag 2 and the categories are not");
    }

    @Test
    void aFailureIsNotCached() {
        failing = true;
        assertThrows(WordPressException.class, () -> firstTagName(ADMIN));
        failing = false;
        assertEquals("seen by admin", firstTagName(ADMIN));
        assertEquals(2, calls.size());
    }

    /** A WordPress whose reads wait at a gate until the test opens it, and which counts them. */
    private static final class GatedWordPress {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        volatile String stored = "old";
        volatile boolean gated = true;

        final WordPressClient client = (WordPressClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WordPressClient.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "get": {
                            String seen = stored;
                            reads.incrementAndGet();
                            if (gated) {
                                entered.countDown();
                                gate.await();
                            }
                            return new Term(1, seen, "t", "", "post_tag", 0, 0, null);
                        }
                        case "update":
                            stored = (String) ((Map<?, ?>) args[3]).get("name");
                            return null;
                        default:
                            return null;
                    }
                });
    }

    @Test
    void aReadInFlightDuringAWriteNeverBringsTheOldValueBack() throws Exception {
        GatedWordPress wp = new GatedWordPress();
        CachingWordPressClient caching = new CachingWordPressClient(wp.client, SiteTypes.CORE, Duration.ofSeconds(30), nanos::get);
        var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> caching.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT).name());
        wp.entered.await();
        caching.update(AUTHOR, Endpoint.TAGS, 1, Map.of("name", "new"));
        wp.gated = false;
        wp.gate.countDown();
        assertEquals("old", reader.get(), "the read began before the write");

        assertEquals("new", caching.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT).name(),
                "what was fetched before the write is not kept after it");
    }

    @Test
    void concurrentMissesOfOneKeyMakeOneRequest() throws Exception {
        GatedWordPress wp = new GatedWordPress();
        CachingWordPressClient caching = new CachingWordPressClient(wp.client, SiteTypes.CORE, Duration.ofSeconds(30), nanos::get);
        List<java.util.concurrent.CompletableFuture<String>> readers = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                readers.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> caching.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT).name(), pool));
            }
            wp.entered.await();
            Thread.sleep(200);
            wp.gate.countDown();
            for (var reader : readers) {
                assertEquals("old", reader.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, wp.reads.get());
    }

    /**
     * A batch ({@code getEach}) holds its objects' places in the cache while it reads: a read of one of them waits for it
     * rather than asking WordPress again, and where the batch fails (or leaves the object out) reads it alone, leaving
     * nothing behind. Red if a batch's places were not taken (the read would not wait) or not given back (it would hang, or
     * fail with the batch's error).
     */
    @Test
    void aReadWaitingForABatchReadsAloneWhereTheBatchFails() throws Exception {
        java.util.concurrent.CountDownLatch fetching = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fail = new java.util.concurrent.CountDownLatch(1);
        List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        WordPressClient batches = (WordPressClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WordPressClient.class},
                (proxy, method, args) -> {
                    asked.add(method.getName());
                    if (method.getName().equals("getEach")) {
                        fetching.countDown();
                        fail.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        throw new WordPressException(500, "internal_server_error", "critical");
                    }
                    return method.getName().equals("get") ? new Term(1, "read alone", "t", "", "post_tag", 0, 0, null) : null;
                });
        CachingWordPressClient cached = new CachingWordPressClient(batches, SiteTypes.CORE, Duration.ofSeconds(30), nanos::get);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var batch = threads.submit(() -> cached.getEach(ADMIN, Endpoint.TAGS, List.of(1L, 1L), Context.EDIT));
            assertTrue(fetching.await(10, java.util.concurrent.TimeUnit.SECONDS));
            var waiting = threads.submit(() -> cached.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT));
            Thread.sleep(200);
            assertFalse(waiting.isDone(), "the read waits for the batch reading its object");
            fail.countDown();
            assertThrows(java.util.concurrent.ExecutionException.class, batch::get, "the batch's own caller gets its error");
            assertEquals("read alone", waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).name());
            assertEquals("read alone", cached.get(ADMIN, Endpoint.TAGS, 1, Context.EDIT).name());
            assertEquals(List.of("getEach", "get"), asked, "one batch (the id asked twice in it, once), then one read alone, kept");
        } finally {
            threads.shutdownNow();
        }
    }
}
