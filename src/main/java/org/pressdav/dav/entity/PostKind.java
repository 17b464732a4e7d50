package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.node.ReadAhead;
import org.pressdav.dav.node.Shelving;
import org.pressdav.dav.node.Reads;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.Rendered;
import org.pressdav.wordpress.Taxonomy;
import org.pressdav.wordpress.WordPressClient;

/**
 * The objects of a post type: {@code posts/<id>-<slug>/content.html}, …; a hierarchical type (pages)
 * adds {@code parent.txt}, each of the type's taxonomies a list of its terms ({@code categories.txt}),
 * and each feature the type supports the fields WordPress's REST gives it ({@code featured-image.txt}
 * for thumbnails, {@code comment-status.txt} for comments, …).
 */
public final class PostKind implements ObjectKind<Post> {
    private static final String[] LISTED = {"id", "slug", "status", "date_gmt", "modified_gmt"};

    private final String folderName;
    private final PostType type;
    private final Endpoint<Post> endpoint;
    private final List<PostType> allTypes;
    private final boolean fromIndex;
    private final FeaturedImage featuredImage;
    private final List<Field<Post>> fields;
    private final ReadAhead readAhead;

    /**
     * The objects of {@code type}, in the folder named by its {@code rest_base}, listed from the companion
     * plugin's index ({@code fromIndex}) or from core REST. {@code allTypes}: where the object {@code parent.txt}
     * names is looked for (WordPress lets a page's parent be a post); writing it names one of this type.
     * {@code media}: the library whose paths name a featured image, as the drive's {@code media/} shows them.
     * {@code readAhead}: where walkers' next posts are read in batches ({@link ReadAhead#OFF}: never).
     */
    public PostKind(PostType type, List<PostType> allTypes, boolean fromIndex, MediaLibrary media, ReadAhead readAhead) {
        this(type.restBase(), type, allTypes, fromIndex, media, readAhead);
    }

    /** The same in a folder of another name than the type's {@code rest_base} (where that name is taken: see the README). */
    public PostKind(String folderName, PostType type, List<PostType> allTypes, boolean fromIndex, MediaLibrary media, ReadAhead readAhead) {
        this.folderName = folderName;
        this.type = type;
        this.endpoint = type.endpoint();
        this.allTypes = List.copyOf(allTypes);
        this.fromIndex = fromIndex;
        this.featuredImage = new FeaturedImage(media, endpoint);
        this.fields = fieldsFor(type);
        this.readAhead = readAhead;
    }

    @Override
    public String folderName() {
        return folderName;
    }

    @Override
    public List<Post> list(DavSession session) {
        if (fromIndex) {
            // One request a few thousand posts, what core REST's view context shows this user, draft names included.
            return session.wordpress().index(session.credentials(), endpoint);
        }
        ListQuery query = ListQuery.all().withFields(LISTED);
        boolean editor = editsType(session);
        if (editor) {
            // Drafts, pending, private and scheduled too, in the view context: WordPress leaves out what
            // this user may not read. (In the edit context it would also leave out what they may not
            // edit: an author would see only their own posts.)
            query = query.with("status", "any");
        }
        List<Post> posts = session.wordpress().list(session.credentials(), endpoint, query).items();
        return editor ? withDraftNames(session, posts) : posts;
    }

    /**
     * WordPress computes {@code generated_slug} with a sample permalink per post, which doubles the
     * cost of a listing; only posts without a slug (drafts) need it, so only they are asked again.
     */
    private List<Post> withDraftNames(DavSession session, List<Post> posts) {
        List<Long> unnamed = posts.stream().filter(p -> p.slug() == null || p.slug().isEmpty()).map(Post::id).toList();
        if (unnamed.isEmpty()) {
            return posts;
        }
        Map<Long, Post> named = new HashMap<>();
        for (int from = 0; from < unnamed.size(); from += 100) {
            String ids = unnamed.subList(from, Math.min(from + 100, unnamed.size())).stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            ListQuery drafts = ListQuery.all().withFields("id", "generated_slug", "title").withContext(Context.EDIT)
                    .with("status", "any").with("include", ids);
            for (Post draft : session.wordpress().list(session.credentials(), endpoint, drafts).items()) {
                named.put(draft.id(), draft);
            }
        }
        return posts.stream().map(p -> named.containsKey(p.id()) ? p.withDraftName(named.get(p.id())) : p).toList();
    }

    @Override
    public Optional<Post> find(DavSession session, String name) {
        OptionalLong id = idIn(name);
        return id.isEmpty() ? Optional.empty() : byId(session, id.getAsLong()).filter(post -> nameOf(post).equals(name));
    }

