package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.WordPressException;

/**
 * {@code trash/posts/}: the posts of one type in WordPress's trash that this user may edit, each as
 * {@code <id>-<slug>/}, the name its folder had before it was trashed (WordPress's slug without the
 * {@code __trashed} it adds). Listed with one REST request ({@code status=trash}, {@code context=edit}: WordPress
 * leaves out what this user may not edit, and refuses the listing to who may edit no object of the type).
 */
final class TrashedPosts extends ReadOnlyFolder {
    static final String READ_ONLY = "The trash is read-only: MOVE a folder out of trash/ into its type's folder to restore it, "
            + "or DELETE it to delete it for good";
    /** What WordPress appends to a trashed post's slug ({@code wp_add_trashed_suffix_to_post_name_for_post}). */
    private static final String SUFFIX = "__trashed";
    private static final String[] LISTED = {"id", "slug", "status", "title", "date_gmt", "modified_gmt"};

    /**
     * One post type's trash: its kind as this user's request opened it (its folder's name, its type as they see it, the
     * fields a trashed post shows), and how it is restored.
     */
    record Type(PostKind kind, boolean untrashes) {
        /** Listed to who may edit objects of the type, as its folder decides that: WordPress refuses the listing to anyone else. */
        boolean listedTo(DavSession session) {
            return kind.editsType(session);
        }

        PostType type() {
            return kind.type();
        }
    }

    private final DavSession session;
    private final Type type;

    TrashedPosts(DavSession session, Type type, Instant seen) {
        super(type.kind().folderName(), seen, seen, READ_ONLY);
        this.session = session;
        this.type = type;
    }

    @Override
    public String getUniqueId() {
        return TrashFolder.NAME + "/" + type.kind().folderName();
    }

    @Override
    public List<TrashedPost> getChildren() {
        if (!type.listedTo(session)) {
            return List.of();
        }
        ListQuery query = ListQuery.all().withFields(LISTED).withContext(Context.EDIT).with("status", "trash");
        return session.wordpress().list(session.credentials(), type.type().endpoint(), query).items().stream()
                .map(post -> new TrashedPost(session, type, post, nameOf(post))).toList();
    }

    /**
     * One trashed post by its folder's name, read by its id alone. WordPress's 404 is no folder; its 401 and 403 (a
     * post this user may not edit) stand, so that a MOVE or DELETE of it is refused rather than not found.
     */
    @Override
    public TrashedPost child(String name) {
        String wanted = Names.nfc(name);
        OptionalLong id = PostKind.idIn(wanted);
        if (id.isEmpty()) {
            return null;
        }
        return trashed(id.getAsLong()).filter(post -> nameOf(post).equals(wanted))
                .map(post -> new TrashedPost(session, type, post, wanted)).orElse(null);
    }

    private Optional<Post> trashed(long id) {
        try {
            Post post = session.wordpress().get(session.credentials(), type.type().endpoint(), id, Context.EDIT);
            return "trash".equals(post.status()) ? Optional.of(post) : Optional.empty();
        } catch (WordPressException e) {
            if (e.hidesObject() && !e.deniesAccess()) {
                return Optional.empty(); // not there: WordPress's refusal of a post that is, to this user, stands
            }
            throw e;
        }
    }

    /**
     * {@code <id>-<slug>}, the slug as it was before the trash; a post that had none takes its title (not WordPress's
     * generated slug: the listing does not ask for it, and a name must be the same listed and read alone).
     */
    static String nameOf(Post post) {
        return PostKind.nameWith(post, untrashedSlug(post.slug()));
    }

    /** WordPress's slug without the {@code __trashed} it added (what {@code wp_untrash_post} gives back). */
    static String untrashedSlug(String slug) {
        return slug != null && slug.endsWith(SUFFIX) ? slug.substring(0, slug.length() - SUFFIX.length()) : slug == null ? "" : slug;
    }
}
