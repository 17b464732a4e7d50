package org.pressdav.dav.protocol;

import io.milton.http.Request;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import io.milton.resource.ReplaceableResource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReplaceableFile;
import org.pressdav.dav.node.UserFile;
import org.pressdav.dav.store.ScratchFiles;
import org.pressdav.dav.store.ScratchFolder;
import org.pressdav.wordpress.WordPressException;

/**
 * MOVE (RFC 4918 §9.9), replacing Milton CE's: {@code Overwrite} defaults to T as the RFC says
 * (Finder never sends it); a {@code Destination} on another server is 502. Renaming an object's folder renames the object (a post's slug);
 * a temporary file may be renamed, or renamed over a field file, which is how editors save.
 */
public final class MoveHandler extends DavHandler {
    private final IncomingSpool incoming;

    public MoveHandler(DriveResourceFactory drive, IncomingSpool incoming) {
        super(drive, Request.Method.MOVE);
        this.incoming = incoming;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath from = req.path();
        DavPath to = destination(req);
        boolean overwrite = overwrite(req);
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
        if (source instanceof UserFile own) {
            moveOwn(req, out, own, from, to, target);
        } else if (source instanceof ScratchFolder) {
            moveOwnFolder(req, out, from, to, target);
        } else if (source instanceof DavFile file && target instanceof ReplaceableFile replaced && source instanceof DeletableResource) {
            replaceBy(req, out, file, replaced);
        } else if (source instanceof MoveableResource movable) {
            if (to.startsWith(from)) {
                throw new DavError.Conflict("A folder cannot move into itself");
            }
            if (!(drive.find(req.session(), to.parent()) instanceof Folder into)) {
                throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
            }
            if (target != null) {
                // Overwrite T: in a folder of files what is there goes first (RFC 4918 §9.9.3); another object is never deleted by a rename.
                if (!(into instanceof HoldsFiles)) {
                    throw new DavError.Conflict(to + " is another object: it is not replaced by a rename");
                }
                Stopped stopped = target instanceof HoldsFiles ? DeepDelete.folder(drive, req, to, target) : deleteFile(target);
                if (stopped != null) {
                    stopped.answer(req, out);
                    return;
                }
            }
            // The ._ and .DS_Store files in a folder go with it; noted first, so that a process killed while
            // WordPress moves the folder leaves a note that UnfinishedMoves finishes, not files under the old path.
            if (source instanceof Folder) {
                drive.stores().scratch().intendCarry(from, to);
            }
            // Each kind says where its objects may go: a post's folder only to a new name beside it, a media file anywhere in media/.
            try {
                movable.moveTo(into, to.name());
            } catch (DavError | WordPressException refused) {
                if (source instanceof Folder && DavErrors.classify(refused, false).refused()) {
                    drive.stores().scratch().abandonCarry(from, to); // refused: nothing moved (a 5xx may have, and keeps its note)
                }
                throw refused;
            }
            if (source instanceof Folder) {
                drive.stores().scratch().carry(from, to);
            }
            out.setStatus(target == null ? 201 : 204);
        } else {
            throw new DavError.Forbidden(source.moveRefusal());
        }
    }

    private static Stopped deleteFile(Node target) throws Exception {
        if (!(target instanceof DeletableResource file)) {
            throw new DavError.Forbidden(target.getName() + " cannot be replaced");
        }
        file.delete();
        return null;
    }

    /**
     * A file moved over another that takes new bytes (a copy saved next to a photo, then renamed
     * over it): the target keeps its identity and takes the source's bytes; then the source goes.
     */
    private void replaceBy(DavRequest req, HttpServletResponse out, DavFile source, ReplaceableFile target) throws Exception {
        String refused = target.replaceRefusal();
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        if (!((Node) source).mayChange()) {
            throw new DavError.Forbidden(((Node) source).changeRefusal());
        }
        try (IncomingSpool.Spooled copy = incoming.take(to -> source.write(to, 0, source.length()))) {
            target.replaceWith(copy.file(), copy.length(), source.contentType());
        }
        ((DeletableResource) source).delete();
        out.setStatus(204);
    }

