package org.pressdav.dav.store;

import java.util.Map;
import java.util.Optional;

/**
 * The names a user gave folders that WordPress names otherwise, and which objects their New
 * Folder made. "New Folder" in {@code posts/} makes a draft WordPress calls
 * {@code 123-untitled-folder}; Finder and Explorer then look for {@code untitled folder} and
 * rename it. For a while after, this user sees the folder under the name they gave it. One name
 * names one object: giving it to another takes it from the first.
 */
public interface FolderNames {
    void put(String user, String kind, String name, long id);

    Optional<Long> id(String user, String kind, String name);

    Optional<String> name(String user, String kind, long id);

    /** Every name this user gave an object of this kind, by the object's id: one call for a whole listing. */
    Map<Long, String> names(String user, String kind);

    /**
     * The same for what a listing shows: a store shared by several instances may answer from a copy it keeps in each,
     * which follows a change made through another instance within moments (no write decides on these names).
     */
    default Map<Long, String> namesForRead(String user, String kind) {
        return names(user, kind);
    }

    void forget(String user, String kind, long id);

    /** Remembers that this user's MKCOL made the object ({@code posts/12}) a moment ago. */
    void created(String user, String objectKey);

    /** Whether this user's MKCOL made the object a moment ago: its fields are theirs to fill in, a rename may retitle it. */
    boolean isNew(String user, String objectKey);
}
