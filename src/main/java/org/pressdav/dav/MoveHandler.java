package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * MOVE (RFC 4918 §9.9), replacing Milton CE's: {@code Overwrite} defaults to T as the RFC says
 * (Finder never sends it), the {@code Destination} may name any host or scheme (only its path
 * counts, as behind a proxy). Renaming an object's folder renames the object (a post's slug);
 * a temporary file may be renamed, or renamed over a field file, which is how editors save.
 */
public final class MoveHandler extends DavHandler {
    public MoveHandler(DriveResourceFactory drive) {
        super(drive, Request.Method.MOVE);
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        DavPath from = req.path();
        DavPath to = destination(req);
        boolean overwrite = !"F".equalsIgnoreCase(String.valueOf(req.servletRequest().getHeader("Overwrite")).strip());
        Node source = drive.find(req.session(), from);
        if (source == null) {
            throw new DavError.NotFound("Not found: " + from);
        }
        if (to.equals(from)) {
            throw new DavError.Forbidden("The source and the destination are the same");
        }
        Node target = drive.find(req.session(), to);
        if (target != null && !overwrite) {
            throw new DavError.PreconditionFailed(to + " exists and Overwrite is F");
        }
        if (source instanceof ScratchFile scratch) {
            moveScratch(req, out, scratch, from, to, target);
        } else if (source instanceof ObjectFolder<?> folder && from.parent().equals(to.parent())
                && drive.find(req.session(), from.parent()) instanceof KindFolder<?> kind) {
            if (target != null) {
                throw new DavError.Conflict(to + " is another object: it is not replaced by a rename");
            }
            rename(kind, folder, to.name());
            out.setStatus(201);
        } else if (source instanceof org.pressdav.dav.entity.MediaFile) {
            throw new DavError.Forbidden("Renaming or moving a media file " + org.pressdav.dav.entity.MediaFolder.NEEDS_PLUGIN);
        } else {
            throw new DavError.Forbidden("Only a post's, page's or a temporary file's name can be changed by moving it");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void rename(KindFolder<T> kind, ObjectFolder<?> folder, String name) {
        kind.rename((ObjectFolder<T>) folder, name);
    }

    /**
     * A user's own file renamed: to another of their own names; over a writable field file (how
     * editors, {@code sed -i}, {@code perl -pi} and rsync save); or, in a folder that takes
     * uploads, to a new name, which uploads it once, as one attachment (rsync's {@code .name.XXXXXX}).
     * davfs2 renames a file before it uploads its bytes: an empty file renamed over a field that
     * has text changes nothing (the PUT that follows brings the text), and an empty file renamed
     * into an upload folder waits there as a placeholder for its PUT.
     */
    private void moveScratch(DavRequest req, HttpServletResponse out, ScratchFile scratch, DavPath from, DavPath to, Node target)
            throws IOException {
        Node toParent = drive.find(req.session(), to.parent());
        if (!(toParent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        } else if (DriveResourceFactory.isScratch(toParent, to.name())) {
            drive.stores().scratch().move(req.session().userKey(), from, to);
            out.setStatus(target == null ? 201 : 204);
        } else if (target instanceof TextFile file && file.writable()) {
            if (!file.mayChange()) {
                throw new DavError.Forbidden(file.changeRefusal());
            }
            if (scratch.length() == 0 && file.length() > 0) {
                drive.stores().scratch().delete(req.session().userKey(), from);
                out.setStatus(204);
                return;
            }
            String tooLarge = FieldBodies.tooLarge(file.getName(), scratch.length());
            if (tooLarge != null) {
                throw new DavError.TooLarge(tooLarge);
            }
            file.write(PutHandler.utf8(java.nio.file.Files.readAllBytes(scratch.file())));
            drive.stores().scratch().delete(req.session().userKey(), from);
            drive.reveal(req.session(), to);
            out.setStatus(204);
        } else if ((target == null || target instanceof ScratchFile) && toParent instanceof AcceptsUploads uploads
                && uploads.refusal(to.name()) == null && scratch.length() == 0) {
            drive.stores().scratch().move(req.session().userKey(), from, to);
            out.setStatus(target == null ? 201 : 204);
        } else if ((target == null || target instanceof ScratchFile) && toParent instanceof AcceptsUploads uploads
                && uploads.refusal(to.name()) == null) {
            uploads.upload(to.name(), PutHandler.contentType(null, to.name()), scratch.file(), scratch.length());
            drive.stores().scratch().delete(req.session().userKey(), from);
            drive.stores().scratch().delete(req.session().userKey(), to);
            out.setStatus(target == null ? 201 : 204);
        } else {
            throw new DavError.Forbidden("A file of your own can become another file of your own, a writable field file, "
                    + "or a new file where uploads are taken");
        }
    }

    /** The Destination header's path inside the drive; its scheme and host are not checked. */
    static DavPath destination(DavRequest req) {
        String header = req.servletRequest().getHeader("Destination");
        if (header == null || header.isBlank()) {
            throw new DavError.BadRequest("MOVE needs a Destination header");
        }
        String raw;
        try {
            URI uri = new URI(header.strip());
            raw = uri.getRawPath();
        } catch (URISyntaxException e) {
            throw new DavError.BadRequest("The Destination header is not a URL: " + header);
        }
        if (raw == null || raw.isEmpty()) {
            raw = "/";
        }
        DavPath full = DavPath.parseEncoded(raw);
        if (!full.startsWith(req.prefix())) {
            throw new DavError.BadGateway("The Destination is outside this drive");
        }
        return full.relativeTo(req.prefix());
    }
}
