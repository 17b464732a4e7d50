package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * WordPress in memory, for the protocol tests: records in maps, four users of the four roles,
 * and the permissions of the REST API as WordPress applies them (what each role may read, list
 * in which status and context, edit, delete, upload). Like WordPress, an update reads the whole
 * object and writes it back, so two updates of one object at once lose one of them: the tests
 * show that pressdav never lets that happen. {@link #down} makes every call fail as an
 * unreachable WordPress does. Without the companion plugin (as constructed) it answers 404 on the
 * plugin's routes, as a site without it does; {@link #withPlugin()} adds it
 * ({@link InMemoryCompanionPlugin}), and every write then lands in its change feed as WordPress's
 * hooks write it there.
 */
public final class InMemoryWordPress implements WordPressClient {
    /** A seeded user: login, application password, role. */
    public record Account(long id, String login, String password, String role) {
    }

    public static final Account ADMIN = new Account(1, "admin", "admin-pass", "administrator");
    public static final Account EDITOR = new Account(2, "editor", "editor-pass", "editor");
    public static final Account AUTHOR = new Account(3, "author", "author-pass", "author");
    public static final Account SUBSCRIBER = new Account(4, "subscriber", "subscriber-pass", "subscriber");
    /** Writes posts but publishes none: WordPress lets them edit their own drafts, not make a post sticky. */
    public static final Account CONTRIBUTOR = new Account(5, "contributor", "contributor-pass", "contributor");
    static final List<Account> ACCOUNTS = List.of(ADMIN, EDITOR, AUTHOR, SUBSCRIBER, CONTRIBUTOR);

    private static final Set<String> AUTHOR_CAPS = Set.of("read", "edit_posts", "edit_published_posts", "publish_posts", "delete_posts",
            "upload_files");
    private static final Set<String> EDITOR_CAPS = union(AUTHOR_CAPS, Set.of("edit_others_posts", "delete_others_posts", "edit_pages",
            "edit_others_pages", "manage_categories", "moderate_comments", "unfiltered_html", "read_private_posts"));
    private static final Set<String> ADMIN_CAPS = union(EDITOR_CAPS, Set.of("list_users", "edit_users", "manage_options",
            "edit_theme_options"));

    private final ObjectMapper json = new ObjectMapper();
    final AtomicLong ids = new AtomicLong(100);
    final Map<Long, Post> posts = new ConcurrentHashMap<>();
    final Map<Long, Term> terms = new ConcurrentHashMap<>();
    final Map<Long, Comment> comments = new ConcurrentHashMap<>();
    final Map<Long, Media> media = new ConcurrentHashMap<>();
    final Map<Long, byte[]> files = new ConcurrentHashMap<>();
    private final InMemoryMeta meta = new InMemoryMeta();
    private final InMemoryTemplates templates = new InMemoryTemplates(ids);
    /** The block theme's global styles ({@link #withBlockTheme}); null: a classic theme, which has none. */
    private volatile InMemoryGlobalStyles globalStyles;
    /** The post types and taxonomies shown in REST: WordPress's own, and those a test registers. */
    private final List<PostType> postTypes = new java.util.concurrent.CopyOnWriteArrayList<>(SiteTypes.CORE.postTypes());
    private final List<Taxonomy> taxonomies = new java.util.concurrent.CopyOnWriteArrayList<>(SiteTypes.CORE.taxonomies());
    private volatile Settings settings = new Settings("In-memory site", "Just a test", "http://wp.test", "admin@wp.test", "UTC", "en_US");
    private volatile boolean down;
    private volatile boolean slow;
    /** The companion plugin ({@link #withPlugin}, {@link #withMediaFolders}); null: a site without it. */
    private volatile InMemoryCompanionPlugin plugin;
    /** Whether the site keeps deleted media in the trash ({@code MEDIA_TRASH}, {@link #withMediaTrash}). */
    private volatile boolean mediaTrash;
    /** Writes that still land before WordPress stops ({@link #stopAfterWrites}); negative: no limit. */
    private final AtomicInteger writesLeft = new AtomicInteger(-1);
    /** Seeded users this site does not have ({@link #without}): another site of a drive of several. */
    private final Set<Account> absent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The sites of the network this site is the main site of ({@link #network}), by login; null: not a network. */
    private volatile Map<String, List<NetworkSite>> networkSites;
    /** How many updates were in flight at once, at most: WordPress loses saves when this passes 1 for one object. */
    public final AtomicInteger mostUpdatesAtOnce = new AtomicInteger();
    private final Map<Long, AtomicInteger> updating = new ConcurrentHashMap<>();
    /** Each post's revisions and autosaves, oldest first, as WordPress keeps them (ids of their own, not to shift posts' ids). */
    private final Map<Long, List<Post>> revisions = new ConcurrentHashMap<>();
    private final AtomicLong revisionIds = new AtomicLong(10_000);
    /** The status each trashed post had, as WordPress keeps it ({@code _wp_trash_meta_status}) for its restore. */
    final Map<Long, String> trashedFrom = new ConcurrentHashMap<>();
    /** Calls made, by name, for tests that count them. */
    public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Every call fails from now on as an unreachable WordPress does (502), until {@code down(false)}. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** Every call fails from now on as a WordPress too slow to answer does (504), until {@code slow(false)}. */
    public void slow(boolean isSlow) {
        this.slow = isSlow;
    }

    /**
     * WordPress stops in the middle of the write after the next {@code writes}: that one is made,
     * but its answer never comes (502), and every call after it fails as an unreachable WordPress's
     * does, as when Apache is stopped during a long folder copy.
     */
    public void stopAfterWrites(int writes) {
        writesLeft.set(writes);
    }

    /** The write now made: counted against {@link #stopAfterWrites}; run {@code made} unless WordPress is down. */
    <T> T write(java.util.function.Supplier<T> made) {
        int left = writesLeft.getAndUpdate(n -> n < 0 ? n : n - 1);
        if (left == 0) {
            T result = made.get();
            down = true;
            throw new WordPressException(502, WordPressException.UNREACHABLE, "WordPress closed the connection before it answered");
        }
        return made.get();
    }

    /** A site these seeded users have no login on (WordPress answers their passwords as wrong ones). */
    public InMemoryWordPress without(Account... accounts) {
        absent.addAll(List.of(accounts));
        return this;
    }

    /**
     * The main site of a network whose companion plugin lists {@code sites} by login ({@code ""}: to visitors; a login
     * not named: none).
     */
    public InMemoryWordPress network(Map<String, List<NetworkSite>> sites) {
        networkSites = Map.copyOf(sites);
        return this;
    }

    @Override
    public List<NetworkSite> networkSites(Credentials credentials) {
        count("networkSites");
        Map<String, List<NetworkSite>> sites = networkSites;
        if (sites == null) {
            return WordPressClient.super.networkSites(credentials);
        }
        Account a = account(credentials);
        return sites.getOrDefault(a == null ? "" : a.login(), List.of());
    }

    /**
     * With the companion plugin's media folders and media index, as the test bed has them: every
     * attachment at its drive path, folders made at any depth. Call before pressdav starts.
     */
    public InMemoryWordPress withMediaFolders() {
        this.plugin = new InMemoryCompanionPlugin(this, List.of("media-folders", "index:attachment"));
        return this;
    }

    /**
     * With the companion plugin, every feature of it (index of every collection, change feed, media
     * folders, replace, uploads in chunks), as the test bed has it. Call before pressdav starts.
     */
    public InMemoryWordPress withPlugin() {
        this.plugin = new InMemoryCompanionPlugin(this, InMemoryCompanionPlugin.EVERY_FEATURE);
        return this;
    }

    /** With a companion plugin that reads no batches ({@code reads}: an older one): pressdav started after this reads each post alone. */
    public InMemoryWordPress withoutReads() {
        this.plugin = plugin().without("reads");
        return this;
    }

    /** Run inside each batch of reads ({@code getEach}) once its objects are read, before they are answered. */
    public void whileReadingEach(Runnable hook) {
        this.readingEach = hook;
    }

    /** A site of a multisite network, with the companion plugin active on the network (it says {@code sites}). Before pressdav starts. */
    public InMemoryWordPress ofNetwork() {
        this.plugin = (plugin == null ? new InMemoryCompanionPlugin(this, InMemoryCompanionPlugin.EVERY_FEATURE) : plugin).offering("sites");
        return this;
    }

    /**
     * A site that keeps deleted media in the trash ({@code MEDIA_TRASH}): core REST's DELETE without force trashes an
     * attachment, and the companion plugin (if any) says so ({@code media-trash}). Call before pressdav starts.
     */
    public InMemoryWordPress withMediaTrash() {
        this.mediaTrash = true;
        if (plugin != null) {
            plugin = plugin.offering("media-trash");
        }
        return this;
    }

    /** The companion plugin, for tests that follow its feed; an {@link IllegalStateException} without it. */
    public InMemoryCompanionPlugin plugin() {
        if (plugin == null) {
            throw new IllegalStateException("this WordPress has no companion plugin: construct it withPlugin()");
        }
        return plugin;
    }

    /** What WordPress's hooks tell the plugin's change feed: an object of a type saved, trashed, deleted. */
    private void changed(String type, long id, String action) {
        InMemoryCompanionPlugin p = plugin;
        if (p != null) {
            p.feed.record(type, id, action);
        }
    }

    // ---------------------------------------------------------------- seeding

    public long addPost(String type, long author, String status, String title, String content) {
        long id = ids.incrementAndGet();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String slug = status.equals("draft") ? "" : title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        // As WordPress's defaults: comments and pings open on posts, closed on pages; sticky and formats posts' alone, menu order pages'.
        boolean isPost = type.equals("post");
        posts.put(id, new Post(id, type, slug, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), status,
                "http://wp.test/?p=" + id, now, now, author, 0, "", text(title), text(content), text(""), Map.of(),
                0, isPost ? Boolean.FALSE : null, isPost ? "open" : "closed", isPost ? "open" : "closed", isPost ? "standard" : null, "",
                isPost ? null : 0));
        revise(posts.get(id), author);
        changed(type, id, "saved");
        return id;
    }

    /** Gives a post another date (an import, a post written long ago): what WordPress's {@code date_gmt} then says. */
    public void redate(long id, Instant dateGmt) {
        Post p = posts.get(id);
        posts.put(id, new Post(p.id(), p.type(), p.slug(), p.generatedSlug(), p.status(), p.link(), dateGmt, p.modifiedGmt(), p.author(),
                p.parent(), p.password(), p.title(), p.content(), p.excerpt(), p.terms(), p.featuredMedia(), p.sticky(), p.commentStatus(),
                p.pingStatus(), p.format(), p.template(), p.menuOrder(), p.meta()));
        changed(p.type(), id, "saved");
    }

    /**
     * As WordPress does at each save that changes a post's title, content or excerpt (and at its first): a revision
     * holding them as saved, by whoever saved them.
     */
    private void revise(Post p, long by) {
        List<Post> kept = revisions.computeIfAbsent(p.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        Post last = kept.stream().filter(r -> !r.slug().contains("-autosave-")).reduce((a, b) -> b).orElse(null);
        if (last != null && last.title().equals(p.title()) && last.content().equals(p.content()) && last.excerpt().equals(p.excerpt())) {
            return;
        }
        kept.add(revisionOf(p, by, p.id() + "-revision-v1"));
    }

    private Post revisionOf(Post p, long by, String slug) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Post(revisionIds.incrementAndGet(), "revision", slug, null, "inherit", null, now, now, by, p.id(), null, p.title(),
                p.content(), p.excerpt(), null, 0, null, null, null, null, null, null);
    }

    /** An autosave of the post by {@code author} (the editor's unsaved changes), replacing that user's earlier one. */
    public long autosave(long post, long author, String title, String content, String excerpt) {
        Post p = posts.get(post);
        Post draft = new Post(p.id(), p.type(), p.slug(), null, p.status(), null, null, null, author, 0, null, text(title), text(content),
                text(excerpt), null, 0, null, null, null, null, null, null);
        List<Post> kept = revisions.computeIfAbsent(post, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        kept.removeIf(r -> r.slug().contains("-autosave-") && r.author() == author);
        Post saved = revisionOf(draft, author, post + "-autosave-v1");
        kept.add(saved);
        return saved.id();
    }

    /** The post's revisions (autosaves left out), oldest first: what WordPress's revisions screen shows. */
    public List<Post> revisionsOf(long post) {
        return revisions.getOrDefault(post, List.of()).stream().filter(r -> !r.slug().contains("-autosave-")).toList();
    }

    /** An edit made in wp-admin, not through the drive: the post's new title, saved now. */
    public void retitle(long id, String title) {
        Post p = posts.get(id);
        posts.put(id, new Post(p.id(), p.type(), p.slug(), p.generatedSlug(), p.status(), p.link(), p.dateGmt(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), p.author(), p.parent(), p.password(), text(title), p.content(), p.excerpt(),
                p.terms(), p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(), p.format(), p.template(), p.menuOrder()));
        changed(p.type(), id, "saved");
    }

    /** An attachment uploaded at {@code uploaded} to {@code path} below the uploads folder ({@code 2024/05/a.jpg}), changed at {@code changed}. */
    public long addMedia(long author, String path, Instant uploaded, Instant changed, byte[] bytes) {
        long id = ids.incrementAndGet();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        media.put(id, new Media(id, fileName, "inherit", "http://wp.test/?attachment=" + id, uploaded, changed, author, 0, text(fileName),
                "application/octet-stream", "file", "http://wp.test/wp-content/uploads/" + path,
                new Media.Details(path, (long) bytes.length, null, null), null));
        files.put(id, bytes);
        changed("attachment", id, "saved");
        return id;
    }

    public long addTerm(String taxonomy, String name) {
        long id = ids.incrementAndGet();
        String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        terms.put(id, new Term(id, name, slug, "", taxonomy, 0, 0, "http://wp.test/?t=" + id));
        changed(taxonomy, id, "saved");
        return id;
    }

    public long addComment(long post, String status, String content) {
        long id = ids.incrementAndGet();
        comments.put(id, new Comment(id, post, 0, 0, "Visitor", "visitor@wp.test", "", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                text(content), "http://wp.test/?c=" + id, status, "comment"));
        changed("comment", id, "saved");
        return id;
    }

    /** The meta keys registered in REST, and the values the database holds. */
    /**
     * A block theme active, as the test bed's {@code scripts/wordpress theme blocks} makes it: the template types
     * registered, and the theme's templates and parts to add to ({@link InMemoryTemplates#addThemeFile}).
     */
    public InMemoryTemplates withBlockTheme() {
        registerPostType(InMemoryTemplates.TEMPLATE_TYPE).registerPostType(InMemoryTemplates.PART_TYPE);
        synchronized (this) {
            if (globalStyles == null) {
                globalStyles = new InMemoryGlobalStyles(ids.incrementAndGet(), InMemoryTemplates.THEME);
            }
        }
        return templates;
    }

    /** The block theme's global styles ({@link #withBlockTheme} first). */
    public InMemoryGlobalStyles globalStyles() {
        return java.util.Objects.requireNonNull(globalStyles, "a classic theme has no global styles: withBlockTheme() first");
    }

    public InMemoryMeta meta() {
        return meta;
    }

    private Post withMeta(Post p) {
        return asRestShows(p).withMeta(meta.shown(p.type(), p.id()));
    }

    /**
     * The post as REST gives it: WordPress's posts controller has the title, content and excerpt of a type only where it
     * supports them ({@code title}, {@code editor}, {@code excerpt}), but always for posts and pages (their fixed schema).
     */
    private Post asRestShows(Post p) {
        PostType type = postTypes.stream().filter(t -> t.name().equals(p.type())).findFirst().orElse(null);
        if (type == null || type.name().equals("post") || type.name().equals("page")) {
            return p;
        }
        return new Post(p.id(), p.type(), p.slug(), p.generatedSlug(), p.status(), p.link(), p.dateGmt(), p.modifiedGmt(), p.author(),
                p.parent(), p.password(), type.supports("title") ? p.title() : null, type.supports("editor") ? p.content() : null,
                type.supports("excerpt") ? p.excerpt() : null, p.terms(), p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(),
                p.format(), p.template(), p.menuOrder(), p.meta());
    }

    /** The post as WordPress holds it now. */
    public Post post(long id) {
        return posts.get(id);
    }

    public Term term(long id) {
        return terms.get(id);
    }

    public List<Term> terms(String taxonomy) {
        return terms.values().stream().filter(t -> t.taxonomy().equals(taxonomy)).toList();
    }

    public List<Post> posts(Predicate<Post> which) {
        return posts.values().stream().filter(which).toList();
    }

    public List<Media> media() {
        return List.copyOf(media.values());
    }

    /** A post's featured image that the REST listing of media no longer shows (as an attachment of a private post is hidden from others). */
    public void featureHiddenImage(long post, long image) {
        Post p = posts.get(post);
        posts.put(post, new Post(p.id(), p.type(), p.slug(), p.generatedSlug(), p.status(), p.link(), p.dateGmt(), p.modifiedGmt(), p.author(),
                p.parent(), p.password(), p.title(), p.content(), p.excerpt(), p.terms(), image, p.sticky(), p.commentStatus(),
                p.pingStatus(), p.format(), p.template(), p.menuOrder()));
    }

    public byte[] bytesOf(long mediaId) {
        return files.get(mediaId);
    }

    static Rendered text(String raw) {
        return new Rendered(raw, raw.isEmpty() ? "" : "<p>" + raw + "</p>\n", false);
    }

    // ---------------------------------------------------------------- who asks

    Account account(Credentials credentials) {
        if (down) {
            throw new WordPressException(502, WordPressException.UNREACHABLE, "WordPress cannot be reached at wp.test: connection refused");
        }
        if (slow) {
            throw new WordPressException(504, WordPressException.TIMEOUT, "WordPress did not answer within 60 s");
        }
        if (credentials.isAnonymous()) {
            return null;
        }
        String password = credentials.authorizationHeader();
        for (Account a : ACCOUNTS) {
            if (absent.contains(a)) {
                continue;
            }
            // WordPress ignores everything but letters and digits in an application password.
            if (Credentials.of(a.login(), a.password()).authorizationHeader().equals(password)
                    || a.login().equals(credentials.login()) && sameLetters(a.password(), credentials)) {
                return a;
            }
        }
        throw new WordPressException(401, "incorrect_password", "The provided password is an invalid application password.");
    }

    private static boolean sameLetters(String password, Credentials credentials) {
        String header = credentials.authorizationHeader();
        String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6)), java.nio.charset.StandardCharsets.UTF_8);
        String given = pair.substring(pair.indexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
        return given.equals(password.replaceAll("[^A-Za-z0-9]", ""));
    }

    private static Set<String> caps(Account a) {
        if (a == null) {
            return Set.of();
        }
        return switch (a.role()) {
            case "administrator" -> ADMIN_CAPS;
            case "editor" -> EDITOR_CAPS;
            case "author" -> AUTHOR_CAPS;
            case "contributor" -> Set.of("read", "edit_posts", "delete_posts");
            default -> Set.of("read");
        };
    }

    static boolean can(Account a, String cap) {
        return caps(a).contains(cap);
    }

    private void count(String call) {
        if (inBatch.get()) {
            return; // one of a batch's reads: the batch is the one call
        }
        calls.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
    }

    static WordPressException forbidden(Account who, String code, String message) {
        return new WordPressException(who == null ? 401 : 403, code, message);
    }

    // ---------------------------------------------------------------- permissions of posts

    static boolean readable(Account who, Post p) {
        if (p.status().equals("publish")) {
            return true;
        }
        if (p.status().equals("trash")) {
            return can(who, "edit_others_posts") || who != null && p.author() == who.id();
        }
        return who != null && (p.author() == who.id() && can(who, "edit_posts") || can(who, "edit_others_posts"));
    }

    private boolean editable(Account who, Post p) {
        if (who == null) {
            return false;
        }
        String own = editCapability(p.type());
        return can(who, own.replace("edit_", "edit_others_")) || p.author() == who.id() && can(who, own);
    }

    private static String typeOf(Endpoint<?> endpoint) {
        return endpoint.objectType();
    }

    /** Whether the collection is a registered post type's (posts, pages, books, …). */
    private boolean isPostType(Endpoint<?> endpoint) {
        return endpoint.type() == Post.class && postTypes.stream().anyMatch(type -> type.endpoint().equals(endpoint));
    }

    /** Whether the collection is a registered taxonomy's terms (categories, tags, genres, …). */
    private boolean isTaxonomy(Endpoint<?> endpoint) {
        return endpoint.type() == Term.class && taxonomies.stream().anyMatch(taxonomy -> taxonomy.endpoint().equals(endpoint));
    }

    /** The capability to edit one's own objects of the type ({@code capability_type} post or page: edit_posts, edit_pages). */
    private String editCapability(String type) {
        return postTypes.stream().filter(t -> t.name().equals(type)).map(PostType::editCapability).findFirst().orElse("edit_posts");
    }

    private List<Taxonomy> taxonomiesOf(String type) {
        return postTypes.stream().filter(t -> t.name().equals(type)).findFirst().map(PostType::taxonomies).orElse(List.of());
    }

    // ---------------------------------------------------------------- the client

    @Override
    public SiteIndex index(Credentials credentials) {
        count("index");
        account(credentials);
        return new SiteIndex(settings.title(), settings.description(), settings.url(), settings.url(), 0, List.of("wp/v2"));
    }

    @Override
    public User me(Credentials credentials) {
        count("me");
        Account a = account(credentials);
        if (a == null) {
            throw new WordPressException(401, "rest_not_logged_in", "You are not currently logged in.");
        }
        Map<String, Boolean> capabilities = new HashMap<>();
        caps(a).forEach(c -> capabilities.put(c, true));
        return new User(a.id(), a.login(), "Name of " + a.login(), "", "", a.login() + "@wp.test", "", "", "http://wp.test/author/" + a.login(),
                a.login(), a.login(), Instant.parse("2026-01-01T00:00:00Z"), List.of(a.role()), capabilities);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Listing<T> list(Credentials credentials, Endpoint<T> endpoint, ListQuery query) {
        count("list");
        Account who = account(credentials);
        List<Object> items = new ArrayList<>();
        if (isPostType(endpoint)) {
            String status = query.params().getOrDefault("status", "publish");
            if (!status.equals("publish") && !can(who, editCapability(typeOf(endpoint)))) {
                throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): status");
            }
            if (query.context() == Context.EDIT && !can(who, "edit_posts")) {
                throw forbidden(who, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.");
            }
            String include = query.params().get("include");
            String search = query.params().get("search");
            for (Post p : sorted(posts.values())) {
                boolean statusMatches = status.equals("any") ? !p.status().equals("trash") : List.of(status.split(",")).contains(p.status());
                if (p.type().equals(typeOf(endpoint)) && statusMatches && readable(who, p)
                        && (query.context() != Context.EDIT || editable(who, p))
                        && (include == null || List.of(include.split(",")).contains(String.valueOf(p.id())))
                        && (search == null || p.title().raw().contains(search))) {
                    items.add(withMeta(query.context() == Context.EDIT ? p : viewOf(p)));
                }
            }
        } else if (isTaxonomy(endpoint)) {
            String taxonomy = endpoint.objectType();
            terms.values().stream().filter(t -> t.taxonomy().equals(taxonomy)).sorted(Comparator.comparingLong(Term::id)).forEach(items::add);
        } else if (endpoint == Endpoint.COMMENTS) {
            String status = query.params().getOrDefault("status", "approve");
            if (!status.equals("approve") && !can(who, "moderate_comments")) {
                throw forbidden(who, "rest_forbidden_param", "Query parameter not permitted: status");
            }
            comments.values().stream().sorted(Comparator.comparingLong(Comment::id))
                    .filter(c -> status.equals("all") ? c.status().equals("approved") || c.status().equals("hold")
                            : c.status().equals(status.equals("approve") ? "approved" : status))
                    .forEach(items::add);
        } else if (endpoint.type() == Template.class) {
            items.addAll(templates.list(who, endpoint));
        } else if (endpoint == Endpoint.MEDIA) {
            // As the attachments controller: inherit by default; the trash to who may edit posts, each file to who may delete it.
            String status = query.params().getOrDefault("status", "inherit");
            if (!status.equals("inherit") && !can(who, "edit_posts")) {
                throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): status");
            }
            InMemoryCompanionPlugin p = plugin;
            media.values().stream().filter(m -> m.status().equals(status) && (status.equals("inherit") || mayDelete(who, m)))
                    .sorted(Comparator.comparingLong(Media::id))
                    .map(m -> p == null || query.context() != Context.EDIT ? m : withStatus(m, m.status(), p.drive.pathOf(m)))
                    .forEach(items::add);
        } else if (endpoint == Endpoint.USERS) {
            for (Account a : ACCOUNTS) {
                User u = me(Credentials.of(a.login(), a.password()));
                boolean published = posts.values().stream().anyMatch(p -> p.author() == a.id() && p.status().equals("publish"));
                if (can(who, "list_users")) {
                    items.add(u);
                } else if (published) {
                    items.add(new User(u.id(), null, u.name(), null, null, null, u.url(), u.description(), u.link(), u.slug(), null, null,
                            null, null));
                }
            }
        }
        return new Listing<>((List<T>) items, items.size());
    }

    private static List<Post> sorted(java.util.Collection<Post> all) {
        return all.stream().sorted(Comparator.comparingLong(Post::id)).toList();
    }

    /** What the view context shows: rendered text only. */
    private static Post viewOf(Post p) {
        return new Post(p.id(), p.type(), p.slug(), null, p.status(), p.link(), p.dateGmt(), p.modifiedGmt(), p.author(), p.parent(), null,
                new Rendered(null, p.title().raw(), false), new Rendered(null, p.content().rendered(), false),
                new Rendered(null, p.excerpt().rendered(), false), p.terms(),
                p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(), p.format(), p.template(), p.menuOrder());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Credentials credentials, Endpoint<T> endpoint, long id, Context context) {
        count("get");
        Account who = account(credentials);
        if (isPostType(endpoint)) {
            Post p = posts.get(id);
            if (p == null || !p.type().equals(typeOf(endpoint))) {
                throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
            }
            // WordPress asks whether the user may edit the post before whether they may read it.
            if (context == Context.EDIT && !editable(who, p)) {
                throw forbidden(who, "rest_forbidden_context", "Sorry, you are not allowed to edit this post.");
            }
            if (!readable(who, p)) {
                throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
            }
            return (T) withMeta(context == Context.EDIT ? p : viewOf(p));
        }
        if (isTaxonomy(endpoint)) {
            Term t = terms.get(id);
            if (t == null) {
                throw new WordPressException(404, "rest_term_invalid", "Term does not exist.");
            }
            if (context == Context.EDIT && !can(who, "manage_categories")) {
                throw forbidden(who, "rest_forbidden_context", "Sorry, you are not allowed to edit this term.");
            }
            return (T) t.withMeta(meta.shown(t.taxonomy(), t.id()));
        }
        if (endpoint == Endpoint.COMMENTS) {
            Comment c = comments.get(id);
            if (c == null || !c.status().equals("approved") && !can(who, "moderate_comments")) {
                throw new WordPressException(404, "rest_comment_invalid_id", "Invalid comment ID.");
            }
            if (context == Context.EDIT && !can(who, "moderate_comments")) {
                throw forbidden(who, "rest_forbidden_context", "Sorry, you are not allowed to edit comments.");
            }
            return (T) c;
        }
        if (endpoint == Endpoint.USERS) {
            Account a = ACCOUNTS.stream().filter(x -> x.id() == id).findFirst()
                    .orElseThrow(() -> new WordPressException(404, "rest_user_invalid_id", "Invalid user ID."));
            if (context == Context.EDIT && (who == null || who.id() != id && !can(who, "list_users"))) {
                throw forbidden(who, "rest_forbidden_context", "Sorry, you are not allowed to list users.");
            }
            return (T) me(Credentials.of(a.login(), a.password())).withMeta(meta.shown("user", id));
        }
        if (endpoint == Endpoint.MEDIA) {
            Media m = media.get(id);
            if (m == null) {
                throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
            }
            if (m.status().equals("trash") && !mayDelete(who, m)) {
                throw forbidden(who, "rest_forbidden", "Sorry, you are not allowed to do that.");
            }
            return (T) m;
        }
        throw new IllegalArgumentException(endpoint.route());
    }

    private volatile Runnable readingEach = () -> { };

    /** Reads made inside a batch, on this thread: counted as the batch, not each. */
    private final ThreadLocal<Boolean> inBatch = ThreadLocal.withInitial(() -> false);

    /** As the companion plugin's {@code pressdav/v1/reads}: one call, each read as alone; 404 without the plugin. */
    @Override
    public <T> Map<Long, Read<T>> getEach(Credentials credentials, Endpoint<T> endpoint, java.util.Collection<Long> ids, Context context) {
        count("reads");
        pluginFor(credentials);
        Map<Long, Read<T>> read = batched(() -> WordPressClient.super.getEach(credentials, endpoint, ids, context));
        readingEach.run();
        return read;
    }

    @Override
    public Map<Long, List<Post>> revisionsOfEach(Credentials credentials, Endpoint<Post> endpoint, java.util.Collection<Long> ids) {
        count("reads");
        pluginFor(credentials);
        return batched(() -> WordPressClient.super.revisionsOfEach(credentials, endpoint, ids));
    }

    private <V> V batched(java.util.function.Supplier<V> reads) {
        inBatch.set(true);
        try {
            return reads.get();
        } finally {
            inBatch.set(false);
        }
    }

    /** As WordPress's revisions controller: only who may edit the post lists them, newest first, raw. */
    @Override
    public List<Post> revisions(Credentials credentials, Endpoint<Post> endpoint, long id) {
        count("revisions");
        Account who = account(credentials);
        Post p = posts.get(id);
        if (p == null || !p.type().equals(typeOf(endpoint)) || !readable(who, p)) {
            throw new WordPressException(404, "rest_post_invalid_parent", "Invalid post parent ID.");
        }
        if (!editable(who, p)) {
            throw forbidden(who, "rest_cannot_read", "Sorry, you are not allowed to view revisions of this post.");
        }
        // WordPress gives a revision the excerpt only where the post's type supports excerpts (a page's has none).
        boolean excerpts = postTypes.stream().anyMatch(type -> type.name().equals(p.type()) && type.supports("excerpt"));
        List<Post> newestFirst = new ArrayList<>();
        for (Post revision : revisions.getOrDefault(id, List.of())) {
            newestFirst.add(0, excerpts ? revision : new Post(revision.id(), revision.type(), revision.slug(), null, revision.status(), null,
                    revision.dateGmt(), revision.modifiedGmt(), revision.author(), revision.parent(), null, revision.title(), revision.content(),
                    null, null, 0, null, null, null, null, null, null));
        }
        return newestFirst;
    }

    @Override
    public JsonNode getJson(Credentials credentials, Endpoint<?> endpoint, long id, Context context) {
        Object item = get(credentials, endpoint, id, context);
        if (item instanceof Post p) {
            // A post as REST gives it whole: raw text in the edit context, what a copy of its folder carries over.
            com.fasterxml.jackson.databind.node.ObjectNode post = json.createObjectNode().put("id", id).put("status", p.status())
                    .put("parent", p.parent());
            Map<String, Rendered> texts = new java.util.LinkedHashMap<>();
            texts.put("title", p.title());
            texts.put("content", p.content());
            texts.put("excerpt", p.excerpt());
            texts.forEach((name, text) -> {
                if (text != null) { // what the type does not support is not in WordPress's answer
                    post.putObject(name).put("raw", text.raw()).put("rendered", text.rendered());
                }
            });
            p.terms().forEach((field, ids) -> ids.forEach(post.putArray(field)::add));
            post.put("featured_media", p.featuredMedia()).put("comment_status", p.commentStatus()).put("ping_status", p.pingStatus())
                    .put("template", p.template());
            if (p.type().equals("post")) {
                post.put("sticky", p.sticky()).put("format", p.format());
            } else {
                post.put("menu_order", p.menuOrder());
            }
            return post;
        }
        return json.createObjectNode().put("id", id).put("record", item.toString());
    }

    /** As OPTIONS on the collection: its schema, with the meta keys registered for its type. */
    @Override
    public JsonNode schema(Credentials credentials, Endpoint<?> endpoint) {
        count("schema");
        return meta.schema(endpoint.objectType());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Credentials credentials, Endpoint<T> endpoint, Map<String, ?> fields) {
        count("create");
        Account who = account(credentials);
        if (isPostType(endpoint)) {
            if (!can(who, editCapability(typeOf(endpoint)))) {
                throw forbidden(who, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.");
            }
            Map<String, Object> f = new HashMap<>(fields);
            long id = addPost(typeOf(endpoint), who.id(), String.valueOf(f.getOrDefault("status", "draft")),
                    String.valueOf(f.getOrDefault("title", "")), String.valueOf(f.getOrDefault("content", "")));
            Post p = posts.get(id);
            Object slug = fields.get("slug");
            posts.put(id, withSlug(p, slug == null ? "" : sanitize(slug.toString())));
            changed(p.type(), id, "saved");
            return (T) posts.get(id);
        }
        if (isTaxonomy(endpoint)) {
            if (!can(who, "manage_categories")) {
                throw forbidden(who, "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.");
            }
            String taxonomy = endpoint.objectType();
            String name = String.valueOf(fields.get("name"));
            if (terms.values().stream().anyMatch(t -> t.taxonomy().equals(taxonomy) && t.name().equals(name))) {
                throw new WordPressException(400, "term_exists", "A term with the name provided already exists with this parent.");
            }
            return (T) terms.get(addTerm(taxonomy, name));
        }
        throw new IllegalArgumentException(endpoint.route());
    }

    private static String sanitize(String slug) {
        return slug.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static Post withSlug(Post p, String slug) {
        return new Post(p.id(), p.type(), slug, p.generatedSlug(), p.status(), p.link(), p.dateGmt(), p.modifiedGmt(), p.author(), p.parent(),
                p.password(), p.title(), p.content(), p.excerpt(), p.terms(),
                p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(), p.format(), p.template(), p.menuOrder());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T update(Credentials credentials, Endpoint<T> endpoint, long id, Map<String, ?> fields) {
        count("update");
        Account who = account(credentials);
        if (isPostType(endpoint)) {
            Post read = posts.get(id);
            if (read == null || !readable(who, read)) {
                throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
            }
            if (!editable(who, read)) {
                throw forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
            }
            Object status = fields.get("status");
            if (status != null && !List.of("publish", "future", "draft", "pending", "private").contains(status.toString())) {
                throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): status");
            }
            Settled settled = settle(who, read, fields);
            AtomicInteger inFlight = updating.computeIfAbsent(id, k -> new AtomicInteger());
            mostUpdatesAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // WordPress reads the whole post, changes the fields asked, and writes it all back.
                Thread.sleep(20);
                Post p = read;
                String title = fields.containsKey("title") ? fields.get("title").toString() : p.title().raw();
                String content = fields.containsKey("content") ? fields.get("content").toString() : p.content().raw();
                String excerpt = fields.containsKey("excerpt") ? fields.get("excerpt").toString() : p.excerpt().raw();
                if (title.isEmpty() && content.isEmpty() && excerpt.isEmpty()) {
                    throw new WordPressException(400, "empty_content", "Content, title, and excerpt are empty.");
                }
                String slug = fields.containsKey("slug") ? sanitize(fields.get("slug").toString()) : p.slug();
                // Each taxonomy of the type is a field by its rest_base; WordPress ignores one of another type's taxonomy.
                Map<String, List<Long>> terms = new HashMap<>(p.terms());
                for (Taxonomy taxonomy : taxonomiesOf(p.type())) {
                    if (fields.containsKey(taxonomy.restBase())) {
                        terms.put(taxonomy.restBase(), (List<Long>) fields.get(taxonomy.restBase()));
                    }
                }
                long parent = fields.containsKey("parent") ? ((Number) fields.get("parent")).longValue() : p.parent();
                Instant date = fields.containsKey("date_gmt")
                        ? LocalDateTime.parse(fields.get("date_gmt").toString()).toInstant(ZoneOffset.UTC) : p.dateGmt();
                // WordPress generates a slug-less draft's slug from its title, anew at each save.
                String generated = slug.isEmpty() ? sanitize(title) : p.generatedSlug();
                Post written = new Post(p.id(), p.type(), slug, generated, status == null ? p.status() : status.toString(), p.link(),
                        date, Instant.now().truncatedTo(ChronoUnit.SECONDS), p.author(), parent, p.password(), text(title),
                        text(content), text(excerpt), terms, settled.featuredMedia(), settled.sticky(), settled.commentStatus(),
                        settled.pingStatus(), settled.format(), settled.template(), settled.menuOrder());
                return write(() -> {
                    posts.put(id, written);
                    revise(written, who.id());
                    changed(written.type(), id, "saved");
                    // As WordPress: the post is saved first, its meta after (a meta value refused leaves the post saved).
                    if (fields.containsKey("meta")) {
                        meta.update(written.type(), id, fields.get("meta"));
                    }
                    return (T) withMeta(written);
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WordPressException(502, WordPressException.UNREACHABLE, "interrupted");
            } finally {
                inFlight.decrementAndGet();
            }
        }
        if (isTaxonomy(endpoint)) {
            Term t = terms.get(id);
            if (t == null) {
                throw new WordPressException(404, "rest_term_invalid", "Term does not exist.");
            }
            if (!can(who, "manage_categories")) {
                throw forbidden(who, "rest_cannot_update", "Sorry, you are not allowed to edit this term.");
            }
            Map<String, Object> f = new HashMap<>(fields);
            Term written = new Term(t.id(), String.valueOf(f.getOrDefault("name", t.name())),
                    fields.containsKey("slug") ? sanitize(fields.get("slug").toString()) : t.slug(),
                    String.valueOf(f.getOrDefault("description", t.description())), t.taxonomy(),
                    t.parent(), t.count(), t.link());
            terms.put(id, written);
            if (fields.containsKey("meta")) {
                meta.update(written.taxonomy(), id, fields.get("meta"));
            }
            changed(written.taxonomy(), id, "saved");
            return (T) written.withMeta(meta.shown(written.taxonomy(), id));
        }
        if (endpoint == Endpoint.USERS) {
            if (who == null || who.id() != id && !can(who, "edit_users")) {
                throw forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this user.");
            }
            if (fields.containsKey("meta")) {
                meta.update("user", id, fields.get("meta"));
            }
            return get(credentials, endpoint, id, Context.EDIT);
        }
        throw new IllegalArgumentException(endpoint.route());
    }

    /** The featured image, sticky, comment and ping status, format, template and menu order an update leaves a post with. */
    private record Settled(long featuredMedia, Boolean sticky, String commentStatus, String pingStatus, String format, String template,
            Integer menuOrder) {
    }

    private static final List<String> FORMATS = List.of("standard", "aside", "chat", "gallery", "link", "image", "quote", "status", "video",
            "audio");

    /**
     * As WordPress's REST takes these fields: each only for a type that has it (others are ignored), its values checked
     * against the schema (400, naming the parameter), and a sticky post only from one who may publish or edit others' posts.
     * The test bed's theme has no page templates, so the only template is none.
     */
    private Settled settle(Account who, Post p, Map<String, ?> fields) {
        boolean isPost = p.type().equals("post");
        Boolean sticky = p.sticky();
        if (isPost && fields.containsKey("sticky")) {
            Object value = fields.get("sticky");
            if (!(value instanceof Boolean flag)) {
                throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): sticky");
            }
            if (flag && !can(who, "edit_others_posts") && !can(who, "publish_posts")) {
                throw forbidden(who, "rest_cannot_assign_sticky", "Sorry, you are not allowed to make posts sticky.");
            }
            sticky = flag;
        }
        String commentStatus = oneOf(fields, "comment_status", List.of("open", "closed"), p.commentStatus());
        String pingStatus = oneOf(fields, "ping_status", List.of("open", "closed"), p.pingStatus());
        String format = isPost ? oneOf(fields, "format", FORMATS, p.format()) : p.format();
        String template = oneOf(fields, "template", List.of(""), p.template());
        Integer menuOrder = p.menuOrder();
        if (!isPost && fields.containsKey("menu_order")) {
            if (!(fields.get("menu_order") instanceof Number number)) {
                throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): menu_order");
            }
            menuOrder = number.intValue();
        }
        long featured = p.featuredMedia();
        if (fields.containsKey("featured_media")) {
            // WordPress ignores an id set_post_thumbnail refuses (no such attachment): the post keeps its image.
            long asked = ((Number) fields.get("featured_media")).longValue();
            featured = asked == 0 || media.containsKey(asked) ? asked : featured;
        }
        return new Settled(featured, sticky, commentStatus, pingStatus, format, template, menuOrder);
    }

    private static String oneOf(Map<String, ?> fields, String name, List<String> allowed, String current) {
        if (!fields.containsKey(name)) {
            return current;
        }
        if (!allowed.contains(String.valueOf(fields.get(name)))) {
            throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): " + name);
        }
        return fields.get(name).toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T trash(Credentials credentials, Endpoint<T> endpoint, long id) {
        count("trash");
        Account who = account(credentials);
        Post p = posts.get(id);
        if (p == null || !readable(who, p)) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!mayDelete(who, p)) {
            throw forbidden(who, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
        }
        trashedFrom.put(id, p.status());
        Post trashed = new Post(p.id(), p.type(), p.slug() + "__trashed", p.generatedSlug(), "trash", p.link(), p.dateGmt(), p.modifiedGmt(),
                p.author(), p.parent(), p.password(), p.title(), p.content(), p.excerpt(), p.terms(),
                p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(), p.format(), p.template(), p.menuOrder());
        posts.put(id, trashed);
        changed(trashed.type(), id, "trashed");
        return (T) trashed;
    }

    /** As core REST's DELETE without force of an attachment: to the trash on a site with {@code MEDIA_TRASH}, a 501 elsewhere. */
    @Override
    public Media trashMedia(Credentials credentials, long id) {
        count("trashMedia");
        Account who = account(credentials);
        Media m = media.get(id);
        if (m == null) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!mayDelete(who, m)) {
            throw forbidden(who, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
        }
        if (!mediaTrash) {
            throw new WordPressException(501, "rest_trash_not_supported", "The post does not support trashing. Set 'force=true' to delete.");
        }
        if (m.status().equals("trash")) {
            throw new WordPressException(410, "rest_already_trashed", "The post has already been deleted.");
        }
        Media trashed = withStatus(m, "trash", null);
        media.put(id, trashed);
        changed("attachment", id, "trashed");
        return trashed;
    }

    /** An attachment with another status (and, as core REST's edit context shows it with the plugin, its drive path). */
    static Media withStatus(Media m, String status, String drivePath) {
        return new Media(m.id(), m.slug(), status, m.link(), m.dateGmt(), m.modifiedGmt(), m.author(), m.post(), m.title(), m.mimeType(),
                m.mediaType(), m.sourceUrl(), m.mediaDetails(), drivePath);
    }

    /** Who may delete an attachment: its uploader, or who may delete others' posts. */
    static boolean mayDelete(Account who, Media m) {
        return can(who, "delete_others_posts") || who != null && m.author() == who.id();
    }

    /** The plugin's untrash of an attachment, placed at a drive path. */
    @Override
    public Media untrashMedia(Credentials credentials, long id, String drivePath) {
        count("untrash");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        return write(() -> p.untrashMedia(account(credentials), id, drivePath));
    }

    /** WordPress's {@code delete_post}: others' posts for who may delete them, one's own for who may delete posts. */
    static boolean mayDelete(Account who, Post p) {
        return who != null && (can(who, "delete_others_posts") || p.author() == who.id() && can(who, "delete_posts"));
    }

    /** As the companion plugin's untrash ({@code wp_untrash_post}): the status it had, its slug without {@code __trashed}. */
    @Override
    public Post untrash(Credentials credentials, Endpoint<Post> endpoint, long id) {
        count("untrash");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        return p.untrash(account(credentials), endpoint, id);
    }

    /** The trashed post back with {@code status} and its slug as it was; its trash meta forgotten. */
    Post restore(long id, String status) {
        Post p = posts.get(id);
        String slug = p.slug().endsWith("__trashed") ? p.slug().substring(0, p.slug().length() - "__trashed".length()) : p.slug();
        Post back = new Post(p.id(), p.type(), slug, p.generatedSlug(), status, p.link(), p.dateGmt(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                p.author(), p.parent(), p.password(), p.title(), p.content(), p.excerpt(), p.terms(),
                p.featuredMedia(), p.sticky(), p.commentStatus(), p.pingStatus(), p.format(), p.template(), p.menuOrder(), p.meta());
        posts.put(id, back);
        trashedFrom.remove(id);
        changed(back.type(), id, "saved");
        return back;
    }

    @Override
    public void delete(Credentials credentials, Endpoint<?> endpoint, long id) {
        count("delete");
        Account who = account(credentials);
        if (isPostType(endpoint)) {
            Post p = posts.get(id);
            if (p == null || !p.type().equals(typeOf(endpoint))) {
                throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
            }
            if (!mayDelete(who, p)) {
                throw forbidden(who, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
            }
            posts.remove(id);
            trashedFrom.remove(id);
            revisions.remove(id);
            changed(p.type(), id, "deleted");
        } else if (isTaxonomy(endpoint)) {
            if (!can(who, "manage_categories")) {
                throw forbidden(who, "rest_cannot_delete", "Sorry, you are not allowed to delete this term.");
            }
            Term gone = terms.remove(id);
            if (gone != null) {
                changed(gone.taxonomy(), id, "deleted");
            }
        } else if (endpoint == Endpoint.MEDIA) {
            Media m = media.get(id);
            if (m == null || !mayDelete(who, m)) {
                throw forbidden(who, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
            }
            media.remove(id);
            InMemoryCompanionPlugin p = plugin;
            if (p != null) {
                p.drive.forget(id);
            }
            changed("attachment", id, "deleted");
        } else {
            throw new IllegalArgumentException(endpoint.route());
        }
    }

    @Override
    public Template saveTemplate(Credentials credentials, Endpoint<Template> endpoint, String id, Map<String, ?> fields) {
        count("saveTemplate");
        Account who = account(credentials);
        return write(() -> templates.save(who, endpoint, id, fields));
    }

    /** The block theme's (none for a classic theme: WordPress links no styles to it); refused as WordPress refuses them. */
    @Override
    public GlobalStyles globalStyles(Credentials credentials) {
        count("globalStyles");
        Account who = account(credentials);
        if (!can(who, "edit_theme_options")) {
            throw forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this global style.");
        }
        InMemoryGlobalStyles styles = globalStyles;
        return styles == null ? null : styles.read(who);
    }

    @Override
    public GlobalStyles saveGlobalStyles(Credentials credentials, GlobalStyles saved, Map<String, ?> fields) {
        count("saveGlobalStyles");
        Account who = account(credentials);
        InMemoryGlobalStyles styles = globalStyles;
        if (styles == null) {
            throw new WordPressException(404, "rest_global_styles_not_found", "No global styles config exist with that id.");
        }
        GlobalStyles now = write(() -> styles.save(who, saved, fields));
        // WordPress keeps them as a post: its save_post tells the plugin's feed.
        changed("wp_global_styles", now.id(), "saved");
        return now;
    }

    @Override
    public void revertTemplate(Credentials credentials, Endpoint<Template> endpoint, String id) {
        count("revertTemplate");
        Account who = account(credentials);
        write(() -> {
            templates.revert(who, endpoint, id);
            return null;
        });
    }

    @Override
    public Media upload(Credentials credentials, String fileName, String contentType, Path file, String drivePath) {
        count("upload");
        Account who = account(credentials);
        InMemoryCompanionPlugin p = plugin;
        boolean toDrive = p != null && drivePath != null;
        if (toDrive) {
            // The plugin's checks of the name and the path come before core stores anything.
            List<String> names = InMemoryMediaDrive.parse(drivePath);
            WordPressException refused = InMemoryCompanionPlugin.uploadRefusal(who, names.get(names.size() - 1));
            if (refused == null) {
                refused = p.drive.refusalAt(drivePath);
            }
            if (refused != null) {
                throw refused;
            }
        }
        byte[] bytes = bytesOf(file);
        return write(() -> {
            Media m = stored(who, fileName, contentType, bytes, toDrive);
            if (toDrive) {
                p.drive.place(m.id(), drivePath);
            }
            return m;
        });
    }

    /**
     * A new attachment as core stores an upload: in this month's folder, under a name no other file
     * there has (with the plugin, a drive upload without an extension gets {@code .bin} on disk).
     */
    Media stored(Account who, String fileName, String contentType, byte[] bytes, boolean toDrive) {
        if (!can(who, "upload_files")) {
            throw forbidden(who, "rest_cannot_create", "Sorry, you are not allowed to upload media on this site.");
        }
        if (fileName.endsWith(".exe")) {
            throw new WordPressException(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
        }
        long id = ids.incrementAndGet();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String onDisk = toDrive && !fileName.contains(".") ? fileName + ".bin" : fileName;
        String path = uniqueOnDisk(String.format("%d/%02d/", now.getYear(), now.getMonthValue()), onDisk);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Media m = new Media(id, fileName, "inherit", "http://wp.test/?attachment=" + id, at, at, who.id(), 0, text(fileName), contentType,
                "file", "http://wp.test/wp-content/uploads/" + path, new Media.Details(path, (long) bytes.length, null, null), null);
        media.put(id, m);
        files.put(id, bytes);
        changed("attachment", id, "saved");
        return m;
    }

    /** With the plugin, as WordPress does, a name taken in the folder gets -1, -2 added; core-only tests keep the name as given. */
    private String uniqueOnDisk(String folder, String name) {
        if (plugin == null) {
            return folder + name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String candidate = folder + name;
        for (int n = 1; taken(candidate); n++) {
            candidate = folder + base + "-" + n + extension;
        }
        return candidate;
    }

    private boolean taken(String path) {
        return media.values().stream().anyMatch(m -> m.mediaDetails().file().equals(path));
    }

    @Override
    public MediaContent download(Credentials credentials, Media m, String range) {
        count("download");
        account(credentials);
        byte[] bytes = files.get(m.id());
        if (range == null) {
            return MediaContent.of(m.sourceUrl(), 200, Map.of(), bytes);
        }
        String[] fromTo = range.substring("bytes=".length()).split("-");
        int from = Integer.parseInt(fromTo[0]);
        int to = fromTo.length > 1 ? Math.min(Integer.parseInt(fromTo[1]), bytes.length - 1) : bytes.length - 1;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        return MediaContent.of(m.sourceUrl(), 206, headers, java.util.Arrays.copyOfRange(bytes, from, to + 1));
    }

    /** The plugin's account of itself, to anyone; a 404 where it is not active. */
    @Override
    public Companion companion(Credentials credentials) {
        count("companion");
        return pluginFor(credentials).status();
    }

    @Override
    public <T> List<T> index(Credentials credentials, Endpoint<T> endpoint) {
        count("index:" + endpoint.objectType());
        InMemoryCompanionPlugin p = pluginFor(credentials);
        return p.index(account(credentials), endpoint);
    }

    @Override
    public Changes changes(Credentials credentials, long since, int limit) {
        count("changes");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        return p.feed.since(account(credentials), since, limit);
    }

    @Override
    public List<String> mediaFolders(Credentials credentials) {
        count("mediaFolders");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        return p.drive.folders(account(credentials));
    }

    @Override
    public void makeMediaFolder(Credentials credentials, String path) {
        count("makeMediaFolder");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        Account who = uploader(credentials);
        write(() -> {
            p.drive.makeFolder(who, path);
            return path;
        });
    }

    @Override
    public void moveMediaFolder(Credentials credentials, String from, String to) {
        count("moveMediaFolder");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        Account who = uploader(credentials);
        write(() -> {
            p.drive.moveFolder(who, from, to);
            return to;
        });
    }

    @Override
    public void deleteMediaFolder(Credentials credentials, String path) {
        count("deleteMediaFolder");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        uploader(credentials);
        write(() -> {
            p.drive.deleteFolder(path);
            return path;
        });
    }

    @Override
    public void moveMedia(Credentials credentials, long id, String path) {
        count("moveMedia");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        Account who = uploader(credentials);
        write(() -> {
            p.drive.moveFile(who, id, path);
            return path;
        });
    }

    private static byte[] bytesOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sent as {@link OkHttpWordPressClient} sends it: opened, a request a chunk, finished; aborted
     * when any step fails, so that a failed upload leaves nothing open.
     */
    @Override
    public long uploadInChunks(Credentials credentials, String fileName, Path file, String drivePath, long replaces, long chunkBytes) {
        count("uploadInChunks");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        Account who = uploader(credentials);
        byte[] bytes = bytesOf(file);
        String id = p.uploads.open(who, fileName, bytes.length, drivePath, replaces, chunkBytes);
        try {
            int chunks = 0;
            for (long offset = 0; offset < bytes.length; offset += chunkBytes, chunks++) {
                p.uploads.chunk(account(credentials), id, chunks,
                        java.util.Arrays.copyOfRange(bytes, (int) offset, (int) Math.min(bytes.length, offset + chunkBytes)));
            }
            int all = chunks;
            return write(() -> p.uploads.finish(account(credentials), id, all));
        } catch (RuntimeException e) {
            try {
                p.uploads.abort(account(credentials), id);
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    @Override
    public void replaceMedia(Credentials credentials, long id, String contentType, Path file) {
        count("replaceMedia");
        InMemoryCompanionPlugin p = pluginFor(credentials);
        Account who = uploader(credentials);
        byte[] bytes = bytesOf(file);
        write(() -> {
            p.drive.replaceFile(who, id, bytes);
            return id;
        });
    }

    /** The plugin, where it is active; what a site without it answers on its routes otherwise. */
    private InMemoryCompanionPlugin pluginFor(Credentials credentials) {
        InMemoryCompanionPlugin p = plugin;
        if (p == null) {
            throw noCompanion(credentials);
        }
        account(credentials);
        return p;
    }

    /** The caller, where the route's own check lets them through: the media drive's and the uploads' routes are for those who may upload. */
    private Account uploader(Credentials credentials) {
        Account who = account(credentials);
        InMemoryCompanionPlugin.requireUploader(who);
        return who;
    }

    /** What a site without the companion plugin answers on its routes. */
    private WordPressException noCompanion(Credentials credentials) {
        account(credentials);
        return new WordPressException(404, "rest_no_route", "No route was found matching the URL and request method.");
    }

    /** A post type registered with {@code show_in_rest}, with its taxonomies (only its descriptor: its objects are not kept). */
    public InMemoryWordPress registerPostType(PostType type) {
        type.taxonomies().stream().filter(taxonomy -> !taxonomies.contains(taxonomy)).forEach(taxonomies::add);
        postTypes.add(type);
        return this;
    }

    /** A post type no longer registered, and the taxonomies no other type has. */
    public InMemoryWordPress unregisterPostType(String name) {
        postTypes.removeIf(type -> type.name().equals(name));
        taxonomies.removeIf(taxonomy -> postTypes.stream().noneMatch(type -> type.taxonomies().contains(taxonomy)));
        return this;
    }

    /** A plugin registering this type activated: the plugin's feed reports it as a change of settings ({@code activated_plugin}). */
    public InMemoryWordPress activatePluginRegistering(PostType type) {
        registerPostType(type);
        changed("settings", 0, "saved");
        return this;
    }

    /** The plugin that registered this type deactivated: a change of settings too ({@code deactivated_plugin}). */
    public InMemoryWordPress deactivatePluginRegistering(String name) {
        unregisterPostType(name);
        changed("settings", 0, "saved");
        return this;
    }

    /**
     * As WordPress answers: in the edit context the types this user may edit, each with its capability, and the
     * taxonomies of those types (core's {@code assign_terms} of its own taxonomies is the type's {@code edit_posts});
     * to a user who may edit no type (and to visitors), every type without a capability and every taxonomy without
     * its label, so that a term's noun is the taxonomy's name.
     */
    @Override
    public SiteTypes types(Credentials credentials) {
        Account who = account(credentials);
        count("types");
        List<PostType> editable = postTypes.stream().filter(type -> can(who, type.editCapability())).toList();
        if (editable.isEmpty()) {
            Map<Taxonomy, Taxonomy> unlabelled = new LinkedHashMap<>();
            taxonomies.forEach(taxonomy -> unlabelled.put(taxonomy, new Taxonomy(taxonomy.endpoint(), taxonomy.hierarchical(), taxonomy.name())));
            return new SiteTypes(postTypes.stream().map(type -> new PostType(type.endpoint(), type.hierarchical(), null,
                    type.taxonomies().stream().map(unlabelled::get).toList())).toList(), List.copyOf(unlabelled.values()));
        }
        return new SiteTypes(editable, taxonomies.stream().filter(taxonomy -> editable.stream().anyMatch(type -> type.taxonomies().contains(taxonomy)))
                .toList());
    }

    @Override
    public Settings settings(Credentials credentials) {
        Account who = account(credentials);
        if (!can(who, "manage_options")) {
            throw forbidden(who, "rest_forbidden", "Sorry, you are not allowed to do that.");
        }
        return settings;
    }

    @Override
    public Settings updateSettings(Credentials credentials, Map<String, ?> fields) {
        Settings s = settings(credentials);
        Map<String, Object> f = new HashMap<>(fields);
        settings = new Settings(String.valueOf(f.getOrDefault("title", s.title())),
                String.valueOf(f.getOrDefault("description", s.description())), s.url(), s.email(),
                s.timezone(), s.language());
        changed("settings", 0, "saved");
        return settings;
    }
}
