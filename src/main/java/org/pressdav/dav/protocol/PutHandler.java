package org.pressdav.dav.protocol;

import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.FieldBodies;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.lock.SerialWrites;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.TextFile;
import org.pressdav.dav.request.BodyType;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.FolderNames;
import org.pressdav.dav.store.HiddenFiles;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReplaceableFile;
import org.pressdav.dav.node.UserFile;
import org.pressdav.dav.store.ScratchFile;
import org.pressdav.dav.store.ScratchFiles;

/**
 * PUT, replacing Milton CE's (which parses some bodies as forms, creates missing parents and
 * ignores {@code X-Expected-Entity-Length} on replace). A writable field file takes the body as
 * its new text and sends it to WordPress; what WordPress refuses leaves the old value in place.
 * Everything that can be refused from the headers alone (no right, a read-only file, a body too
 * large, a partial PUT) is refused before a byte of the body is read. Jetty decodes chunked bodies.
 */
public final class PutHandler extends DavHandler {
    private final DriveTree tree;
    private final IncomingSpool incoming;
    private final FieldBodies fieldBodies;
    private final ScratchFiles scratch;
    private final HiddenFiles hidden;
    private final FolderNames names;
    private final ResourceMoves moves;

    PutHandler(DriveTree tree, IncomingSpool incoming, FieldBodies fieldBodies, DriveStores stores, ResourceMoves moves) {
        super(Request.Method.PUT);
        this.tree = tree;
        this.incoming = incoming;
        this.fieldBodies = fieldBodies;
        this.scratch = stores.scratch();
        this.hidden = stores.hidden();
        this.names = stores.names();
        this.moves = moves;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        HttpServletRequest in = req.servletRequest();
        DavPath path = req.path();
        if (in.getHeader("Content-Range") != null) {
            // RFC 9110 §14.5: a server that does not take partial PUTs must refuse them, not store the part as the whole.
            throw new DavError.BadRequest("pressdav does not take partial PUTs (Content-Range): send the whole file");
        }
        String user = req.session().userKey();
        boolean wasHidden = hidden.isHidden(user, path);
        hidden.reveal(user, path);
        if (path.isRoot()) {
            throw new DavError.NotAllowed("/ is a folder: a file cannot be written over it");
        }
        Node parent = req.target().parent();
        if (!(parent instanceof Folder)) {
            // Who may upload nothing there is told so whether the folder is there for them or not: a subscriber sees no
            // empty media folder, and another user's upload may make it appear to them at any moment.
            String refused = uploadRefusalAbove(req, path);
            throw refused != null ? new DavError.Forbidden(refused) : new DavError.Conflict("The folder " + path.parent() + " does not exist");
        }
        // A field file the user deleted (hidden from them) is written again: WordPress still has it.
        Node existing = wasHidden ? ((Folder) parent).child(path.name()) : req.target().node();
        if (existing instanceof Folder) {
            throw new DavError.NotAllowed(path + " is a folder: a file cannot be written over it");
        } else if (onlyIfNew(req) && (existing instanceof ReplaceableFile && existing.mayChange()
                || existing instanceof UserFile own && own.length() > 0)) {
            // If-None-Match: * (a COPY with Overwrite: F between sites is one): a file that is there stays as it is. A 0-byte
            // placeholder is the first step of a client's own save, not a file yet; a field file decides for itself (replace);
            // who may not replace the file is refused as such first (replaceBytes), not told it is there.
            throw new DavError.PreconditionFailed("Precondition failed: " + path.name() + " already exists");
        } else if (existing instanceof TextFile field) {
            try {
                replace(req, out, field);
            } catch (Exception refused) {
                hidden.keep(user, path);
                throw refused;
            }
        } else if (existing instanceof ReplaceableFile file) {
            replaceBytes(req, out, existing, file);
        } else if (DriveTree.isScratch(parent, path.name()) || existing instanceof UserFile
                && !(parent instanceof AcceptsUploads)) {
            keep(req, out, path);
        } else if (existing != null && !(existing instanceof UserFile)) {
            throw new DavError.Forbidden(existing.mayChange() ? "Replacing the bytes of " + path.name() + " needs pressdav's companion plugin"
                    : existing.changeRefusal());
        } else if (!(parent instanceof AcceptsUploads target)) {
            throw new DavError.Forbidden("New files cannot be created in " + path.parent());
        } else if (target.refusal(path.name()) != null) {
            throw new DavError.Forbidden(target.refusal(path.name()));
        } else {
            upload(req, out, target, (UserFile) existing);
        }
    }

    /** Why this user may upload nothing at all into the nearest folder above {@code path} that is there, or null (asked only on the way to a 409). */
    private String uploadRefusalAbove(DavRequest req, DavPath path) {
        for (DavPath at = path.parent(); at != null && !at.isRoot(); at = at.parent()) {
            Node above = tree.find(req.session(), at);
            if (above != null) {
                return above instanceof AcceptsUploads uploads ? uploads.uploadRefusal() : null;
            }
        }
        return null;
    }

