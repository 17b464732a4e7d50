package org.pressdav.dav.protocol;

import io.milton.resource.DeletableResource;
import org.pressdav.dav.DavError;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.Target;
import org.pressdav.dav.request.DavRequest;

/**
 * Deletes a folder of files ({@link HoldsFiles}) with what it holds, deepest first, one file at a
 * time, then the folder itself; stops at the first refusal, leaving that file and everything not
 * yet reached whole. A DELETE of the folder, and a COPY or MOVE that overwrites it, use it.
 */
final class DeepDelete {
    private DeepDelete() {
    }

    /** Null when all is gone; else what stopped it. Refused as a whole (403) if the folder itself cannot be deleted. */
    static Stopped folder(DriveTree tree, DavRequest req, Target folder) {
        String refused = ((HoldsFiles) folder.node()).deleteRefusal();
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        return members(tree, req, folder);
    }

    /** Everything in it goes, the user's own files there too (a placeholder, Finder's ._ files), not only what WordPress holds. */
    private static Stopped members(DriveTree tree, DavRequest req, Target folder) {
        for (Node child : tree.children(req.session(), folder)) {
            Target at = folder.child(child, req.session().userKey());
            Stopped stopped = null;
            try {
                if (child instanceof HoldsFiles inner) {
                    String why = inner.deleteRefusal();
                    if (why != null) {
                        throw new DavError.Forbidden(why);
                    }
                    stopped = members(tree, req, at);
                } else if (child instanceof DeletableResource file) {
                    file.delete();
                } else {
                    throw new DavError.Forbidden(child.getName() + " cannot be deleted");
                }
            } catch (Exception e) {
                return Stopped.at(at.path(), child instanceof Folder, e, req);
            }
            if (stopped != null) {
                return stopped;
            }
        }
        ((HoldsFiles) folder.node()).deleteEmpty();
        return null;
    }
}
