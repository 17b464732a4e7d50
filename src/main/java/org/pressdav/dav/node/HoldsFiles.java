package org.pressdav.dav.node;

/**
 * A folder of files and folders that are the user's to delete: a DELETE of it removes what it
 * holds first, one file at a time, deepest first, as RFC 4918 §9.6.1 says, and stops at the first
 * refusal (answered 207 with the file refused). A post's folder is not one of these: its field
 * files are the post, and deleting the folder trashes the post.
 */
public interface HoldsFiles {

    /** Why this folder cannot be deleted at all (before anything in it is touched), or null. */
    String deleteRefusal();

    /** Removes the folder, now that what it held is gone. */
    void deleteEmpty();
}
