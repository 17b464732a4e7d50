package org.pressdav.dav.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.TemporaryNames;

/**
 * The files users make for themselves and never for WordPress ({@link TemporaryNames}, and any
 * name that is not a field's in an object's folder): per WordPress user, laid out like the drive,
 * within a share per user and one for all users together (507 past either, with
 * {@link DavError.InsufficientStorage}).
 */
public interface ScratchFiles {
    /**
     * Whose files a write adds to, and so which share it counts against: a user who may upload
     * files (WordPress's {@code upload_files}) the full one, anyone else (a subscriber, a
     * contributor) a small one, enough for the {@code ._} and {@code .DS_Store} a client writes.
     */
    record Owner(String user, boolean uploads) {
        public static Owner of(DavSession session) {
            return new Owner(session.userKey(), session.can("upload_files"));
        }
    }

    /** The user's file at this path, or null. */
    ScratchFile find(String user, DavPath path);

    /** How many bytes all users' files take now (the metrics). */
    default long bytes() {
        return 0;
    }

    /** The user's own folders and files in one folder of the drive. */
    record Contents(List<ScratchFolder> folders, List<ScratchFile> files) {
    }

    /** The user's own folders and files in this folder of the drive, found with one look at the store (a listing's one). */
    Contents contents(String user, DavPath folder);

    /** The user's files in this folder of the drive. */
    default List<ScratchFile> list(String user, DavPath folder) {
        return contents(user, folder).files();
    }

    /** The user's own folder at this path (a {@link TemporaryNames} folder, or one inside it), or null. */
    ScratchFolder folder(String user, DavPath path);

    /** The user's own folders in this folder of the drive. */
    default List<ScratchFolder> folders(String user, DavPath folder) {
        return contents(user, folder).folders();
    }

    /** Makes one of the user's own folders (MKCOL of a temporary folder name); it counts a block of their share. */
    void makeFolder(Owner owner, DavPath path) throws IOException;

    /** Stores the body whole (the old content stays until the new is complete); whether the file is new. */
    boolean write(Owner owner, DavPath path, InputStream body) throws IOException;

    /** Deletes one of the user's files, or one of their folders with everything in it. */
    boolean delete(String user, DavPath path) throws IOException;

    /**
     * A folder of the drive was renamed or moved from {@code from} to {@code to}: every user's own
     * files and folders kept in it go with it (what is already at {@code to} is replaced).
     */
    void carry(DavPath from, DavPath to) throws IOException;

    /**
     * Notes, durably, that a folder is about to move from {@code from} to {@code to}, before WordPress
     * is asked to: a process that dies between WordPress's move and {@link #carry} leaves the note,
     * and whoever finds the move done finishes the carry ({@link #unfinishedCarries}). {@link #carry}
     * ends the note; so does {@link #abandonCarry}, for a move that did not happen.
     */
    void intendCarry(DavPath from, DavPath to) throws IOException;

    /** The move noted for {@code from} and {@code to} did not happen: its note goes, nothing moves. */
    void abandonCarry(DavPath from, DavPath to) throws IOException;

    /** The moves noted and neither carried nor abandoned, younger than the files' time to live. */
    List<FolderMove> unfinishedCarries();

    /** Renames one of the user's files to another name of theirs, replacing what was there. */
    void move(String user, DavPath from, DavPath to) throws IOException;
}
