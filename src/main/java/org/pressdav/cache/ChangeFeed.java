package org.pressdav.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pressdav.wordpress.Changes;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the companion plugin's change feed and makes the cache forget exactly what changed in
 * WordPress, for every user: an edit made in wp-admin shows on the drive within one poll. It
 * reads the feed anonymously, so it learns the ids of what the public may see and only the type
 * of the rest (which then drops the whole collection). A feed that no longer holds what came
 * after its place (410, a database restored or pruned past it) makes it drop the whole cache and
 * start again from the head.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int PAGE = 500;
    private static final String RESYNC = "pressdav_feed_resync";


    /**
     * Listings that show or hide their objects by a post's status: an attachment is readable as its
     * parent post is, a comment as its post is, and a user who is not listed to everyone appears
     * with their first published post. A change of an object of a post type drops these listings (not their objects).
     */
    private static final List<String> FOLLOW_POSTS = List.of(Endpoint.MEDIA.route(), Endpoint.COMMENTS.route(), Endpoint.USERS.route());

    /** The REST collections each object type of the feed lives in: those of the drive's {@code types}, settings, media folders. */
    private static Map<String, List<String>> routes(SiteTypes types) {
        Map<String, List<String>> routes = new java.util.HashMap<>();
        types.endpoints().forEach(endpoint -> routes.put(endpoint.objectType(), List.of(endpoint.route())));
        // A theme switched (a change of settings) has global styles of its own.
        routes.put("settings", List.of("settings", "index", CachingWordPressClient.GLOBAL_STYLES));
        routes.put("wp_global_styles", List.of(CachingWordPressClient.GLOBAL_STYLES));
        // A block theme's templates and parts: WordPress keeps a user's copy as a post of these types.
        routes.put("wp_template", List.of(Endpoint.ofTemplates("wp/v2", "templates", "wp_template").route()));
        routes.put("wp_template_part", List.of(Endpoint.ofTemplates("wp/v2", "template-parts", "wp_template_part").route()));
        // A folder made, moved or deleted on the drive: the folders, and the library whose paths it holds.
        routes.put("media_folder", List.of(Companion.MEDIA_FOLDERS, Endpoint.MEDIA.route()));
        return Map.copyOf(routes);
    }

    private final WordPressClient origin;
    private final CachingWordPressClient cache;
    private final Supplier<SiteTypes> types;
    private final Runnable settingsChanged;
    private final ScheduledExecutorService poller;
    private long cursor;

    /**
     * Starts following from {@code head} (the feed's head when pressdav started, with an empty cache), for the objects
     * of the collections of {@code types}.
     */
    public ChangeFeed(WordPressClient origin, CachingWordPressClient cache, SiteTypes types, long head, Duration every) {
        this(origin, cache, () -> types, () -> { }, head, every);
    }

    /**
     * The same for the kinds the drive has now ({@code types}, read at each poll: a type found since is followed);
     * {@code settingsChanged} is told when WordPress reports a change of settings (after the cache forgot them),
     * which the companion plugin reports too when a plugin is activated or deactivated or the theme switched: where a type
     * may have been added or removed.
     */
    public ChangeFeed(WordPressClient origin, CachingWordPressClient cache, Supplier<SiteTypes> types, Runnable settingsChanged, long head,
            Duration every) {
        this.origin = origin;
        this.cache = cache;
        this.types = types;
        this.settingsChanged = settingsChanged;
        this.cursor = head;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pressdav-change-feed");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // WordPress down or slow: the cursor stays, and what changed meanwhile is read when it answers.
            log.warn("change feed: {}", e.getMessage());
        }
    }

    /** Reads every change after the cursor and forgets what each one touched. */
    synchronized void poll() {
        while (true) {
            Changes page;
            try {
                page = origin.changes(Credentials.ANONYMOUS, cursor, PAGE);
            } catch (WordPressException e) {
                if (e.status() == 410 || RESYNC.equals(e.code())) {
                    resync();
                    return;
                }
                throw e;
            }
            SiteTypes now = types.get();
            Map<String, List<String>> routes = routes(now);
            boolean settings = false;
            for (Changes.Change change : page.changes()) {
                for (String route : routes.getOrDefault(change.type(), List.of())) {
                    cache.invalidate(route, change.id());
                }
                if (now.isPostType(change.type())) {
                    FOLLOW_POSTS.forEach(cache::invalidateListings);
                }
                settings |= change.type().equals("settings");
                cursor = Math.max(cursor, change.seq());
            }
            if (settings) {
                settingsChanged.run();
            }
            if (page.changes().size() < PAGE) {
                return;
            }
        }
    }

    private void resync() {
        long head = origin.companion(Credentials.ANONYMOUS).head();
        log.info("change feed: it no longer holds what came after {}; the cache starts again from {}", cursor, head);
        cache.invalidateAll();
        cursor = head;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
