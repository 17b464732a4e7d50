package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import io.milton.resource.DeletableResource;
import jakarta.servlet.http.HttpServletResponse;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.TextFile;
import org.pressdav.dav.store.HiddenFiles;
import org.pressdav.dav.node.FieldFolder;
import org.pressdav.dav.node.HiddenWhenDeleted;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;

/**
 * DELETE, asking the node: what can be deleted deletes itself (a post's, page's or comment's
 * folder goes to WordPress's trash; a term or a media file is deleted for good where WordPress
 * allows it; a user's own file leaves the scratch store). A field file of an object that can be
 * deleted is only hidden from its user for a while ({@link FieldFolder}), as is a folder of WordPress's
 * in it ({@link HiddenWhenDeleted}, a post's revisions). A folder of the user's
 * files ({@link HoldsFiles}, a media folder) is emptied first, file by file, as RFC 4918 says a
 * DELETE of a collection does; the first refusal stops it with a 207 that names the file.
 */
public final class DeleteHandler extends DavHandler {
    private final DriveTree tree;
    private final HiddenFiles hidden;

    DeleteHandler(DriveTree tree, HiddenFiles hidden) {
        super(Request.Method.DELETE);
        this.tree = tree;
        this.hidden = hidden;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath path = req.path();
        Node node = existing(req);
        if (node instanceof TextFile || node instanceof HiddenWhenDeleted) {
            String refused = req.target().parent() instanceof FieldFolder folder
                    ? folder.fieldDeleteRefusal(path.name()) : path.name() + " cannot be deleted: write an empty file to clear it";
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            if (hidden.isKept(req.session().userKey(), path)) {
                // rclone deletes what it failed to upload: the field WordPress refused to change stays, with its value, in sight.
                throw new DavError.Forbidden("The last save of " + path.name() + " was refused: it keeps its value and stays listed");
            }
            hidden.hide(req.session().userKey(), path);
        } else if (node instanceof HoldsFiles) {
            Stopped stopped = DeepDelete.folder(tree, req, req.target());
            if (stopped != null) {
                stopped.answer(req, out);
                return;
            }
        } else if (node instanceof DeletableResource deletable) {
            deletable.delete();
        } else {
            throw new DavError.Forbidden(path + " cannot be deleted");
        }
        out.setStatus(204);
    }
}
