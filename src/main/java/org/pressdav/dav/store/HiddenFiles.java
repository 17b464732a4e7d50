package org.pressdav.dav.store;

import java.util.Set;
import org.pressdav.dav.DavPath;

/**
 * Field files a user deleted. Finder and {@code rm -r} empty a folder before deleting it, and a
 * field file cannot be deleted from WordPress; so DELETE of a field file, where the folder's
 * object can be deleted, hides the file from this user for a while: the emptied folder can then
 * be deleted, which trashes the object. WordPress is not changed; a PUT brings the file back.
 *
 * <p>What a write decides on ({@link #isHidden}, {@link #hiddenIn}, {@link #isKept}) is the store's latest; what a
 * read shows ({@code ...ForRead}) may come from a copy that a store shared by several instances keeps in each,
 * which follows a change made through another instance within moments.
 */
public interface HiddenFiles {
    void hide(String user, DavPath path);

    /** The file shows again, and is no longer kept: a save landed. */
    void reveal(String user, DavPath path);

    boolean isHidden(String user, DavPath path);

    /** The names of the files this user hides in {@code folder}: one call for a whole listing. */
    Set<String> hiddenIn(String user, DavPath folder);

    /** {@link #isHidden} for what a read (GET, PROPFIND) shows. */
    default boolean isHiddenForRead(String user, DavPath path) {
        return isHidden(user, path);
    }

    /** {@link #hiddenIn} for what a listing shows. */
    default Set<String> hiddenInForRead(String user, DavPath folder) {
        return hiddenIn(user, folder);
    }

    /**
     * A save of the file by this user was refused, and it keeps its old value: rclone then deletes
     * the file it "failed to upload", and that DELETE must not hide it. Kept for as long as a file
     * stays hidden, or until a save lands ({@link #reveal}).
     */
    void keep(String user, DavPath path);

    boolean isKept(String user, DavPath path);
}
