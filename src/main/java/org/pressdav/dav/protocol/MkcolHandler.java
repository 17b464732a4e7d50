package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import io.milton.resource.MakeCollectionableResource;
import jakarta.servlet.http.HttpServletResponse;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.OwnFolder;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.TemporaryNames;
import org.pressdav.dav.store.ScratchFiles;

/**
 * MKCOL (RFC 4918 §9.3), replacing Milton CE's, which accepts a body: the parent folder makes the
 * new one if it can ({@code posts/} and {@code pages/} a draft, {@code categories/} and
 * {@code tags/} a term); a temporary folder's name (Finder's {@code .TemporaryItems}, its safe-save
 * {@code name.sb-…}) anywhere, and any name inside one, is the user's own folder. What the path
 * alone decides (405, 409, 403) is answered before the body is looked at.
 */
public final class MkcolHandler extends DavHandler {
    private final ScratchFiles scratch;

    MkcolHandler(ScratchFiles scratch) {
        super(Request.Method.MKCOL);
        this.scratch = scratch;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath path = req.path();
        if (path.isRoot() || req.target().exists()) {
            throw new DavError.NotAllowed(path + " already exists");
        }
        Node parent = req.target().parent();
        if (!(parent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + path.parent() + " does not exist");
        }
        if (TemporaryNames.matches(path.name()) || parent instanceof OwnFolder) {
            // Finder's .TemporaryItems and safe-save folders, and what is made in them: the user's own, never WordPress's.
            noBody(req);
            scratch.makeFolder(ScratchFiles.Owner.of(req.session()), path);
            out.setStatus(201);
            return;
        }
        if (!(parent instanceof MakeCollectionableResource maker)) {
            throw new DavError.Forbidden("New folders cannot be made in " + path.parent());
        }
        noBody(req);
        maker.createCollection(path.name());
        out.setStatus(201);
    }

    private static void noBody(DavRequest req) throws java.io.IOException {
        if (req.getInputStream().read() >= 0) {
            throw new DavError.UnsupportedType("MKCOL takes no body");
        }
    }
}
