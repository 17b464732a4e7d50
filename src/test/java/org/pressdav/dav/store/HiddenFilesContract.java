package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavPath;

/** What every {@link HiddenFiles} must do; a backend's test extends this. */
abstract class HiddenFilesContract {
    abstract HiddenFiles newHidden();

    @Test
    void hiddenFilesArePerUserUntilRevealed() {
        HiddenFiles hidden = newHidden();
        DavPath path = DavPath.parseDecoded("/posts/12-x/title.txt");
        hidden.hide("user-1", path);
        assertTrue(hidden.isHidden("user-1", path));
        assertTrue(!hidden.isHidden("user-2", path));
        hidden.reveal("user-1", path);
        assertTrue(!hidden.isHidden("user-1", path));
    }

    @Test
    void aFileKeptAfterARefusedSaveIsNotHiddenUntilASaveLands() {
        HiddenFiles hidden = newHidden();
        DavPath path = DavPath.parseDecoded("/posts/12-x/status.txt");
        hidden.keep("user-1", path);
        assertTrue(hidden.isKept("user-1", path) && !hidden.isHidden("user-1", path));
        assertTrue(!hidden.isKept("user-2", path));
        hidden.reveal("user-1", path);
        assertTrue(!hidden.isKept("user-1", path));
        hidden.hide("user-1", path);
        assertTrue(!hidden.isKept("user-1", path), "hidden is not kept");
    }
}
