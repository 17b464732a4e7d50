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
            DavErrors.write(out, 404, "Not found: " + from);
            return;
        }
        if (to.equals(from)) {
            DavErrors.write(out, 403, "The source and the destination are the same");
            return;
        }
        Node target = drive.find(req.session(), to);
        if (target != null && !overwrite) {
            DavErrors.write(out, 412, to + " exists and Overwrite is F");
            return;
        }
        if (source instanceof ScratchFile scratch) {
            moveScratch(req, out, scratch, from, to, target);
        } else if (source instanceof ObjectFolder<?> folder && from.parent().equals(to.parent())
                && drive.find(req.session(), from.parent()) instanceof KindFolder<?> kind) {
            if (target != null) {
                DavErrors.write(out, 409, to + " is another object: it is not replaced by a rename");
                return;
            }
            rename(kind, folder, to.name());
            out.setStatus(201);
        } else if (source instanceof org.pressdav.dav.entity.MediaFile) {
            DavErrors.write(out, 403, "Renaming or moving a media file " + org.pressdav.dav.entity.MediaFolder.NEEDS_PLUGIN);
        } else {
            DavErrors.write(out, 403, "Only a post's, page's or a temporary file's name can be changed by moving it");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void rename(KindFolder<T> kind, ObjectFolder<?> folder, String name) {
        kind.rename((ObjectFolder<T>) folder, name);
    }

    /** A temporary file renamed: to another temporary name, or over a field file (an editor's save). */
    private void moveScratch(DavRequest req, HttpServletResponse out, ScratchFile scratch, DavPath from, DavPath to, Node target)
            throws IOException {
        if (TemporaryNames.matches(to.name())) {
            if (!(drive.find(req.session(), to.parent()) instanceof Folder)) {
                DavErrors.write(out, 409, "The folder " + to.parent() + " does not exist");
                return;
            }
            drive.scratch().move(req.session(), from, to);
            out.setStatus(target == null ? 201 : 204);
        } else if (target instanceof TextFile file && file.writable()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            scratch.write(bytes, 0, scratch.length());
            try {
                file.write(PutHandler.utf8(bytes.toByteArray()));
            } catch (PutHandler.BodyRefused e) {
                DavErrors.write(out, e.status, e.getMessage());
                return;
            }
            drive.scratch().delete(req.session(), from);
            out.setStatus(204);
        } else {
            DavErrors.write(out, 403, "A temporary file can only become another temporary file or a writable field file");
        }
    }

    /** The Destination header's path inside the drive; its scheme and host are not checked. */
    static DavPath destination(DavRequest req) {
        String header = req.servletRequest().getHeader("Destination");
        if (header == null || header.isBlank()) {
            throw new DavRefusal(400, "MOVE needs a Destination header");
        }
        String raw;
        try {
            URI uri = new URI(header.strip());
            raw = uri.getRawPath();
        } catch (URISyntaxException e) {
            throw new DavRefusal(400, "The Destination header is not a URL: " + header);
        }
        if (raw == null || raw.isEmpty()) {
            raw = "/";
        }
        DavPath full = DavPath.parseEncoded(raw);
        if (!full.startsWith(req.prefix())) {
            throw new DavRefusal(502, "The Destination is outside this drive");
        }
        return full.relativeTo(req.prefix());
    }
}
