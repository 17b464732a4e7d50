package org.pressdav.dav.node;

import java.nio.file.Path;

/** A folder that takes new files: the body of a PUT, already on disk, becomes an object there. */
public interface AcceptsUploads {

    /** Why a new file named so cannot be put here, or null when it can. */
    String refusal(String name);

    /** Why this user may put no file at all here, nor in any folder below, or null. */
    default String uploadRefusal() {
        return null;
    }

    /** Sends the file to WordPress; returns the new node. */
    Node upload(String name, String contentType, Path file, long length);
}
