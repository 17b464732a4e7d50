package org.pressdav.dav.node;

import org.pressdav.dav.store.HiddenFiles;

/**
 * A folder whose files are the fields of one object ({@code posts/12-hello/}). Finder and
 * {@code rm -r} empty a folder before they delete it, and a field cannot be deleted from
 * WordPress: where the whole object can be deleted, deleting a field file hides it for a while
 * ({@link HiddenFiles}), so that the emptied folder can be deleted.
 */
public interface FieldFolder {
    /** Whether deleting the folder can delete (or trash) its object at all (WordPress still decides per user). */
    boolean deletable();
}
