package org.pressdav.dav.node;

import java.time.Instant;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FolderNames;

/**
 * One folder at the top of the drive ({@code posts/}, {@code media/}, …) by its name, opened for a
 * request's user. The list of them is given to the drive from the composition root: adding a kind of
 * WordPress object (a custom post type found in {@code wp/v2/types}) is one {@link ObjectKind}
 * class and one {@link #of} line there.
 */
public record TopFolder(String name, Opener opener) {
    /** Makes the folder for one request's user. */
    @FunctionalInterface
    public interface Opener {
        Folder open(DavSession session, Instant started, FolderNames names);
    }

    public Folder open(DavSession session, Instant started, FolderNames names) {
        return opener.open(session, started, names);
    }

    /** The top folder of a kind of object: one folder per object, created, renamed and deleted as the kind allows. */
    public static <T> TopFolder of(ObjectKind<T> kind) {
        return new TopFolder(kind.folderName(), (session, started, names) -> new KindFolder<>(kind, session, started, names));
    }
}
