package org.pressdav.dav.node;

import org.pressdav.dav.store.ScratchFiles;

/**
 * A folder where a name that is not WordPress's is the user's own file: an object's folder, where
 * {@code sed -i}, {@code perl -pi}, rsync and editors write a file under a name of their own and
 * then rename it over the field they save. Such files live in the {@link ScratchFiles}.
 */
public interface KeepsScratch {
    /** Whether a new file of this name here is the user's scratch file. */
    boolean keepsAsScratch(String name);
}
