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
 * DELETE: a post's, page's or comment's folder goes to WordPress's trash; a term or a media file
 * is deleted for good where WordPress allows it to this user; a temporary file leaves the
 * scratch store. Field files and the top folders cannot be deleted.
 */
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

    @SuppressWarnings("unchecked")
    private static <T> void delete(KindFolder<T> kind, ObjectFolder<?> folder) {
        kind.delete((ObjectFolder<T>) folder);
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
            } else if (node instanceof ObjectFolder<?> folder && drive.find(req.session(), path.parent()) instanceof KindFolder<?> kind) {
                delete(kind, folder);
                out.setStatus(204);
            } else if (node instanceof org.pressdav.dav.entity.MediaFile media) {
                media.delete();
                out.setStatus(204);
            } else if (node instanceof TextFile) {
                DavErrors.write(out, 403, path.name() + " cannot be deleted: write an empty file to clear it");
            } else {
                DavErrors.write(out, 403, path + " cannot be deleted");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
