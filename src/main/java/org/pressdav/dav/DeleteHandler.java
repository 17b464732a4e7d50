package org.pressdav.dav;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** DELETE: a temporary file leaves the scratch store; what WordPress holds is refused for now. */
public final class DeleteHandler implements Handler {
    private final DriveResourceFactory drive;

    public DeleteHandler(DriveResourceFactory drive) {
        this.drive = drive;
    }

    @Override
    public String[] getMethods() {
        return new String[] {Request.Method.DELETE.code};
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
            Node node = drive.find(req.session(), path);
            if (node == null) {
                DavErrors.write(out, 404, "Not found: " + path);
            } else if (node instanceof ScratchFile) {
                drive.scratch().delete(req.session(), path);
                out.setStatus(204);
            } else {
                DavErrors.write(out, 403, "Deleting " + path + " is not supported yet");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