    /**
     * A user's own file renamed: to another of their own names; over a writable field file (how
     * editors, {@code sed -i}, {@code perl -pi} and rsync save); or, in a folder that takes
     * uploads, to a new name, which uploads it once, as one attachment (rsync's {@code .name.XXXXXX}).
     * davfs2 renames a file before it uploads its bytes: an empty file renamed over a field that
     * has text changes nothing (the PUT that follows brings the text), and an empty file renamed
     * into an upload folder waits there as a placeholder for its PUT.
     */
    private void moveOwn(DavRequest req, HttpServletResponse out, UserFile own, DavPath from, DavPath to, Node target) throws Exception {
        String user = req.session().userKey();
        ScratchFiles scratch = drive.stores().scratch();
        Node toParent = drive.find(req.session(), to.parent());
        boolean uploadHere = (target == null || target instanceof UserFile) && toParent instanceof AcceptsUploads uploads
                && uploads.refusal(to.name()) == null;
        if (!(toParent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        } else if (DriveResourceFactory.isScratch(toParent, to.name()) || uploadHere && own.length() == 0) {
            ResourceKey before = drive.key(req.session(), from);
            scratch.move(user, from, to);
            drive.moveProperties(req.session(), before, drive.key(req.session(), to));
            out.setStatus(target == null ? 201 : 204);
        } else if (target instanceof ReplaceableFile file) {
            String refused = file.replaceRefusal();
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            if (own.length() > 0) {
                file.replaceWith(own.content(), own.length(), PutHandler.contentType(null, to.name()));
            }
            scratch.delete(user, from);
            out.setStatus(204);
        } else if (target instanceof ReplaceableResource field) {
            if (!target.mayChange()) {
                throw new DavError.Forbidden(target.changeRefusal());
            }
            if (own.length() > 0 || ((DavFile) target).length() == 0) {
                try (InputStream in = Files.newInputStream(own.content())) {
                    field.replaceContent(in, own.length());
                }
                drive.reveal(req.session(), to);
            }
            scratch.delete(user, from);
            out.setStatus(204);
        } else if (uploadHere) {
            ResourceKey before = drive.key(req.session(), to);
            ((AcceptsUploads) toParent).upload(to.name(), PutHandler.contentType(null, to.name()), own.content(), own.length());
            scratch.delete(user, from);
            scratch.delete(user, to);
            drive.settle(req.session(), before, to);
            out.setStatus(target == null ? 201 : 204);
        } else {
            throw new DavError.Forbidden("A file of your own can become another file of your own, a writable field file, "
                    + "or a new file where uploads are taken");
        }
    }

    /** One of the user's own folders renamed, to another name of their own (a folder of Finder's). */
    private void moveOwnFolder(DavRequest req, HttpServletResponse out, DavPath from, DavPath to, Node target) throws IOException {
        Node toParent = drive.find(req.session(), to.parent());
        if (!(toParent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        }
        if (!DriveResourceFactory.isScratch(toParent, to.name())) {
            throw new DavError.Forbidden("A folder of your own (" + from.name() + ") can only take another temporary folder's name");
        }
        if (target != null || to.startsWith(from)) {
            throw new DavError.Conflict(to + (target != null ? " exists: a folder of your own does not replace it" : " is inside " + from));
        }
        drive.stores().scratch().move(req.session().userKey(), from, to);
        out.setStatus(201);
    }

    /** {@code Overwrite}: T unless the client says F (RFC 4918 §10.6; Finder never sends it). */
    static boolean overwrite(DavRequest req) {
        return !"F".equalsIgnoreCase(String.valueOf(req.servletRequest().getHeader("Overwrite")).strip());
    }

    /**
     * The Destination header's path inside the drive. A Destination on another server (another
     * scheme, host or port than the request's own, as Jetty sees it: behind a proxy with
     * {@code --trust-forwarded-headers}, the proxy's) is 502 (RFC 4918 §9.9.4, §9.8.5): pressdav
     * does not move or copy to other servers, and doing it here instead would surprise the client.
     * A Destination of a path alone is this server's.
     */
    public static DavPath destination(DavRequest req) {
        String header = req.servletRequest().getHeader("Destination");
        if (header == null || header.isBlank()) {
            throw new DavError.BadRequest(req.getMethod().code + " needs a Destination header");
        }
        URI uri;
        try {
            uri = new URI(header.strip());
        } catch (URISyntaxException e) {
            throw new DavError.BadRequest("The Destination header is not a URL: " + header);
        }
        if (uri.getRawAuthority() != null && !sameServer(uri, req.servletRequest())) {
            throw new DavError.BadGateway("The Destination " + header.strip() + " is on another server than this drive ("
                    + origin(req.servletRequest()) + "): nothing was " + (req.getMethod() == Request.Method.COPY ? "copied" : "moved"));
        }
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            raw = "/";
        }
        DavPath full = DavPath.parseEncoded(raw);
        if (!full.startsWith(req.prefix())) {
            throw new DavError.BadGateway("The Destination is outside this drive");
        }
        return full.relativeTo(req.prefix());
    }

    private static boolean sameServer(URI destination, jakarta.servlet.http.HttpServletRequest request) {
        String scheme = destination.getScheme() == null ? request.getScheme() : destination.getScheme();
        String host = destination.getHost();
        int port = destination.getPort();
        if (host == null) {
            // java.net.URI takes a host it finds no server name in (dav_1, a Compose service) as a bare authority: split it here.
            String authority = destination.getRawAuthority().substring(destination.getRawAuthority().lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon > 0 && !authority.endsWith("]") && authority.substring(colon + 1).matches("[0-9]{1,5}");
            host = hasPort ? authority.substring(0, colon) : authority;
            port = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : -1;
        }
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        return scheme.equalsIgnoreCase(request.getScheme()) && port == request.getServerPort()
                && bare(host).equalsIgnoreCase(bare(request.getServerName()));
    }

    /** A host without the brackets of an IPv6 address. */
    private static String bare(String host) {
        return host == null ? "" : host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String origin(jakarta.servlet.http.HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
