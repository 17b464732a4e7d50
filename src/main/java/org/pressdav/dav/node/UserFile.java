package org.pressdav.dav.node;

import java.nio.file.Path;
import org.pressdav.dav.store.ScratchFiles;

/**
 * A file that is the user's own and never WordPress's ({@link ScratchFiles}): it can be renamed to
 * another of their names, over a field file (which saves the field) or into a folder that takes
 * uploads (which uploads it). Milton has no interface for a file whose rename may mean a save.
 */
public interface UserFile extends DavFile {
    /** Where its bytes are, to be read or relayed. */
    Path content();
}
