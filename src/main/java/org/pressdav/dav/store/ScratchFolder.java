package org.pressdav.dav.store;

import io.milton.resource.DeletableResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.KeepsScratch;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Node;

/**
 * A user's own folder, kept on disk by {@link DiskScratchFiles}: Finder's safe-save
 * {@code name.sb-…} folder or its {@code .TemporaryItems}. Everything in it is the user's own too;
 * a file in it renamed over a file of the drive saves that file, as any of the user's files does.
 */
public final class ScratchFolder extends Folder implements KeepsScratch, DeletableResource {
    private final ScratchFiles store;
    private final String user;
    private final DavPath path;

    ScratchFolder(Path dir, ScratchFiles store, String user, DavPath path) {
        super(path.name(), ScratchFile.modifiedOf(dir), ScratchFile.modifiedOf(dir));
        this.store = store;
        this.user = user;
        this.path = path;
    }

    @Override
    public String getUniqueId() {
        return "scratch:" + user + ":" + path;
    }

    @Override
    public List<? extends Node> getChildren() {
        List<Node> children = new ArrayList<>(store.folders(user, path));
        children.addAll(store.list(user, path));
        return children;
    }

    @Override
    public Node child(String name) {
        DavPath at = path.child(Names.nfc(name));
        Node file = store.find(user, at);
        return file != null ? file : store.folder(user, at);
    }

    /** Every name in it is the user's own. */
    @Override
    public boolean keepsAsScratch(String name) {
        return true;
    }

    @Override
    public boolean mayChange() {
        return true;
    }

    @Override
    public void delete() {
        ScratchFile.deleteFrom(store, user, path);
    }
}
