package org.pressdav.dav.store;

import java.nio.file.Path;
import java.time.Instant;
import org.pressdav.dav.DavPath;

/**
 * One of a user's own files as the store holds it: where it is on the drive, where its bytes are,
 * how many there are and when they last changed. A value: the drive makes its node of it.
 */
public record ScratchFile(String user, DavPath path, Path content, long length, Instant modified) {
    /** Changes exactly when the bytes are written again. */
    public String etag() {
        return "\"scratch-" + length + "-" + modified.toEpochMilli() + "\"";
    }
}
