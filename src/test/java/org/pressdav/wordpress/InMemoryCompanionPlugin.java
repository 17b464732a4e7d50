package org.pressdav.wordpress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * pressdav's companion plugin ({@code wordpress-plugin/pressdav}) on an {@link InMemoryWordPress}:
 * its status, its index of every collection, its change feed ({@link InMemoryChangeFeed}), the
 * media library as a drive ({@link InMemoryMediaDrive}) and uploads in chunks
 * ({@link InMemoryChunkedUploads}), with the permissions it enforces and the errors it answers.
 * A test reaches it through {@link InMemoryWordPress#plugin()} to follow the feed or prune it.
 */
public final class InMemoryCompanionPlugin {
    /** What the plugin offers today: every feature pressdav knows. */
    static final List<String> EVERY_FEATURE = List.of("changes", "media-folders", "media-replace", "chunked-uploads", "index:post", "index:page",
            "index:attachment", "index:category", "index:post_tag", "index:user", "index:comment", "untrash", "reads");
    /** The largest chunk the fake takes: the plugin's smallest, so that a test's file of a few hundred KiB goes in chunks. */
    static final long MAX_CHUNK = InMemoryChunkedUploads.MIN_CHUNK;

    /** Run by a web server, in any position of a name, refused to everyone (a part of the plugin's list). */
    private static final Set<String> RUN = Set.of("php", "php3", "php4", "php5", "php7", "php8", "phtml", "phar", "pht", "phps", "inc", "cgi", "pl",
            "py", "sh", "asp", "aspx", "jsp", "shtml", "cfm", "htaccess", "htpasswd", "var", "asis");
    private static final Set<String> CONFIG = Set.of("htaccess", "htpasswd", "htgroup", "htdigest", "userini", "phpini", "webconfig");
    /** Rendered by a browser as a document with script: only for those who may publish script. */
    private static final Set<String> RENDER = Set.of("html", "htm", "xhtml", "xht", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt", "js",
            "mjs", "swf");

    private final InMemoryWordPress wordpress;
    private final List<String> features;
    final InMemoryChangeFeed feed;
    final InMemoryMediaDrive drive;
    final InMemoryChunkedUploads uploads;

    InMemoryCompanionPlugin(InMemoryWordPress wordpress, List<String> features) {
        this.wordpress = wordpress;
        this.features = List.copyOf(features);
        this.feed = new InMemoryChangeFeed(wordpress);
        this.drive = new InMemoryMediaDrive(wordpress, feed);
        this.uploads = new InMemoryChunkedUploads(wordpress, drive, MAX_CHUNK);
    }

    /** The plugin on the same site without one of its features (an older plugin's). Before a new pressdav starts. */
    InMemoryCompanionPlugin without(String feature) {
        List<String> fewer = new ArrayList<>(features);
        fewer.remove(feature);
        return new InMemoryCompanionPlugin(wordpress, fewer);
    }

    /** The plugin on the same site, offering one feature more (one the site decides, as {@code media-trash}). Before pressdav starts. */
    InMemoryCompanionPlugin offering(String feature) {
        List<String> more = new ArrayList<>(features);
        more.add(feature);
        return new InMemoryCompanionPlugin(wordpress, more);
    }

    // ---------------------------------------------------------------- for tests

    /** The feed's newest sequence number: what an edit made now is at. */
    public long feedHead() {
        return feed.head();
    }

    /**
     * Waits until pressdav's follower has acted on every change up to {@code seq} (it asks for what came
     * after it only then); an {@link AssertionError} after {@code patience} if it never does.
     */
    public void awaitFeedFollowedPast(long seq, Duration patience) throws InterruptedException {
        feed.awaitFollowedPast(seq, patience);
    }

    /** The feed pruned to its newest {@code rows}, as its bounds prune it on a busy site. */
    public void pruneFeedTo(int rows) {
        feed.keepNewest(rows);
    }

    /** Chunks stored by uploads in chunks so far. */
    public int chunksStored() {
        return uploads.chunksStored.get();
    }

    /** Uploads in chunks open now (an upload that failed was aborted and leaves none). */
    public int openUploads() {
        return uploads.openUploads();
    }

    /** Where the drive shows this attachment now. */
    public String drivePathOf(long mediaId) {
        return drive.pathOf(wordpress.media.get(mediaId));
    }

    // ---------------------------------------------------------------- routes

    Companion status() {
        long maxChunk = features.contains("chunked-uploads") ? MAX_CHUNK : 0;
        return new Companion("pressdav", "in-memory", 3, features, feed.head(), maxChunk);
    }

    /** The routes of the media drive and of uploads are for those who may upload (each object is checked again by its own rule). */
    static void requireUploader(Account who) {
        if (!InMemoryWordPress.can(who, "upload_files")) {
            throw InMemoryWordPress.forbidden(who, "rest_forbidden", "Sorry, you are not allowed to do that.");
        }
    }

    /** Why a file of this name is not stored for this user (415), or null: the plugin's upload rule. */
    static WordPressException uploadRefusal(Account who, String name) {
        String[] parts = name.split("\\.");
        if (CONFIG.contains(name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT))) {
            return refused(name, "a web server reads a file of that name as its configuration");
        }
        for (int i = 1; i < parts.length; i++) {
            String extension = parts[i].toLowerCase(Locale.ROOT);
            if (RUN.contains(extension)) {
                return refused(name, "a web server could run a file with ." + extension + " in its name");
            }
            if (RENDER.contains(extension) && !InMemoryWordPress.can(who, "unfiltered_html")) {
                return refused(name, "a browser runs the script in a ." + extension + " file on the site's own address");
            }
        }
        return null;
    }

    private static WordPressException refused(String name, String why) {
        return new WordPressException(415, "pressdav_not_stored", name + " is not stored: " + why + ".");
    }

    /** The index of one collection: what core REST's view context shows this caller, with the listing's fields only. */
    @SuppressWarnings("unchecked")
    <T> List<T> index(Account who, Endpoint<T> endpoint) {
        if (!features.contains("index:" + endpoint.objectType())) {
            throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): type");
        }
        List<Object> items = new ArrayList<>();
        if (endpoint == Endpoint.POSTS || endpoint == Endpoint.PAGES) {
            String type = endpoint.objectType();
            wordpress.posts.values().stream().filter(p -> p.type().equals(type) && listed(who, p)).sorted(Comparator.comparingLong(Post::id))
                    .forEach(p -> items.add(new Post(p.id(), null, p.slug(), p.slug().isEmpty() ? p.generatedSlug() : null, p.status(), null,
                            p.dateGmt(), p.modifiedGmt(), 0, 0, null, p.slug().isEmpty() ? new Rendered(null, p.title().raw(), false) : null,
                            null, null, null, 0, null, null, null, null, null, null)));
        } else if (endpoint == Endpoint.MEDIA) {
            wordpress.media.values().stream().filter(m -> m.status().equals("inherit") && readable(who, m)).sorted(Comparator.comparingLong(Media::id))
                    .forEach(m -> items.add(new Media(m.id(), m.slug(), "inherit", null, m.dateGmt(), m.modifiedGmt(), m.author(), m.post(), null,
                            m.mimeType(), null, m.sourceUrl(), m.mediaDetails(), who != null ? drive.pathOf(m) : m.mediaDetails().file())));
        } else if (endpoint == Endpoint.CATEGORIES || endpoint == Endpoint.TAGS) {
            wordpress.terms.values().stream().filter(t -> t.taxonomy().equals(endpoint.objectType())).sorted(Comparator.comparingLong(Term::id))
                    .forEach(t -> items.add(new Term(t.id(), t.name(), t.slug(), t.description(), t.taxonomy(), t.parent(), t.count(), null)));
        } else if (endpoint == Endpoint.USERS) {
            boolean listsUsers = InMemoryWordPress.can(who, "list_users");
            for (Account a : InMemoryWordPress.ACCOUNTS) {
                boolean published = wordpress.posts.values().stream().anyMatch(p -> p.author() == a.id() && p.status().equals("publish"));
                if (listsUsers || published) {
                    items.add(new User(a.id(), listsUsers ? a.login() : null, "Name of " + a.login(), null, null, null, null, null, null, a.login(),
                            null, listsUsers ? java.time.Instant.parse("2026-01-01T00:00:00Z") : null, null, null));
                }
            }
        } else if (endpoint == Endpoint.COMMENTS) {
            boolean moderator = InMemoryWordPress.can(who, "moderate_comments");
            wordpress.comments.values().stream().sorted(Comparator.comparingLong(Comment::id))
                    .filter(c -> c.status().equals("approved") || moderator && c.status().equals("hold"))
                    .filter(c -> moderator || wordpress.posts.get(c.post()) == null || InMemoryWordPress.readable(who, wordpress.posts.get(c.post())))
                    .forEach(c -> items.add(new Comment(c.id(), c.post(), c.parent(), 0, null, null, null, c.dateGmt(), null, null, c.status(), null)));
        }
        return (List<T>) items;
    }

    /**
     * {@code POST pressdav/v1/untrash/<id>}: {@code wp_untrash_post} for who may delete the post, with the status it had
     * before the trash (a published one back as a draft for who may not publish), its slug without {@code __trashed}.
     */
    Post untrash(Account who, Endpoint<Post> endpoint, long id) {
        if (!features.contains("untrash")) {
            throw new WordPressException(404, "rest_no_route", "No route was found matching the URL and request method.");
        }
        Post p = wordpress.posts.get(id);
        if (p == null || !p.type().equals(endpoint.objectType())) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!InMemoryWordPress.mayDelete(who, p)) {
            throw InMemoryWordPress.forbidden(who, "rest_forbidden", "Sorry, you are not allowed to do that.");
        }
        if (!p.status().equals("trash")) {
            throw new WordPressException(409, "pressdav_not_trashed", "The post is not in the trash.");
        }
        String before = wordpress.trashedFrom.getOrDefault(id, "draft");
        boolean publishes = InMemoryWordPress.can(who, "publish_posts");
        return wordpress.restore(id, List.of("publish", "future", "private").contains(before) && !publishes ? "draft" : before);
    }

    /**
     * {@code POST pressdav/v1/untrash/<id>} with a path, for an attachment: for who may delete it, out of the trash
     * (status inherit) at that drive path, where the plugin's upload rule and the drive take it (a trashed attachment
     * is in no folder, so its own old path is free unless another file took it).
     */
    Media untrashMedia(Account who, long id, String path) {
        if (!features.contains("untrash")) {
            throw new WordPressException(404, "rest_no_route", "No route was found matching the URL and request method.");
        }
        Media m = wordpress.media.get(id);
        if (m == null) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!InMemoryWordPress.mayDelete(who, m)) {
            throw InMemoryWordPress.forbidden(who, "rest_forbidden", "Sorry, you are not allowed to do that.");
        }
        if (!m.status().equals("trash")) {
            throw new WordPressException(409, "pressdav_not_trashed", "The post is not in the trash.");
        }
        WordPressException refused = drive.refusalAt(path);
        if (refused == null) {
            List<String> names = InMemoryMediaDrive.parse(path);
            refused = uploadRefusal(who, names.get(names.size() - 1));
        }
        if (refused != null) {
            throw refused;
        }
        Media back = InMemoryWordPress.withStatus(m, "inherit", null);
        wordpress.media.put(id, back);
        drive.place(id, path);
        feed.record("attachment", id, "untrashed");
        return back;
    }

    /** The plugin's SQL rule for posts: published ones to all, and to who may edit their own, others' where they may edit others'. */
    private static boolean listed(Account who, Post p) {
        boolean page = p.type().equals("page");
        if (p.status().equals("publish")) {
            return true;
        }
        if (who == null || !InMemoryWordPress.can(who, page ? "edit_pages" : "edit_posts") || p.status().equals("trash")) {
            return false;
        }
        return p.author() == who.id() || !p.status().equals("private") && InMemoryWordPress.can(who, page ? "edit_others_pages" : "edit_others_posts")
                || p.status().equals("private") && InMemoryWordPress.can(who, "read_private_posts");
    }

    /** An attachment is readable as its parent is: one without a parent (or on a published post) by anyone. */
    private boolean readable(Account who, Media m) {
        Post parent = wordpress.posts.get(m.post());
        return m.post() == 0 || parent == null || InMemoryWordPress.readable(who, parent);
    }
}