    /** The id a post's folder name begins with ({@code 12} of {@code 12-hello}, of {@code 12}); none where it begins with no id. */
    static OptionalLong idIn(String name) {
        int dash = name.indexOf('-');
        String digits = dash < 0 ? name : name.substring(0, dash);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    @Override
    public String name(Post post) {
        return nameOf(post);
    }

    /** By year and month of their date, as WordPress's own archives: {@code posts/2024/05/}. */
    @Override
    public Shelving shelving() {
        return Shelving.BY_DATE;
    }

    @Override
    public long id(Post post) {
        return post.id();
    }

    @Override
    public Optional<Post> byId(DavSession session, long id) {
        return Reads.ifVisible(session, endpoint, id).filter(post -> !"trash".equals(post.status()));
    }

    /** "New Folder": a draft whose title and slug come from the folder's name. */
    @Override
    public Post create(DavSession session, String name) {
        return session.wordpress().create(session.credentials(), endpoint, Map.of("title", name, "slug", name, "status", "draft"));
    }

    /**
     * What a copy keeps of the original, besides its title, content, excerpt and the terms of the type's taxonomies
     * (those WordPress has for this kind).
     */
    private static final List<String> COPIED = List.of("featured_media", "parent", "menu_order", "template", "format", "comment_status",
            "ping_status");

    @Override
    public String copyRefusal() {
        return null;
    }

    /**
     * COPY of a post's folder into {@code posts/} (a page's into {@code pages/}): a new draft with
     * the same title, content, excerpt, terms, featured image and, for pages, parent; its slug from
     * the name given. WordPress decides whether this user may read the original and make drafts.
     */
    @Override
    public Post copy(DavSession session, Post post, String name) {
        com.fasterxml.jackson.databind.JsonNode original = session.wordpress().getJson(session.credentials(), endpoint, post.id(), Context.EDIT);
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", "draft");
        fields.put("slug", name);
        for (String rendered : List.of("title", "content", "excerpt")) {
            if (original.path(rendered).has("raw")) {
                fields.put(rendered, original.path(rendered).path("raw").asText());
            }
        }
        List<String> copied = new ArrayList<>(COPIED);
        type.taxonomies().forEach(taxonomy -> copied.add(taxonomy.restBase()));
        for (String kept : copied) {
            if (original.has(kept) && !original.get(kept).isNull()) {
                fields.put(kept, original.get(kept));
            }
        }
        return session.wordpress().create(session.credentials(), endpoint, fields);
    }

    /**
     * A new folder name is a new slug: {@code 12-new-slug} keeps the id prefix, any other name
     * becomes the slug as WordPress sanitises it. A draft this user's "New Folder" just made also
     * takes the name as its title, so that "untitled folder" renamed to "Summer plans" is a draft
     * called Summer plans; any other post keeps its title.
     */
    @Override
    public void rename(DavSession session, Post post, String name, boolean isNew) {
        String prefix = post.id() + "-";
        Map<String, Object> fields = new HashMap<>();
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
            fields.put("slug", name.substring(prefix.length()));
        } else {
            fields.put("slug", name);
            if (isNew && ("draft".equals(post.status()) || "auto-draft".equals(post.status()))) {
                fields.put("title", name);
            }
        }
        session.wordpress().update(session.credentials(), endpoint, post.id(), fields);
    }

    @Override
    public Endpoint<Post> endpoint() {
        return endpoint;
    }

    @Override
    public String editRefusal() {
        return "Sorry, you are not allowed to edit this post.";
    }

    @Override
    public boolean deletable() {
        return true;
    }

    /** Deleting a post's folder moves the post to WordPress's trash, never further. */
    @Override
    public void delete(DavSession session, Post post) {
        session.wordpress().trash(session.credentials(), endpoint, post.id());
    }

    /** {@code <id>-<slug>}; a draft without a slug takes WordPress's generated one, or its title. */
    static String nameOf(Post post) {
        return nameWith(post, post.slug(), post.generatedSlug());
    }

    /**
     * {@code <id>-<slug>} with the first of {@code slugs} that is one, else the post's title, made a safe name; the id
     * alone where none gives a name. The trash gives the slug the post had before it ({@link TrashedPosts}).
     */
    static String nameWith(Post post, String... slugs) {
        String slug = "";
        for (int i = 0; i < slugs.length && slug.isEmpty(); i++) {
            slug = Names.slug(slugs[i]);
        }
        if (slug.isEmpty() && post.title() != null) {
            slug = post.title().text();
        }
        slug = Names.safe(slug);
        return slug.isEmpty() ? String.valueOf(post.id()) : post.id() + "-" + slug;
    }

