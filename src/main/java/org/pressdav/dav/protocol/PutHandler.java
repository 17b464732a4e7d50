package org.pressdav.dav.protocol;

import io.milton.http.Request;
import io.milton.resource.ReplaceableResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.SerialWrites;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Field;
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
    private final IncomingSpool incoming;
    private final FieldBodies fieldBodies;

    public PutHandler(DriveResourceFactory drive, IncomingSpool incoming, FieldBodies fieldBodies) {
        super(drive, Request.Method.PUT);
        this.incoming = incoming;
        this.fieldBodies = fieldBodies;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        HttpServletRequest in = req.servletRequest();
        DavPath path = req.path();
        if (in.getHeader("Content-Range") != null) {
            // RFC 9110 §14.5: a server that does not take partial PUTs must refuse them, not store the part as the whole.
            throw new DavError.BadRequest("pressdav does not take partial PUTs (Content-Range): send the whole file");
        }
        drive.reveal(req.session(), path);
        if (path.isRoot()) {
            throw new DavError.NotAllowed("/ is a folder: a file cannot be written over it");
        }
        Node parent = drive.find(req.session(), path.parent());
        if (!(parent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + path.parent() + " does not exist");
        }
        Node existing = drive.find(req.session(), path);
        if (existing instanceof Folder) {
            throw new DavError.NotAllowed(path + " is a folder: a file cannot be written over it");
        } else if (existing instanceof ReplaceableResource field) {
            try {
                replace(req, out, existing, field);
            } catch (Exception refused) {
                drive.keep(req.session(), path);
                throw refused;
            }
        } else if (existing instanceof ReplaceableFile file) {
            replaceBytes(req, out, existing, file);
        } else if (DriveResourceFactory.isScratch(parent, path.name()) || existing instanceof UserFile
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
                boolean created = drive.stores().scratch().write(ScratchFiles.Owner.of(req.session()), req.path(), InputStream.nullInputStream());
                out.setStatus(created ? 201 : 204);
                return;
            }
            Node made;
            ResourceKey before = drive.key(req.session(), req.path());
            try {
                made = target.upload(req.path().name(), contentType(in.getContentType(), req.path().name()), spooled.file(), spooled.length());
            } finally {
                drive.stores().scratch().delete(req.session().userKey(), req.path());
            }
            drive.settle(req.session(), before, req.path());
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
        try (IncomingSpool.Spooled spooled = incoming.take(req.getInputStream())) {
            file.replaceWith(spooled.file(), spooled.length(), contentType(in.getContentType(), node.getName()));
        }
        if (drive.find(req.session(), req.path()) instanceof DavFile now) {
            out.setHeader("ETag", now.etag());
        }
        out.setStatus(204);
    }

    /**
     * The body's type: what the client said, unless it said nothing useful (a form type, octet
     * stream, or not a type at all: Sardine sends its charset there); else guessed from the name.
     */
    public static String contentType(String declared, String name) {
        String type = declared == null ? "" : declared.strip();
        if (type.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?") && !type.startsWith("application/x-www-form-urlencoded")
                && !type.startsWith("multipart/") && !type.startsWith("application/octet-stream")) {
            return type;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }

    /** The user's own file: kept in the scratch store, never sent to WordPress. */
    private void keep(DavRequest req, HttpServletResponse out, DavPath path) throws IOException {
        boolean created;
        created = drive.stores().scratch().write(ScratchFiles.Owner.of(req.session()), path, req.getInputStream());
        ScratchFile kept = drive.stores().scratch().find(req.session().userKey(), path);
        if (kept != null) {
            out.setHeader("ETag", kept.etag());
        }
        out.setStatus(created ? 201 : 204);
    }

    /**
     * New text for a field file. It runs in the object's turn ({@link SerialWrites}), so the
     * preconditions are checked against what WordPress holds now and nothing else writes the
     * object between the check and the write.
     */
    private void replace(DavRequest req, HttpServletResponse out, Node node, ReplaceableResource field) throws Exception {
        HttpServletRequest in = req.servletRequest();
        if (!node.mayChange()) {
            throw new DavError.Forbidden(node.changeRefusal());
        }
        String etag = ((DavFile) node).etag();
        boolean firstWrite = drive.isNew(req.session(), node.objectKey());
        if (!Preconditions.matches(in.getHeader("If-Match"), etag)
                || "*".equals(trim(in.getHeader("If-None-Match"))) && !firstWrite
                || Preconditions.modifiedSince(in.getDateHeader("If-Unmodified-Since"), node.modified())) {
            throw new DavError.PreconditionFailed("Precondition failed: " + node.getName() + " has changed or already exists");
        }
        long declared = declaredLength(in);
        try (FieldBodies.Held room = fieldBodies.hold(node.getName(), declared)) {
            field.replaceContent(req.getInputStream(), declared < 0 ? null : declared);
        }
        Node fresh = drive.find(req.session(), req.path());
        if (fresh instanceof DavFile now) {
            out.setHeader("ETag", now.etag());
        }
        out.setStatus(204);
    }

    /** Field files are UTF-8; anything else would be stored as mojibake, so it is refused. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DavError.BadRequest("The file must be UTF-8 text; nothing was changed");
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
