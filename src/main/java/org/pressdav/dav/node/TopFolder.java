package org.pressdav.dav.node;

import java.time.Instant;
import java.util.function.Predicate;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FolderNames;

/**
 * One folder at the top of the drive ({@code posts/}, {@code media/}, …) by its name, opened for a
 * request's user, if it is there for them ({@code shownTo}: WordPress's internal types, such as reusable
 * blocks, only to those who may edit them). The list of them is given to the drive from the composition
 * root, where the post types and taxonomies WordPress publishes are each one of them.
 */
public record TopFolder(String name, Opener opener, Predicate<DavSession> shownTo) {
    /** A top folder every user has. */
    public TopFolder(String name, Opener opener) {
        this(name, opener, session -> true);
    }

    /** Makes the folder for one request's user. */
    @FunctionalInterface
    public interface Opener {
        Folder open(DavSession session, Instant started, FolderNames names);
    }

    public Folder open(DavSession session, Instant started, FolderNames names) {
        return opener.open(session, started, names);
    }

    /** Whether this user has the folder. */
    public boolean isShownTo(DavSession session) {
        return shownTo.test(session);
    }

    /** The same folder, only for the users {@code shownTo} accepts. */
    public TopFolder shownTo(Predicate<DavSession> who) {
        return new TopFolder(name, opener, who);
    }

    /**
     * The top folder of a kind of object: one folder per object, created, renamed and deleted as the kind allows, on
     * shelves where there are more than {@code limit} of them (0: never).
     */
    public static <T> TopFolder of(ObjectKind<T> kind, int limit) {
        return new TopFolder(kind.folderName(), (session, started, names) -> new KindFolder<>(kind, session, started, names, limit));
    }
}
