package org.pressdav.dav.node;

import org.pressdav.dav.store.HiddenFiles;

/**
 * A folder whose files are the fields of one object ({@code posts/12-hello/}). Finder and
 * {@code rm -r} empty a folder before they delete it, and a field cannot be deleted from
 * WordPress: where the whole object can be deleted, deleting a field file hides it for a while
 * ({@link HiddenFiles}), so that the emptied folder can be deleted.
 */
public interface FieldFolder {
    /**
     * Why this user may not delete (and so hide) a field file here, or null when they may: the kind
     * deletes its objects, and WordPress lets this user change this one. A user who could not delete
     * the emptied folder gains nothing by hiding its files but a field gone from their own listing.
     */
    String fieldDeleteRefusal(String fileName);
}
