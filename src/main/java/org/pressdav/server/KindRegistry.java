package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.Template;
import org.pressdav.wordpress.WordPressClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kinds of WordPress object the drive shows, found rather than listed: the post types and taxonomies
 * WordPress publishes in REST ({@code wp/v2/types}, {@code wp/v2/taxonomies}, read as the public sees them:
 * every one with {@code show_in_rest}), each a top folder under its {@code rest_base}, read at start, every
 * {@code --types-refresh} and at each change of settings the change feed reports ({@link #refresh}). The
 * cache and the change feed follow {@link #types()}, so the objects of a type found since start are
 * forgotten when they change. Posts, pages, categories and tags are the drive's own folders whatever
 * WordPress says.
 */
final class KindRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KindRegistry.class);

    /**
     * Post types whose REST controller is not WordPress's posts controller (menu items, global styles, fonts): their
     * objects are not posts, so no found folder shows them; the active theme's global styles are the drive's own
     * {@code global-styles/}, templates and template parts are {@link #TEMPLATES}.
     */
    static final Set<String> NOT_POSTS = Set.of("nav_menu_item", "wp_global_styles", "wp_font_family", "wp_font_face");

    /** The template types, whose objects WordPress's templates controller serves with string ids ({@code theme//slug}). */
    static final Set<String> TEMPLATES = Set.of("wp_template", "wp_template_part");

    /** The template type whose objects are parts ({@code area.txt}). */
    static final String TEMPLATE_PARTS = "wp_template_part";

    /** Taxonomies whose REST controller is not the terms controller (menus): left out too. */
    static final Set<String> NOT_TERMS = Set.of("nav_menu");

    /**
     * The drive's folders whatever WordPress has, {@code global-styles/} and {@code trash/}: a found kind never takes one of
     * these names.
     * Lower case: Finder and Explorer take {@code Posts} for {@code posts}.
     */
    static final List<String> FIXED = List.of("site", "posts", "pages", "global-styles", "media", "users", "categories", "tags", "comments",
            "trash");

    /** The drive's own taxonomies by WordPress's name: a found type's categories and tags are these. */
    private static final Map<String, Taxonomy> CORE_TAXONOMIES = SiteTypes.CORE.taxonomies().stream()
            .collect(Collectors.toMap(Taxonomy::name, taxonomy -> taxonomy));

    /**
     * A post type or taxonomy found (as the public sees it), under the name of its top folder; {@code name} is
     * WordPress's name of it ({@code book}). {@code internal}: one of WordPress's own
     * ({@code wp_block}, {@code wp_navigation}: its name begins with {@code wp_}), shown only to users who may edit it.
     */
    record Found<K>(String folder, K kind, String name, boolean internal) {
    }

    /**
     * What the last reading found: the drive's types (its own and those found), and the found kinds by folder; the
     * template types found ({@code templates}) are no post types of the drive (their objects are not posts).
     */
    record Kinds(SiteTypes types, List<Found<PostType>> postTypes, List<Found<Taxonomy>> taxonomies, List<Found<PostType>> templates) {
        static final Kinds CORE = new Kinds(SiteTypes.CORE, List.of(), List.of(), List.of());

        /** The found kinds' folders and names, for the log. */
        String describe() {
            List<String> all = new ArrayList<>();
            postTypes.forEach(found -> all.add(found.folder() + "/ (" + found.name() + (found.internal() ? ", to those who may edit it" : "") + ")"));
            taxonomies.forEach(found -> all.add(found.folder() + "/ (" + found.name() + (found.internal() ? ", to those who may edit it" : "") + ")"));
            templates.forEach(found -> all.add(found.folder() + "/ (" + found.name() + ", to those who may edit it)"));
            return all.isEmpty() ? "none" : String.join(", ", all);
        }
    }

    private final WordPressClient origin;
    private final Duration every;
    /** Each user's own answer of {@code wp/v2/types} (the edit context: the types they may edit), until the next reading. */
    private final Cache<String, SiteTypes> seenBy;
    private final ScheduledExecutorService reader;
    /** Makes a reading's top folders; guarded by {@code this}, as {@link #refresh} is. */
    private Function<Kinds, List<TopFolder>> assembly = found -> List.of();
    /** The last reading with its top folders, published together: a request never sees new kinds with old folders. */
    private volatile Shown shown = new Shown(Kinds.CORE, List.of());

    /** One reading and the top folders made of it. */
    private record Shown(Kinds kinds, List<TopFolder> tops) {
        Shown {
            tops = List.copyOf(tops);
        }
    }

    /** Reads the kinds from {@code origin} now; {@link #start} reads them again every {@code every} (zero: never by time). */
    KindRegistry(WordPressClient origin, Duration every) {
        this.origin = origin;
        this.every = every;
        this.seenBy = Caffeine.newBuilder().expireAfterWrite(every.isZero() ? Duration.ofMinutes(10) : every).maximumSize(10_000).build();
        this.reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pressdav-types");
            thread.setDaemon(true);
            return thread;
        });
        refresh();
    }

    /** The post types and taxonomies the drive shows now: the collections the cache and the change feed follow. */
    SiteTypes types() {
        return shown.kinds().types();
    }

    /**
     * The REST collection whose objects the drive's top folder of this name holds now (the drive's own by their
     * {@code rest_base}, a found kind's by the folder it was given): what another instance's write there names.
     */
    List<Endpoint<?>> endpointsOf(String folder) {
        Kinds now = shown.kinds();
        List<Endpoint<?>> endpoints = new ArrayList<>();
        SiteTypes.CORE.endpoints().stream().filter(endpoint -> endpoint.restBase().equals(folder)).forEach(endpoints::add);
        now.postTypes().stream().filter(found -> found.folder().equals(folder)).forEach(found -> endpoints.add(found.kind().endpoint()));
        now.taxonomies().stream().filter(found -> found.folder().equals(folder)).forEach(found -> endpoints.add(found.kind().endpoint()));
        now.templates().stream().filter(found -> found.folder().equals(folder)).forEach(found -> endpoints.add(templatesOf(found)));
        return endpoints;
    }

    /** The drive's top folders now, in the order they are listed. */
    List<TopFolder> tops() {
        return shown.tops();
    }

    /** Makes the top folders of each reading with {@code assembly} (from now on), and reads again every {@code --types-refresh}. */
    synchronized void start(Function<Kinds, List<TopFolder>> assembly) {
        this.assembly = assembly;
        Kinds kinds = shown.kinds();
        shown = new Shown(kinds, assembly.apply(kinds));
        if (!every.isZero()) {
            reader.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads the kinds again, as the public sees them, and shows what changed. A WordPress that does not answer, or a
     * reading whose folders cannot be made, leaves the drive as it was (the next reading tries again): this runs on the
     * scheduler, which would never run it again after an exception.
     */
    synchronized void refresh() {
        SiteTypes site;
        try {
            site = origin.types(Credentials.ANONYMOUS);
        } catch (RuntimeException e) {
            log.warn("the site's post types and taxonomies could not be read ({}): the drive shows those it had", e.getMessage());
            return;
        }
        Shown before = shown;
        try {
            Kinds found = found(site, before.kinds());
            shown = new Shown(found, assembly.apply(found));
            seenBy.invalidateAll();
            if (!found.equals(before.kinds())) {
                log.info("kinds found in WordPress: {}", found.describe());
            }
        } catch (RuntimeException e) {
            log.error("the folders of the site's post types and taxonomies could not be made: the drive shows those it had", e);
        }
    }

    /**
     * The site's types and taxonomies read into the drive's kinds, each found one under its folder's name (see
     * {@link #folderName}). A kind {@code previous} had (the same collection) keeps the folder it was given there, whatever
     * was registered since: a mounted drive's folders are not renamed under it.
     */
    static Kinds found(SiteTypes site, Kinds previous) {
        Map<Endpoint<?>, String> given = new HashMap<>();
        previous.postTypes().forEach(found -> given.put(found.kind().endpoint(), found.folder()));
        previous.taxonomies().forEach(found -> given.put(found.kind().endpoint(), found.folder()));
        previous.templates().forEach(found -> given.put(found.kind().endpoint(), found.folder()));
        List<PostType> types = site.postTypes().stream()
                .filter(type -> !SiteTypes.CORE.isPostType(type.name()) && !NOT_POSTS.contains(type.name())).toList();
        List<Taxonomy> ownTaxonomies = site.taxonomies().stream()
                .filter(taxonomy -> !CORE_TAXONOMIES.containsKey(taxonomy.name()) && !NOT_TERMS.contains(taxonomy.name())).toList();
        given.keySet().retainAll(Stream.concat(types.stream().map(PostType::endpoint), ownTaxonomies.stream().map(Taxonomy::endpoint)).toList());
        Set<String> taken = new HashSet<>(FIXED);
        given.values().forEach(folder -> taken.add(folder.toLowerCase(Locale.ROOT)));
        List<Found<PostType>> postTypes = new ArrayList<>();
        List<Found<PostType>> templates = new ArrayList<>();
        for (PostType type : types) {
            String folder = keptOrNamed(type.endpoint(), type.restBase(), type.name(), given, taken);
            if (TEMPLATES.contains(type.name())) {
                templates.add(new Found<>(folder, type, type.name(), true));
            } else {
                postTypes.add(new Found<>(folder, withCoreTaxonomies(type), type.name(), isInternal(type.name())));
            }
        }
        List<Found<Taxonomy>> taxonomies = new ArrayList<>();
        for (Taxonomy taxonomy : ownTaxonomies) {
            String folder = keptOrNamed(taxonomy.endpoint(), taxonomy.restBase(), taxonomy.name(), given, taken);
            taxonomies.add(new Found<>(folder, taxonomy, taxonomy.name(), isInternal(taxonomy.name())));
        }
        List<PostType> allTypes = new ArrayList<>(SiteTypes.CORE.postTypes());
        postTypes.forEach(found -> allTypes.add(found.kind()));
        List<Taxonomy> allTaxonomies = new ArrayList<>(SiteTypes.CORE.taxonomies());
        taxonomies.forEach(found -> allTaxonomies.add(found.kind()));
        return new Kinds(new SiteTypes(allTypes, allTaxonomies), List.copyOf(postTypes), List.copyOf(taxonomies), List.copyOf(templates));
    }

    /** The REST collection of a template type found ({@code wp/v2/templates}), whose objects are templates, not posts. */
    static Endpoint<Template> templatesOf(Found<PostType> found) {
        Endpoint<Post> route = found.kind().endpoint();
        String namespace = route.route().substring(0, route.route().lastIndexOf('/'));
        return Endpoint.ofTemplates(namespace, route.restBase(), found.name());
    }

    /** Whether a template type found holds parts (with an area). */
    static boolean holdsParts(Found<PostType> found) {
        return found.name().equals(TEMPLATE_PARTS);
    }

    /** The folder the collection was given at the previous reading, else one named now by the clash rule. */
    private static String keptOrNamed(Endpoint<?> endpoint, String restBase, String name, Map<Endpoint<?>, String> given, Set<String> taken) {
        String kept = given.get(endpoint);
        return kept != null ? kept : folderName(restBase, name, taken);
    }

    /**
     * The clash rule: a found kind's folder is its {@code rest_base} made a safe name ({@link Names#safe}), unless that
     * is one of the drive's own folders ({@link #FIXED}), a kind's kept from the previous reading, or an earlier kind's
     * (post types are named first, in WordPress's order, then taxonomies), compared without case; then {@code <rest_base>-<name>}, and past that a number
     * ({@code -2}, {@code -3}, …). {@code taken} gains the name given.
     */
    static String folderName(String restBase, String name, Set<String> taken) {
        String wanted = Names.safe(restBase);
        if (clashes(wanted, taken)) {
            wanted = Names.safe(restBase + "-" + name);
        }
        String folder = wanted;
        for (int n = 2; clashes(folder, taken); n++) {
            folder = wanted + "-" + n;
        }
        taken.add(folder.toLowerCase(Locale.ROOT));
        return folder;
    }

    private static boolean clashes(String folder, Set<String> taken) {
        return folder.isEmpty() || folder.equals(".") || folder.equals("..") || taken.contains(folder.toLowerCase(Locale.ROOT));
    }

    /** WordPress reserves the {@code wp_} prefix for its own types and taxonomies (reusable blocks, navigation menus, …). */
    private static boolean isInternal(String name) {
        return name.startsWith("wp_");
    }

    /** A found type's categories and tags are the drive's own taxonomies (with their nouns), not the public's unlabelled ones. */
    private static PostType withCoreTaxonomies(PostType type) {
        List<Taxonomy> own = type.taxonomies().stream().map(taxonomy -> CORE_TAXONOMIES.getOrDefault(taxonomy.name(), taxonomy)).toList();
        return new PostType(type.endpoint(), type.hierarchical(), type.editCapability(), own, type.supports());
    }

    /**
     * The type as this user sees it: from their own answer where they may edit it (with the capability to edit it and
     * the features it supports, which decide its fields and whether its listing asks for every status), else as the
     * public sees it.
     */
    PostType asSeenBy(DavSession session, Found<PostType> found) {
        return ownTypes(session).flatMap(own -> own.postTypes().stream().filter(type -> type.name().equals(found.name())).findFirst())
                .filter(type -> type.editCapability() != null)
                .map(KindRegistry::withCoreTaxonomies)
                .orElse(found.kind());
    }

    /** Whether the user may edit objects of this type: WordPress lists it to them in the edit context. */
    boolean mayEdit(DavSession session, Found<PostType> found) {
        return ownTypes(session).map(own -> own.postTypes().stream()
                .anyMatch(type -> type.name().equals(found.name()) && type.editCapability() != null)).orElse(false);
    }

    /** Whether the user may assign terms of this taxonomy: WordPress lists it to them with a type they may edit. */
    boolean mayAssign(DavSession session, Found<Taxonomy> found) {
        return ownTypes(session).map(own -> own.postTypes().stream().anyMatch(type -> type.editCapability() != null)
                && own.taxonomies().stream().anyMatch(taxonomy -> taxonomy.name().equals(found.name()))).orElse(false);
    }

    /**
     * The user's own answer of {@code wp/v2/types}, asked once until the next reading; none for visitors, or where
     * WordPress does not answer now (the folders that depend on it are then not shown, the rest of the drive is).
     */
    private Optional<SiteTypes> ownTypes(DavSession session) {
        if (session.isAnonymous()) {
            return Optional.empty();
        }
        try {
            return Optional.of(seenBy.get(session.userKey(), user -> session.wordpress().types(session.credentials())));
        } catch (RuntimeException e) {
            log.debug("the types {} may edit could not be read: {}", session.userKey(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
