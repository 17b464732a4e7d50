package org.pressdav.dav.node;

import java.nio.file.Path;

/**
 * A file whose bytes a PUT replaces, or a file of the user's renamed over it (how editors and
 * Finder save): the body arrives on disk first, whole, and is then sent on; the object keeps its
 * identity. Milton's {@code ReplaceableResource} hands over a stream of unknown size, which suits
 * the small text of field files, not a photo or a video.
 */
public interface ReplaceableFile {

    /** Why this user cannot replace the bytes, or null when they can. */
    String replaceRefusal();

    /**
     * The file's new bytes, already on disk; what WordPress refuses leaves the old ones in place.
     * Returns the file as the drive now lists it (its new ETag), or null where it no longer shows there.
     */
    DavFile replaceWith(Path file, long length, String contentType);
}
