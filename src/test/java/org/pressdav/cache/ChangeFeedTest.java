package org.pressdav.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Changes;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;

class ChangeFeedTest {
    private static final Credentials ADMIN = Credentials.of("admin", "a");

    private final List<String> reads = new ArrayList<>();
    private final List<Changes> pages = new ArrayList<>();
    private final AtomicLong asked = new AtomicLong(-1);
    private long head = 40;

    /** A WordPress whose feed answers the pages queued, then nothing; a null page is a 410. */
    private final WordPressClient origin = (WordPressClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {WordPressClient.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "changes": {
                        asked.set((long) args[1]);
                        if (pages.isEmpty()) {
                            return new Changes(List.of(), head, 1);
                        }
                        Changes page = pages.remove(0);
                        if (page == null) {
                            throw new WordPressException(410, "pressdav_feed_resync", "start again");
                        }
                        return page;
                    }
                    case "companion":
                        return new Companion("pressdav", "0.2.0", 1, List.of("changes"), head, 0);
                    case "index":
                        reads.add("index " + ((Endpoint<?>) args[1]).objectType());
                        return List.of();
                    case "get":
                        reads.add(args[2] + "");
                        return new Term((long) args[2], "t", "t", "", "post_tag", 0, 0, null);
                    default:
                        return null;
                }
            });

    private final CachingWordPressClient cache = new CachingWordPressClient(origin, SiteTypes.CORE, Duration.ofHours(1), new AtomicLong()::get);

    private void read(long id) {
        cache.get(ADMIN, Endpoint.TAGS, id, Context.EDIT);
    }

    @Test
    void eachChangeMakesTheCacheForgetExactlyWhatItTouched() {
        try (ChangeFeed feed = new ChangeFeed(origin, cache, SiteTypes.CORE, 10, Duration.ofHours(1))) {
            read(1);
            read(2);
            pages.add(new Changes(List.of(new Changes.Change(11, "post_tag", 1, "saved")), 11, 1));
            feed.poll();
            read(1);
            read(2);
            assertEquals(List.of("1", "2", "1"), reads, "tag 1 is read again, tag 2 is not");
            feed.poll();
            assertEquals(11, asked.get(), "the next poll asks after the last change seen");
        }
    }

    @Test
    void aChangeOfSomethingTheFeedDoesNotNameDropsTheWholeCollection() {
        try (ChangeFeed feed = new ChangeFeed(origin, cache, SiteTypes.CORE, 10, Duration.ofHours(1))) {
            read(1);
            read(2);
            pages.add(new Changes(List.of(new Changes.Change(11, "post_tag", 0, "counts")), 11, 1));
            feed.poll();
            read(1);
            read(2);
            assertEquals(List.of("1", "2", "1", "2"), reads);
        }
    }

    @Test
    void aFeedThatLostTrackDropsEverythingAndStartsAgainFromItsHead() {
        try (ChangeFeed feed = new ChangeFeed(origin, cache, SiteTypes.CORE, 90, Duration.ofHours(1))) {
            read(1);
            pages.add(null);
            head = 5;
            feed.poll();
            read(1);
            assertEquals(List.of("1", "1"), reads);
            feed.poll();
            assertEquals(5, asked.get());
        }
    }

    @Test
    void somethingOfOneCollectionChangingLeavesEveryOtherCollectionCached() {
        try (ChangeFeed feed = new ChangeFeed(origin, cache, SiteTypes.CORE, 10, Duration.ofHours(1))) {
            read(1);
            cache.get(ADMIN, Endpoint.CATEGORIES, 1, Context.EDIT);
            pages.add(new Changes(List.of(new Changes.Change(11, "category", 0, "counts")), 11, 1));
            feed.poll();
            read(1);
            cache.get(ADMIN, Endpoint.CATEGORIES, 1, Context.EDIT);
            assertEquals(List.of("1", "1", "1"), reads, "the categories are read again, the tag is not");
        }
    }

    @Test
    void aPostChangingDropsTheListingsThatShowByAPostsStatusButNotTheirObjects() {
        try (ChangeFeed feed = new ChangeFeed(origin, cache, SiteTypes.CORE, 10, Duration.ofHours(1))) {
            List<Endpoint<?>> listings = List.of(Endpoint.MEDIA, Endpoint.COMMENTS, Endpoint.USERS, Endpoint.TAGS);
            listings.forEach(endpoint -> cache.index(ADMIN, endpoint));
            read(1);
            pages.add(new Changes(List.of(new Changes.Change(11, "post", 7, "saved")), 11, 1));
            feed.poll();
            listings.forEach(endpoint -> cache.index(ADMIN, endpoint));
            read(1);
            assertEquals(List.of("index attachment", "index comment", "index user", "index post_tag", "1",
                    "index attachment", "index comment", "index user"), reads,
                    "media, comments and users are listed again (a post's status decides what they show); tags and tag 1 are not");
        }
    }

    @Test
    void aTypeTheDriveIsGivenIsFollowedLikePostsAndOneItIsNotGivenIsLeftAlone() {
        PostType book = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_posts", List.of());
        SiteTypes withBooks = new SiteTypes(List.of(PostType.POST, PostType.PAGE, book), SiteTypes.CORE.taxonomies());
        CachingWordPressClient booksCache = new CachingWordPressClient(origin, withBooks, Duration.ofHours(1), new AtomicLong()::get);
        List<Endpoint<?>> listings = List.of(book.endpoint(), Endpoint.COMMENTS);
        try (ChangeFeed feed = new ChangeFeed(origin, booksCache, withBooks, 10, Duration.ofHours(1));
                ChangeFeed coreFeed = new ChangeFeed(origin, cache, SiteTypes.CORE, 10, Duration.ofHours(1))) {
            listings.forEach(endpoint -> booksCache.index(ADMIN, endpoint));
            pages.add(new Changes(List.of(new Changes.Change(11, "book", 0, "saved")), 11, 1));
            feed.poll();
            listings.forEach(endpoint -> booksCache.index(ADMIN, endpoint));
            assertEquals(List.of("index book", "index comment", "index book", "index comment"), reads,
                    "the books and the comments (shown by a book's status) are listed again");

            reads.clear();
            listings.forEach(endpoint -> cache.index(ADMIN, endpoint));
            pages.add(new Changes(List.of(new Changes.Change(12, "book", 0, "saved")), 12, 1));
            coreFeed.poll();
            listings.forEach(endpoint -> cache.index(ADMIN, endpoint));
            assertEquals(List.of("index book", "index comment"), reads, "a feed not given books forgets nothing for one");
        }
    }
}