    /** The type, as this kind was given it: as the user who opened it sees it (with its edit capability where they may edit it). */
    PostType type() {
        return type;
    }

    /**
     * Whether this user may edit objects of the type: they have its edit capability, which a found type has only as the
     * registry gave it to a user WordPress lets edit it. Such a user's listing asks for every status, and the trash of the
     * type is listed to them.
     */
    boolean editsType(DavSession session) {
        return type.editCapability() != null && session.can(type.editCapability());
    }

    @Override
    public Instant modified(DavSession session, Post post) {
        return post.modifiedGmt();
    }

    @Override
    public Instant created(DavSession session, Post post) {
        return post.dateGmt();
    }

    /**
     * A walker's next posts, read as {@link #load} reads each (the edit context, the view context where WordPress refuses
     * that) and the revisions of those this user may edit, as their {@code revisions/} lists them: a hundred at a time
     * ({@link ReadAhead}), each kept in the cache as soon as it is read. Never for an anonymous visitor (the plugin reads batches for
     * logged-in users alone).
     */
    @Override
    public void opening(DavSession session, Post opened, Supplier<List<Long>> mates) {
        if (session.isAnonymous()) {
            return;
        }
        readAhead.opened(new ReadAhead.Walker(session.userKey(), folderName), opened.id(), mates, ids -> readAhead(session, ids));
    }

    private void readAhead(DavSession session, List<Long> ids) {
        Map<Long, WordPressClient.Read<Post>> read = session.wordpress().getEach(session.credentials(), endpoint, ids, Context.EDIT);
        List<Long> refused = ids.stream().filter(id -> !read.containsKey(id)).toList();
        if (!refused.isEmpty()) {
            session.wordpress().getEach(session.credentials(), endpoint, refused, Context.VIEW);
        }
        if (type.supports("revisions")) {
            List<Long> editable = read.values().stream().map(WordPressClient.Read::object).filter(PostKind::editable).map(Post::id).toList();
            if (!editable.isEmpty()) {
                session.wordpress().revisionsOfEach(session.credentials(), endpoint, editable);
            }
        }
    }

    /** Whether WordPress gave this user the post in the edit context: they may edit it, and see its revisions. */
    private static boolean editable(Post loaded) {
        return loaded.content() != null && loaded.content().raw() != null;
    }

    @Override
    public Post load(DavSession session, Post listed) {
        return listed.content() != null ? listed : Reads.object(session, endpoint, listed.id());
    }

    @Override
    public List<Field<Post>> fields() {
        return fields;
    }

    @Override
    public Set<String> folderNames() {
        return type.supports("revisions") ? Set.of(RevisionsFolder.NAME, MetaFolder.NAME) : Set.of(MetaFolder.NAME);
    }

    /**
     * {@code revisions/} where the type keeps revisions and this user may edit the post: WordPress answers its
     * revisions to them alone, and the post it gave in the edit context (raw content) is that answer already.
     * {@code meta/} where the type has meta keys in REST.
     */
    @Override
    public List<Folder> folders(DavSession session, Post loaded, String objectKey) {
        List<Folder> folders = new ArrayList<>(MetaFolder.of(session, this, Post::meta, loaded, objectKey));
        if (type.supports("revisions") && editable(loaded)) {
            folders.add(new RevisionsFolder(session, endpoint, loaded, objectKey));
        }
        return folders;
    }

    private List<Field<Post>> fieldsFor(PostType type) {
        List<Field<Post>> fields = new ArrayList<>(List.of(
                Field.<Post>of("content.html", (s, p) -> text(p.content())).writes(Updates.exact(endpoint, Post::id, "content"))
                        .holding(Field.DOCUMENT_BYTES),
                Field.<Post>of("title.txt", (s, p) -> text(p.title())).writes(Updates.exact(endpoint, Post::id, "title")),
                Field.<Post>of("excerpt.txt", (s, p) -> text(p.excerpt())).writes(Updates.exact(endpoint, Post::id, "excerpt"))
                        .holding(Field.PARAGRAPH_BYTES),
                Field.<Post>of("status.txt", (s, p) -> p.status()).writes(Updates.trimmed(endpoint, Post::id, "status")),
                Field.<Post>of("slug.txt", (s, p) -> Names.slug(p.slug())).writes(Updates.trimmed(endpoint, Post::id, "slug"))
                        .renamingTheFolder(),
                Field.<Post>of("date-gmt.txt", (s, p) -> p.dateGmt() == null ? "" : p.dateGmt().toString())
                        .writes(Updates.gmtDate(endpoint, Post::id, "date_gmt"))));
        if (type.hierarchical()) {
            fields.add(Field.<Post>of("parent.txt", (s, p) -> Lookups.postFolderName(s, allTypes, p.parent())).writes(this::writeParent));
        }
        List<Field<Post>> after = new ArrayList<>(featureFields(type));
        after.addAll(List.of(
                Field.<Post>of("author.txt", (s, p) -> Lookups.userName(s, p.author())),
                Field.<Post>of("url.txt", (s, p) -> p.link() == null ? "" : p.link()),
                Field.<Post>of("id.txt", (s, p) -> String.valueOf(p.id())),
                Field.<Post>of("post.json", (s, p) -> Reads.json(s, endpoint, p.id()))));
        Set<String> taken = new HashSet<>();
        fields.forEach(field -> taken.add(field.fileName()));
        after.forEach(field -> taken.add(field.fileName()));
        for (Taxonomy taxonomy : type.taxonomies()) {
            fields.add(Field.<Post>of(termsFileName(taxonomy, taken), (s, p) -> Lookups.termSlugs(s, taxonomy.endpoint(), p.terms(taxonomy)))
                    .writes(Updates.termSlugs(endpoint, Post::id, taxonomy, taxonomy.restBase())));
        }
        fields.addAll(after);
        return List.copyOf(fields);
    }

