package org.pressdav.dav.store;

import java.time.Instant;
import org.pressdav.dav.DavPath;

/**
 * One of a user's own folders as the store holds it (Finder's safe-save {@code name.sb-…} folder,
 * its {@code .TemporaryItems}, or a folder inside one). A value: the drive makes its node of it.
 */
public record ScratchFolder(String user, DavPath path, Instant modified) {
}
