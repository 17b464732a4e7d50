package org.pressdav.dav.protocol;

import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.pressdav.dav.DavError;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.Names;
import org.pressdav.dav.request.BodyType;
import org.pressdav.dav.node.Node;

/**
 * The upload form of a folder's page ({@link FolderPage}): a {@code multipart/form-data} POST of
 * one or more files, each uploaded as a PUT of it would be, then a 303 back to the folder. Only a
 * form of the drive's own pages is taken: a POST whose {@code Origin} (or {@code Referer}) is
 * another site is refused, since the browser would send the user's login with it.
 */
public final class PostHandler extends DavHandler {
    private final IncomingSpool incoming;

    private final ResourceMoves moves;

    PostHandler(IncomingSpool incoming, ResourceMoves moves) {
        super(Request.Method.POST);
        this.moves = moves;
        this.incoming = incoming;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        HttpServletRequest in = req.servletRequest();
        if (!sameOrigin(in)) {
            throw new DavError.Forbidden("An upload form is taken only from pressdav's own pages");
        }
        Node node = req.target().node();
        if (!(node instanceof AcceptsUploads folder)) {
            throw new DavError.Forbidden("Files cannot be uploaded into " + req.path());
        }
        String type = String.valueOf(in.getContentType());
        if (!type.startsWith("multipart/form-data")) {
            throw new DavError.UnsupportedType("The upload form sends multipart/form-data");
        }
        int uploaded = 0;
        try {
            for (Part part : in.getParts()) {
                String name = part.getSubmittedFileName();
                if (name == null || name.isBlank()) {
                    continue;
                }
                // Browsers send the file's name; some older ones its whole path.
                name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
                upload(req, folder, name, part);
                uploaded++;
            }
        } catch (ServletException e) {
            throw new DavError.BadRequest("The upload form's body cannot be read: " + e.getMessage());
        }
        if (uploaded == 0) {
            throw new DavError.BadRequest("The form held no file");
        }
        out.setStatus(303);
        out.setHeader("Location", req.prefix().resolve(req.path()).encoded() + "/");
    }

    private void upload(DavRequest req, AcceptsUploads folder, String name, Part part) throws IOException {
        String refused = folder.refusal(name);
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        ResourceKey before = req.target().keyOfNew(Names.nfc(name), req.session().userKey());
        Node made;
        try (InputStream body = part.getInputStream(); IncomingSpool.Spooled spooled = incoming.take(body)) {
            if (spooled.length() == 0) {
                throw new DavError.BadRequest(name + " is empty: WordPress keeps no empty file");
            }
            made = folder.upload(name, BodyType.of(part.getContentType(), name), spooled.file(), spooled.length());
        } finally {
            part.delete();
        }
        moves.settle(req.session(), before, req.target().keyOf(made, req.session().userKey()));
    }

    /** The form came from this server: its Origin, or lacking one its Referer, names this scheme, host and port. */
    private static boolean sameOrigin(HttpServletRequest in) {
        String from = in.getHeader("Origin");
        if (from == null || from.equals("null")) {
            from = in.getHeader("Referer");
        }
        if (from == null) {
            return false;
        }
        try {
            URI uri = URI.create(from.strip());
            int port = uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            return in.getScheme().equalsIgnoreCase(uri.getScheme()) && in.getServerName().equalsIgnoreCase(uri.getHost()) && in.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
