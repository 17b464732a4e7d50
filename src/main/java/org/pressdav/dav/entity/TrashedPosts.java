package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /** One post type's trash: its type, its kind (whose fields a trashed post shows), and how it is restored. */
    record Type(PostType type, PostKind kind, boolean untrashes) {
        /** Listed to who may edit objects of the type: WordPress refuses the listing to anyone else. */
        boolean listedTo(DavSession session) {
            return type.editCapability() != null && session.can(type.editCapability());
        }
    }

    private final DavSession session;
    private final Type type;

    TrashedPosts(DavSession session, Type type, Instant seen) {
        super(type.type().restBase(), seen, seen, READ_ONLY);
        this.session = session;
        this.type = type;
    }

    @Override
    public String getUniqueId() {
        return TrashFolder.NAME + "/" + type.type().restBase();
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
        int dash = wanted.indexOf('-');
        String digits = dash < 0 ? wanted : wanted.substring(0, dash);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return trashed(Long.parseLong(digits)).filter(post -> nameOf(post).equals(wanted))
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

    /** {@code <id>-<slug>}, the slug as it was before the trash; a post that had none takes its title, as a draft's folder does. */
    static String nameOf(Post post) {
        String slug = Names.slug(untrashedSlug(post.slug()));
        if (slug.isEmpty() && post.title() != null) {
            slug = post.title().text();
        }
        slug = Names.safe(slug);
        return slug.isEmpty() ? String.valueOf(post.id()) : post.id() + "-" + slug;
    }

    /** WordPress's slug without the {@code __trashed} it added (what {@code wp_untrash_post} gives back). */
    static String untrashedSlug(String slug) {
        return slug != null && slug.endsWith(SUFFIX) ? slug.substring(0, slug.length() - SUFFIX.length()) : slug == null ? "" : slug;
    }
}
