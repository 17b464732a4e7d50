package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URLConnection;

/**
 * PUT, replacing Milton CE's (which parses some bodies as forms, creates missing parents and
 * ignores {@code X-Expected-Entity-Length} on replace). A writable field file takes the body as
 * its new text and sends it to WordPress; what WordPress refuses leaves the old value in place.
 * The body is read to its end whatever the framing: Jetty decodes chunked transfers.
 */
public final class PutHandler extends DavHandler {
    /** The largest field file accepted; post content beyond this is not a text anyone types. */
    static final int MAX_TEXT_BYTES = 16 << 20;

    private final Path incoming;

    /** {@code incoming}: where upload bodies are spooled, inside pressdav's data directory. */
    public PutHandler(DriveResourceFactory drive, Path incoming) {
        super(drive, Request.Method.PUT);
        this.incoming = incoming;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        drive.reveal(req.session(), req.path());
        HttpServletRequest in = req.servletRequest();
        DavPath path = req.path();
        if (!path.isRoot() && TemporaryNames.matches(path.name())) {
            keep(req, out, path);
            return;
        }
        Node existing = path.isRoot() ? null : drive.find(req.session(), path);
        if (path.isRoot() || existing instanceof Folder) {
            DavErrors.write(out, 405, path + " is a folder: a file cannot be written over it");
            return;
        }
        if (existing instanceof TextFile file) {
            replace(in, out, file, req);
            return;
        }
        Node parent = drive.find(req.session(), path.parent());
        if (!(parent instanceof Folder)) {
            DavErrors.write(out, 409, "The folder " + path.parent() + " does not exist");
        } else if (existing instanceof org.pressdav.dav.entity.MediaFile) {
            DavErrors.write(out, 403, "Replacing the bytes of a media file " + org.pressdav.dav.entity.MediaFolder.NEEDS_PLUGIN);
        } else if (existing != null && !(existing instanceof ScratchFile)) {
            DavErrors.write(out, 403, path.name() + " is read-only");
        } else if (!(parent instanceof AcceptsUploads target)) {
            DavErrors.write(out, 403, "New files cannot be created in " + path.parent());
        } else if (target.refusal(path.name()) != null) {
            DavErrors.write(out, 403, target.refusal(path.name()));
        } else {
            upload(req, out, target, (ScratchFile) existing);
        }
    }

    /**
     * A new file in a folder that takes uploads: the body goes to a file in the data directory,
     * then, streamed, to WordPress. An empty body is the "create" step of Windows and Finder,
     * which PUT 0 bytes before the real content: it is kept as a placeholder until then.
     */
    private void upload(DavRequest req, HttpServletResponse out, AcceptsUploads target, ScratchFile placeholder) throws IOException {
        HttpServletRequest in = req.servletRequest();
        if (placeholder != null && !Preconditions.matches(in.getHeader("If-Match"), placeholder.etag())) {
            DavErrors.write(out, 412, "Precondition failed: " + placeholder.getName() + " has changed");
            return;
        }
        Files.createDirectories(incoming);
        Path spooled = Files.createTempFile(incoming, "upload-", ".part");
        try {
            long length;
            try (InputStream body = req.getInputStream()) {
                length = Files.copy(body, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            if (length == 0) {
                try {
                    boolean created = drive.scratch().write(req.session(), req.path(), InputStream.nullInputStream());
                    out.setStatus(created ? 201 : 204);
                } catch (ScratchStore.Full e) {
                    DavErrors.write(out, 507, e.getMessage());
                }
                return;
            }
            Node made = target.upload(req.path().name(), contentType(in.getContentType(), req.path().name()), spooled, length);
            drive.scratch().delete(req.session(), req.path());
            if (made instanceof DavFile file) {
                out.setHeader("ETag", file.etag());
            }
            out.setStatus(201);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /**
     * The body's type: what the client said, unless it said nothing useful (a form type, octet
     * stream, or not a type at all: Sardine sends its charset there); else guessed from the name.
     */
    static String contentType(String declared, String name) {
        String type = declared == null ? "" : declared.strip();
        if (type.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?") && !type.startsWith("application/x-www-form-urlencoded")
                && !type.startsWith("multipart/") && !type.startsWith("application/octet-stream")) {
            return type;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }

    /** A temporary file: kept in the scratch store, never sent to WordPress. */
    private void keep(DavRequest req, HttpServletResponse out, DavPath path) throws IOException {
        if (!(drive.find(req.session(), path.parent()) instanceof Folder)) {
            DavErrors.write(out, 409, "The folder " + path.parent() + " does not exist");
            return;
        }
        boolean created;
        try {
            created = drive.scratch().write(req.session(), path, req.getInputStream());
        } catch (ScratchStore.Full e) {
            DavErrors.write(out, 507, e.getMessage());
            return;
        }
        ScratchFile kept = drive.scratch().find(req.session(), path);
        if (kept != null) {
            out.setHeader("ETag", kept.etag());
        }
        out.setStatus(created ? 201 : 204);
    }

    private void replace(HttpServletRequest in, HttpServletResponse out, TextFile file, DavRequest req) throws IOException {
        if (!file.writable()) {
            DavErrors.write(out, 403, file.getName() + " is read-only: WordPress sets it");
            return;
        }
        if (!Preconditions.matches(in.getHeader("If-Match"), file.etag()) || "*".equals(trim(in.getHeader("If-None-Match")))) {
            DavErrors.write(out, 412, "Precondition failed: " + file.getName() + " has changed or already exists");
            return;
        }
        String text;
        try {
            text = utf8(readBounded(req.getInputStream()));
        } catch (BodyRefused e) {
            DavErrors.write(out, e.status, e.getMessage());
            return;
        }
        file.write(text);
        Node fresh = drive.find(req.session(), req.path());
        if (fresh instanceof DavFile now) {
            out.setHeader("ETag", now.etag());
        }
        out.setStatus(204);
    }

    private static byte[] readBounded(InputStream body) throws IOException, BodyRefused {
        byte[] bytes = body.readNBytes(MAX_TEXT_BYTES + 1);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new BodyRefused(413, "A field file holds at most " + MAX_TEXT_BYTES + " bytes");
        }
        return bytes;
    }

    /** Field files are UTF-8; anything else would be stored as mojibake, so it is refused. */
    static String utf8(byte[] bytes) throws BodyRefused {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BodyRefused(400, "The file must be UTF-8 text; nothing was changed");
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /** A body that cannot be taken: the status to answer and why. */
    static final class BodyRefused extends Exception {
        final int status;

        BodyRefused(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
