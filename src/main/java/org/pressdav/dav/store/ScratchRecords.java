package org.pressdav.dav.store;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Where instances sharing a data directory keep what each user has in it ({@link DiskScratchFiles#shared}),
 * as plain text: per user, each file or folder's path and a line saying what it is. The lines are
 * {@link DiskScratchFiles}' own; a form only keeps them and a lock per user that every instance sees.
 */
public interface ScratchRecords {
    /** A change made holding a user's lock; it may touch the disk. */
    interface Locked<T> {
        T run() throws IOException;
    }

    /** The user's paths and their lines, all at once; where they cannot be read, none (a lookup goes on without them). */
    Map<String, String> read(String user);

    /**
     * The same for a change holding the user's lock: where they cannot be read the change is refused
     * (503), never run on an empty list, which would answer for files it did not see.
     */
    Map<String, String> readForChange(String user);

    /** Sets the lines of {@code put} and removes the paths of {@code removed}, at once. */
    void write(String user, Map<String, String> put, Set<String> removed);

    /** Runs {@code change} holding the user's lock, which every instance sharing the records respects. */
    <T> T locked(String user, Locked<T> change) throws IOException;

    /** Every user that has records. */
    Set<String> users();
}
