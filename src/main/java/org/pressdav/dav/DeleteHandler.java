package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * DELETE: a post's, page's or comment's folder goes to WordPress's trash; a term or a media file
 * is deleted for good where WordPress allows it to this user; a temporary file leaves the
 * scratch store. A field file of a deletable object is only hidden from its user for a while
 * ({@link DriveResourceFactory#hide}), so that clients that empty a folder before deleting it can.
 */
public final class DeleteHandler extends DavHandler {
    public DeleteHandler(DriveResourceFactory drive) {
        super(drive, Request.Method.DELETE);
    }

    @SuppressWarnings("unchecked")
    private static <T> void delete(KindFolder<T> kind, ObjectFolder<?> folder) {
        kind.delete((ObjectFolder<T>) folder);
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        DavPath path = req.path();
        Node node = drive.find(req.session(), path);
        if (node == null) {
            throw new DavError.NotFound("Not found: " + path);
        } else if (node instanceof ScratchFile) {
            drive.stores().scratch().delete(req.session().userKey(), path);
            out.setStatus(204);
        } else if (node instanceof ObjectFolder<?> folder && drive.find(req.session(), path.parent()) instanceof KindFolder<?> kind) {
            delete(kind, folder);
            out.setStatus(204);
        } else if (node instanceof org.pressdav.dav.entity.MediaFile media) {
            media.delete();
            out.setStatus(204);
        } else if (node instanceof TextFile && drive.find(req.session(), path.parent()) instanceof ObjectFolder<?> folder
                && folder.deletable()) {
            drive.hide(req.session(), path);
            out.setStatus(204);
        } else if (node instanceof TextFile) {
            throw new DavError.Forbidden(path.name() + " cannot be deleted: write an empty file to clear it");
        } else {
            throw new DavError.Forbidden(path + " cannot be deleted");
        }
    }
}
