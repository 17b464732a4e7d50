package org.pressdav.dav.node;

import java.time.Instant;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FolderNames;

/**
 * One folder at the top of the drive ({@code posts/}, {@code media/}, …), opened for a request's
 * user. The list of them is given to the drive from the composition root: adding a kind of
 * WordPress object (a custom post type found in {@code wp/v2/types}) is one {@link ObjectKind}
 * class and one {@link #of} line there.
 */
@FunctionalInterface
public interface TopFolder {
    Folder open(DavSession session, Instant started, FolderNames names);

    /** The top folder of a kind of object: one folder per object, created, renamed and deleted as the kind allows. */
    static <T> TopFolder of(ObjectKind<T> kind) {
        return (session, started, names) -> new KindFolder<>(kind, session, started, names);
    }
}
