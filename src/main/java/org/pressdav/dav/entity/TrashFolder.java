package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.wordpress.PostType;

/**
 * {@code trash/}: what is in WordPress's trash and this user may still restore, one folder per post type
 * ({@code trash/posts/}, {@code trash/pages/}, {@code trash/books/}), each holding the trashed objects of that
 * type as {@link TrashedPost} folders. Read-only but for what WordPress does with its trash: a MOVE out restores,
 * a DELETE deletes for good. Listed are the types this user may edit (WordPress lists trashed objects to no one
 * else); a type's folder is reached by its name by anyone, so that WordPress itself answers who may not. Where the site
 * keeps deleted media in the trash, {@code trash/media/} holds them as files ({@link TrashedMedia}).
 */
public final class TrashFolder extends ReadOnlyFolder {
    public static final String NAME = "trash";

    private final DavSession session;
    private final List<TrashedPosts.Type> types;
    private final MediaLibrary media;

    private TrashFolder(DavSession session, Instant started, List<TrashedPosts.Type> types, MediaLibrary media) {
        super(NAME, started, started, TrashedPosts.READ_ONLY);
        this.session = session;
        this.types = types;
        this.media = media;
    }

    /**
     * The top folder for the post types given. {@code media}: the library a trashed post's {@code featured-image.txt}
     * names its image in, and whose deleted files {@code trash/media/} holds where it keeps them. {@code untrashes}: the
     * companion plugin restores as wp-admin does (feature {@code untrash}); without it a restore is a core REST update to
     * a draft.
     */
    public static TopFolder top(List<PostType> types, MediaLibrary media, boolean untrashes) {
        List<TrashedPosts.Type> kinds = types.stream()
                .map(type -> new TrashedPosts.Type(type, new PostKind(type, types, false, media), untrashes)).toList();
        return new TopFolder(NAME, (session, started, names) -> new TrashFolder(session, started, kinds, media));
    }

    @Override
    public String getUniqueId() {
        return NAME;
    }

    @Override
    public List<Folder> getChildren() {
        List<Folder> folders = new ArrayList<>(types.stream().filter(type -> type.listedTo(session)).map(type -> (Folder) open(type)).toList());
        if (media.keepsTrash() && TrashedMedia.listedTo(session)) {
            folders.add(new TrashedMedia(session, media, modified()));
        }
        return folders;
    }

    @Override
    public Folder child(String name) {
        String wanted = Names.nfc(name);
        Folder type = types.stream().filter(kind -> kind.type().restBase().equals(wanted)).findFirst().map(this::open).orElse(null);
        if (type == null && media.keepsTrash() && wanted.equals(TrashedMedia.NAME)) {
            return new TrashedMedia(session, media, modified());
        }
        return type;
    }

    private TrashedPosts open(TrashedPosts.Type type) {
        return new TrashedPosts(session, type, modified());
    }
}
