package org.pressdav.dav.entity;

import io.milton.resource.CollectionResource;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.FieldFolder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReadOnlyFile;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Post;

/**
 * {@code trash/posts/12-hello/}: one trashed post, its field files as its folder in {@code posts/} showed them,
 * read-only. A MOVE into its type's folder restores it with its id (under its old name, {@code 12-hello}, as it was;
 * under any other, which then becomes its slug as a rename in that folder does); a DELETE deletes it for good. WordPress decides
 * both for this user (who may delete the post may restore it).
 */
final class TrashedPost extends ReadOnlyFolder implements FieldFolder, DeletableResource, MoveableResource {
    private final DavSession session;
    private final TrashedPosts.Type type;
    private final Post listed;
    private Post full;

    TrashedPost(DavSession session, TrashedPosts.Type type, Post listed, String name) {
        super(name, listed.modifiedGmt(), listed.dateGmt(), TrashedPosts.READ_ONLY);
        this.session = session;
        this.type = type;
        this.listed = listed;
    }

    @Override
    public String getUniqueId() {
        return objectKey();
    }

    /** The post's own key: a restore takes turns with every other write of it. */
    @Override
    public String objectKey() {
        return type.kind().folderName() + "/" + listed.id(); // as its folder in its kind's folder names it
    }

    private synchronized Post full() {
        if (full == null) {
            full = listed.content() != null ? listed
                    : session.wordpress().get(session.credentials(), type.type().endpoint(), listed.id(), Context.EDIT);
        }
        return full;
    }

    /** Every field its type's folder shows, with WordPress's values now (its status {@code trash}), read-only. */
    @Override
    public List<Node> getChildren() {
        List<Node> files = new ArrayList<>();
        for (Field<Post> field : type.kind().fields()) {
            String value = field.renderer().render(session, full());
            if (value != null) {
                files.add(new ReadOnlyFile(field.fileName(), value, modified(), created(), TrashedPosts.READ_ONLY));
            }
        }
        return files;
    }

    /**
     * MOVE into {@code posts/} (its type's folder): restored, then renamed if the name given is not the one it is
     * restored under. The companion plugin restores as wp-admin does; core REST can only update the post, to a draft
     * with its old slug (what {@code wp_untrash_post} does by default since WordPress 5.6).
     */
    @Override
    public void moveTo(CollectionResource destination, String name) {
        String home = type.kind().folderName();
        if (!("kind:" + home).equals(destination.getUniqueId())) {
            throw new DavError.Forbidden("A trashed " + type.type().name() + " is restored by moving its folder into " + home + "/");
        }
        Post restored = type.untrashes() ? session.wordpress().untrash(session.credentials(), type.type().endpoint(), listed.id())
                : session.wordpress().update(session.credentials(), type.type().endpoint(), listed.id(),
                        Map.of("status", "draft", "slug", TrashedPosts.untrashedSlug(listed.slug())));
        // Its old name (this folder's) restores it as it was: a draft that had no slug is not given one.
        String wanted = Names.nfc(name);
        if (!wanted.equals(getName()) && !PostKind.nameOf(restored).equals(wanted)) {
            type.kind().rename(session, restored, wanted, false);
        }
    }

    /** Deleted for good ({@code force=true}), where WordPress lets this user delete the post. */
    @Override
    public void delete() {
        session.wordpress().delete(session.credentials(), type.type().endpoint(), listed.id());
    }

    /** As in a post's folder: {@code rm -r} empties the folder before it deletes it, and a file here is only hidden a while. */
    @Override
    public String fieldDeleteRefusal(String fileName) {
        return null;
    }
}