    /**
     * {@code <rest_base>.txt} ({@code categories.txt}, {@code genres.txt}), a safe name; where a taxonomy's
     * {@code rest_base} would give the name of another field ({@code title}, {@code status}), {@code <rest_base>-<name>.txt}.
     * {@code taken} gains the name given.
     */
    private static String termsFileName(Taxonomy taxonomy, Set<String> taken) {
        String file = Names.safe(taxonomy.restBase()) + ".txt";
        if (taken.contains(file)) {
            file = Names.safe(taxonomy.restBase() + "-" + taxonomy.name()) + ".txt";
        }
        taken.add(file);
        return file;
    }

    /**
     * The fields WordPress's REST gives a type for the features it supports, each its REST value as it is
     * ({@code open}, {@code standard}, {@code true}, {@code 0}); WordPress refuses what it does not take.
     * A value WordPress left out of its answer hides the file.
     */
    private List<Field<Post>> featureFields(PostType type) {
        List<Field<Post>> fields = new ArrayList<>();
        if (type.supports("thumbnail")) {
            fields.add(Field.<Post>of("featured-image.txt", featuredImage::render).writes(featuredImage::write));
        }
        if (type.sticks()) {
            fields.add(Field.<Post>of("sticky.txt", (s, p) -> p.sticky() == null ? null : p.sticky().toString())
                    .writes(Updates.flag(endpoint, Post::id, "sticky")));
        }
        if (type.supports("post-formats")) {
            fields.add(Field.<Post>of("format.txt", (s, p) -> p.format()).writes(Updates.trimmed(endpoint, Post::id, "format")));
        }
        if (type.supports("comments")) {
            // REST gives both with comments: pings (trackbacks, pingbacks) are comments too.
            fields.add(Field.<Post>of("comment-status.txt", (s, p) -> p.commentStatus())
                    .writes(Updates.trimmed(endpoint, Post::id, "comment_status")));
            fields.add(Field.<Post>of("ping-status.txt", (s, p) -> p.pingStatus()).writes(Updates.trimmed(endpoint, Post::id, "ping_status")));
        }
        if (type.supports("page-attributes")) {
            fields.add(Field.<Post>of("template.txt", (s, p) -> p.template()).writes(Updates.trimmed(endpoint, Post::id, "template")));
            fields.add(Field.<Post>of("menu-order.txt", (s, p) -> p.menuOrder() == null ? null : p.menuOrder().toString())
                    .writes(Updates.integer(endpoint, Post::id, "menu_order")));
        }
        return fields;
    }

    /** {@code parent.txt} names the parent's folder of this type ({@code 12-about}), or nothing for none. */
    private Post writeParent(DavSession session, Post child, String text) {
        String folder = text.strip();
        long parent = 0;
        if (!folder.isEmpty()) {
            Optional<Post> found = find(session, folder); // find reads one object by its id: no listing
            if (found.isEmpty()) {
                throw new DavError.Conflict("There is no " + type.name() + " folder '" + folder + "' to be the parent.");
            }
            parent = found.get().id();
        }
        return session.wordpress().update(session.credentials(), endpoint, child.id(), Map.of("parent", parent));
    }

    /**
     * A text field's bytes; null (no file) where WordPress's answer has no such field: its posts controller gives a
     * type's title, content and excerpt only where the type supports them (a guide without {@code excerpt} has none, and
     * a write of it would be dropped without a word).
     */
    private static String text(Rendered rendered) {
        return rendered == null ? null : rendered.text();
    }
}
