package org.pressdav.dav.protocol;

import io.milton.http.Request;
import io.milton.resource.MakeCollectionableResource;
import jakarta.servlet.http.HttpServletResponse;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Node;

/**
 * MKCOL (RFC 4918 §9.3), replacing Milton CE's, which accepts a body: the parent folder makes the
 * new one if it can ({@code posts/} and {@code pages/} a draft, {@code categories/} and
 * {@code tags/} a term). What the path alone decides (405, 409, 403) is answered before the body
 * is looked at.
 */
public final class MkcolHandler extends DavHandler {
    public MkcolHandler(DriveResourceFactory drive) {
        super(drive, Request.Method.MKCOL);
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath path = req.path();
        if (path.isRoot() || drive.find(req.session(), path) != null) {
            throw new DavError.NotAllowed(path + " already exists");
        }
        Node parent = drive.find(req.session(), path.parent());
        if (parent == null) {
            throw new DavError.Conflict("The folder " + path.parent() + " does not exist");
        }
        if (!(parent instanceof MakeCollectionableResource maker)) {
            throw new DavError.Forbidden("New folders cannot be made in " + path.parent());
        }
        if (req.getInputStream().read() >= 0) {
            throw new DavError.UnsupportedType("MKCOL takes no body");
        }
        maker.createCollection(path.name());
        out.setStatus(201);
    }
}
