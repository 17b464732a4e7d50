package org.pressdav.dav.store;

import java.io.IOException;
import java.util.Set;
import org.pressdav.dav.store.ScratchIndex.Entries;

/**
 * What each user keeps in {@link DiskScratchFiles}, and the user's lock around a change of the disk
 * and of the book together: in memory for one instance ({@link ScratchIndex}), in shared records
 * for several sharing the data directory ({@link SharedScratchIndex}).
 */
interface ScratchBook {
    /** A change of the disk and of the user's entries together. */
    interface Change<T> {
        T apply(Entries entries) throws IOException;
    }

    /** The user's entries as they are now, to look things up in. */
    Entries of(String user);

    /** Runs {@code change} on the user's entries holding the user's lock; what it changes in them is kept. */
    <T> T change(String user, Change<T> change) throws IOException;

    /** Every user the book knows. */
    Set<String> users();
}
