package org.pressdav.dav.node;

import io.milton.resource.DeletableResource;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.Names;
import org.pressdav.dav.store.ScratchFile;
import org.pressdav.dav.store.ScratchFiles;
import org.pressdav.dav.store.ScratchFolder;

/**
 * A user's own folder on the drive: Finder's safe-save {@code name.sb-…} folder or its
 * {@code .TemporaryItems}. Everything in it is the user's own too; a file in it renamed over a
 * file of the drive saves that file, as any of the user's files does.
 */
public final class OwnFolder extends Folder implements KeepsScratch, DeletableResource {
    private final ScratchFolder folder;
    private final ScratchFiles store;

    OwnFolder(ScratchFolder folder, ScratchFiles store) {
        super(folder.path().name(), folder.modified(), folder.modified());
        this.folder = folder;
        this.store = store;
    }

    /** The user's own file at this path as a node, or null. */
    static OwnFile file(ScratchFiles store, String user, DavPath path) {
        ScratchFile file = store.find(user, path);
        return file == null ? null : new OwnFile(file, store);
    }

    /** The user's own folder at this path as a node, or null. */
    static OwnFolder folder(ScratchFiles store, String user, DavPath path) {
        ScratchFolder folder = store.folder(user, path);
        return folder == null ? null : new OwnFolder(folder, store);
    }

    /** What the user keeps in a folder of the drive: their folders, then their files. */
    static List<Node> in(ScratchFiles store, String user, DavPath path) {
        List<Node> children = new ArrayList<>();
        ScratchFiles.Contents contents = store.contents(user, path);
        contents.folders().forEach(own -> children.add(new OwnFolder(own, store)));
        contents.files().forEach(own -> children.add(new OwnFile(own, store)));
        return children;
    }

    @Override
    public String getUniqueId() {
        return "scratch:" + folder.user() + ":" + folder.path();
    }

    @Override
    public List<Node> getChildren() {
        return in(store, folder.user(), folder.path());
    }

    @Override
    public Node child(String name) {
        DavPath at = folder.path().child(Names.nfc(name));
        Node file = file(store, folder.user(), at);
        return file != null ? file : folder(store, folder.user(), at);
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
        OwnFile.deleteFrom(store, folder.user(), folder.path());
    }
}
