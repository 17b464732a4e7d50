package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * MKCOL (RFC 4918 §9.3), replacing Milton CE's, which accepts a body: a new folder in
 * {@code posts/} or {@code pages/} is a draft, in {@code categories/} or {@code tags/} a term.
 */
public final class MkcolHandler extends DavHandler {
    public MkcolHandler(DriveResourceFactory drive) {
        super(drive, Request.Method.MKCOL);
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        DavPath path = req.path();
        if (path.isRoot() || drive.find(req.session(), path) != null) {
            throw new DavError.NotAllowed(path + " already exists");
        }
        Node parent = drive.find(req.session(), path.parent());
        if (parent == null) {
            throw new DavError.Conflict("The folder " + path.parent() + " does not exist");
        } else if (!(parent instanceof KindFolder<?> kind)) {
            throw new DavError.Forbidden("New folders cannot be made in " + path.parent());
        } else if (req.getInputStream().read() >= 0) {
            throw new DavError.UnsupportedType("MKCOL takes no body");
        } else {
            kind.create(path.name());
            out.setStatus(201);
        }
    }
}
