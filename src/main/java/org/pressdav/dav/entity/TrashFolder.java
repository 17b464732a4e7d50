package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.dav.node.TopFolder;

/**
 * {@code trash/}: what is in WordPress's trash and this user may still restore, one folder per post type under the
 * name of its top folder ({@code trash/posts/}, {@code trash/pages/}, {@code trash/books/}), each holding the trashed
 * objects of that type as {@link TrashedPost} folders. Read-only but for what WordPress does with its trash: a MOVE out restores,
 * a DELETE deletes for good. Listed are the types this user may edit (WordPress lists trashed objects to no one
 * else); a type's folder is reached by its name by anyone, so that WordPress itself answers who may not. Where the site
 * keeps deleted media in the trash, {@code trash/media/} holds them as files ({@link TrashedMedia}).
 */
public final class TrashFolder extends ReadOnlyFolder {
    public static final String NAME = "trash";

    /**
     * The trash of one kind of post: under the name of the kind's top folder ({@code posts}, {@code books},
     * {@code tags-topic} where the registry renamed it), and the kind as a user's request opens it, the same the top
     * folder opens (for a type found at run time, as that user sees it: with its edit capability where WordPress lets
     * them edit it).
     */
    public record Kind(String folder, Function<DavSession, PostKind> openedFor) {
        /** A kind every user sees the same: the drive's own {@code posts/} and {@code pages/}. */
        public static Kind of(PostKind kind) {
            return new Kind(kind.folderName(), session -> kind);
        }
    }

    private final DavSession session;
    private final List<Kind> kinds;
    private final MediaLibrary media;
    private final boolean untrashes;

    private TrashFolder(DavSession session, Instant started, List<Kind> kinds, MediaLibrary media, boolean untrashes) {
        super(NAME, started, started, TrashedPosts.READ_ONLY);
        this.session = session;
        this.kinds = kinds;
        this.media = media;
        this.untrashes = untrashes;
    }

    /**
     * The top folder for the kinds of post given, in the order given. {@code media}: the library whose deleted files
     * {@code trash/media/} holds where it keeps them. {@code untrashes}: the companion plugin restores as wp-admin does
     * (feature {@code untrash}); without it a restore is a core REST update to a draft.
     */
    public static TopFolder top(List<Kind> kinds, MediaLibrary media, boolean untrashes) {
        List<Kind> all = List.copyOf(kinds);
        return new TopFolder(NAME, (session, started, names) -> new TrashFolder(session, started, all, media, untrashes));
    }

    @Override
    public String getUniqueId() {
        return NAME;
    }

    @Override
    public List<Folder> getChildren() {
        List<Folder> folders = new ArrayList<>(kinds.stream().map(this::type).filter(type -> type.listedTo(session)).map(type -> (Folder) open(type))
                .toList());
        if (media.keepsTrash() && TrashedMedia.listedTo(session)) {
            folders.add(new TrashedMedia(session, media, modified()));
        }
        return folders;
    }

    @Override
    public Folder child(String name) {
        String wanted = Names.nfc(name);
        Folder type = kinds.stream().filter(kind -> kind.folder().equals(wanted)).findFirst().map(kind -> open(type(kind))).orElse(null);
        if (type == null && media.keepsTrash() && wanted.equals(TrashedMedia.NAME)) {
            return new TrashedMedia(session, media, modified());
        }
        return type;
    }

    private TrashedPosts.Type type(Kind kind) {
        return new TrashedPosts.Type(kind.openedFor().apply(session), untrashes);
    }

    private TrashedPosts open(TrashedPosts.Type type) {
        return new TrashedPosts(session, type, modified());
    }
}