    /** The body's length as the client declared it ({@code X-Expected-Entity-Length} for Finder's chunked bodies), or -1. */
    private static long declaredLength(HttpServletRequest in) {
        long length = in.getContentLengthLong();
        if (length >= 0) {
            return length;
        }
        try {
            String expected = in.getHeader("X-Expected-Entity-Length");
            return expected == null ? -1 : Long.parseLong(expected.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A new file in a folder that takes uploads: the body goes to a file in the data directory,
     * then, streamed, to WordPress. An empty body is the "create" step of Windows and Finder,
     * which PUT 0 bytes before the real content: it is kept as a placeholder until then. If
     * WordPress does not take the content, the placeholder goes too: nothing shows that
     * WordPress does not have.
     */
    private void upload(DavRequest req, HttpServletResponse out, AcceptsUploads target, UserFile placeholder) throws IOException {
        HttpServletRequest in = req.servletRequest();
        if (placeholder != null && !Preconditions.matches(in.getHeader("If-Match"), placeholder.etag())) {
            throw new DavError.PreconditionFailed("Precondition failed: " + req.path().name() + " has changed");
        }
        String tooLarge = incoming.tooLarge(declaredLength(in));
        if (tooLarge != null) {
            throw new DavError.TooLarge(tooLarge);
        }
        try (IncomingSpool.Spooled spooled = incoming.take(req.getInputStream())) {
            if (spooled.length() == 0) {
                boolean created = scratch.write(ScratchFiles.Owner.of(req.session()), req.path(), InputStream.nullInputStream());
                out.setStatus(created ? 201 : 204);
                return;
            }
            Node made;
            try {
                made = target.upload(req.path().name(), BodyType.of(in.getContentType(), req.path().name()), spooled.file(), spooled.length());
            } finally {
                scratch.delete(req.session().userKey(), req.path());
            }
            moves.settle(req.session(), req.target().key(), req.target().keyNow(made, req.session().userKey()));
            if (made instanceof DavFile file) {
                out.setHeader("ETag", file.etag());
            }
            out.setStatus(201);
        }
    }

    /**
     * New bytes for a file (a photo saved over): refused from the headers if it cannot be, else
     * the body goes to the data directory whole, then to WordPress, which keeps the object.
     */
    private void replaceBytes(DavRequest req, HttpServletResponse out, Node node, ReplaceableFile file) throws IOException {
        HttpServletRequest in = req.servletRequest();
        String refused = file.replaceRefusal();
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        if (!Preconditions.matches(in.getHeader("If-Match"), ((DavFile) node).etag())
                || Preconditions.modifiedSince(in.getDateHeader("If-Unmodified-Since"), node.modified())) {
            throw new DavError.PreconditionFailed("Precondition failed: " + node.getName() + " has changed");
        }
        String tooLarge = incoming.tooLarge(declaredLength(in));
        if (tooLarge != null) {
            throw new DavError.TooLarge(tooLarge);
        }
        DavFile now;
        try (IncomingSpool.Spooled spooled = incoming.take(req.getInputStream())) {
            now = file.replaceWith(spooled.file(), spooled.length(), BodyType.of(in.getContentType(), node.getName()));
        }
        if (now != null) {
            out.setHeader("ETag", now.etag());
        }
        out.setStatus(204);
    }

    /** The user's own file: kept in the scratch store, never sent to WordPress. */
    private void keep(DavRequest req, HttpServletResponse out, DavPath path) throws IOException {
        boolean created = scratch.write(ScratchFiles.Owner.of(req.session()), path, req.getInputStream());
        ScratchFile kept = scratch.find(req.session().userKey(), path);
        if (kept != null) {
            out.setHeader("ETag", kept.etag());
        }
        out.setStatus(created ? 201 : 204);
    }

    /**
     * New text for a field file. It runs in the object's turn ({@link SerialWrites}), so the
     * preconditions are checked against what WordPress holds now and nothing else writes the
     * object between the check and the write. The answer's ETag is the file as WordPress answered the update.
     */
    private void replace(DavRequest req, HttpServletResponse out, TextFile field) throws Exception {
        HttpServletRequest in = req.servletRequest();
        if (!field.mayChange()) {
            throw new DavError.Forbidden(field.changeRefusal());
        }
        boolean firstWrite = field.objectKey() != null && names.isNew(req.session().userKey(), field.objectKey());
        if (!Preconditions.matches(in.getHeader("If-Match"), field.etag())
                || "*".equals(trim(in.getHeader("If-None-Match"))) && !firstWrite
                || Preconditions.modifiedSince(in.getDateHeader("If-Unmodified-Since"), field.modified())) {
            throw new DavError.PreconditionFailed("Precondition failed: " + field.getName() + " has changed or already exists");
        }
        long declared = declaredLength(in);
        TextFile saved;
        try (FieldBodies.Held room = fieldBodies.hold(field, declared)) {
            saved = field.save(FieldBodies.text(field, req.getInputStream()));
        }
        if (saved != null) {
            out.setHeader("ETag", saved.etag());
        }
        out.setStatus(204);
    }

    /** Whether the PUT may only make a new file ({@code If-None-Match: *}). */
    private static boolean onlyIfNew(DavRequest req) {
        return "*".equals(trim(req.servletRequest().getHeader("If-None-Match")));
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
