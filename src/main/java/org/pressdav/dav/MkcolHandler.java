package org.pressdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * MKCOL (RFC 4918 §9.3), replacing Milton CE's, which accepts a body: a new folder in
 * {@code posts/} or {@code pages/} is a draft, in {@code categories/} or {@code tags/} a term.
 */
public final class MkcolHandler implements Handler {
    private final DriveResourceFactory drive;

    public MkcolHandler(DriveResourceFactory drive) {
        this.drive = drive;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.MKCOL.code};
    }

    @Override
    public boolean isCompatible(Resource resource) {
        return resource instanceof Node;
    }

    @Override
    public void process(HttpManager manager, Request request, Response response) {
        DavRequest req = (DavRequest) request;
        HttpServletResponse out = ((DavResponse) response).servletResponse();
        DavPath path = req.path();
        try {
            if (req.getInputStream().read() >= 0) {
                DavErrors.write(out, 415, "MKCOL takes no body");
                return;
            }
            if (path.isRoot() || drive.find(req.session(), path) != null) {
                DavErrors.write(out, 405, path + " already exists");
                return;
            }
            Node parent = drive.find(req.session(), path.parent());
            if (parent == null) {
                DavErrors.write(out, 409, "The folder " + path.parent() + " does not exist");
            } else if (parent instanceof KindFolder<?> kind) {
                kind.create(path.name());
                out.setStatus(201);
            } else {
                DavErrors.write(out, 403, "New folders cannot be made in " + path.parent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
