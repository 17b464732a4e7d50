package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pressdav.dav.DavError;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;

/**
 * GET and HEAD, replacing Milton CE's handler: conditional requests (304 and 412), byte ranges
 * (single, multiple, suffix) and 416, with strong ETags and Last-Modified on every answer.
 * A folder answers with a small HTML index for browsers.
 */
public final class GetHandler extends DavHandler {
    private final DriveTree tree;

    GetHandler(DriveTree tree) {
        super(Request.Method.GET, Request.Method.HEAD);
        this.tree = tree;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        boolean head = req.getMethod() == Request.Method.HEAD;
        Node node = existing(req);
        if (node instanceof DavFile file) {
            serve(req.servletRequest(), out, file, head);
        } else {
            index(req, out, (Folder) node, head);
        }
    }

    private static void serve(HttpServletRequest req, HttpServletResponse out, DavFile file, boolean head) throws IOException {
        String etag = file.etag();
        Instant modified = file.modified();
        out.setHeader("ETag", etag);
        if (modified != null) {
            out.setDateHeader("Last-Modified", modified.toEpochMilli());
        }
        out.setHeader("Accept-Ranges", "bytes");
        sandboxed(out, file.contentType());

        if (!Preconditions.matches(req.getHeader("If-Match"), etag)
                || Preconditions.modifiedSince(req.getDateHeader("If-Unmodified-Since"), modified)) {
            throw new DavError.PreconditionFailed("Precondition failed: the file has changed");
        }
        String ifNoneMatch = req.getHeader("If-None-Match");
        boolean notModified = ifNoneMatch != null
                ? Preconditions.matchesWeakly(ifNoneMatch, etag)
                : req.getHeader("If-Modified-Since") != null
                        && !Preconditions.modifiedSince(req.getDateHeader("If-Modified-Since"), modified);
        if (notModified) {
            out.setStatus(304);
            return;
        }

        long length = file.length();
        ByteRanges.Answer ranges = Preconditions.rangeStillValid(req.getHeader("If-Range"), etag, modified)
                ? ByteRanges.parse(req.getHeader("Range"), length)
                : new ByteRanges.Whole();
        if (ranges instanceof ByteRanges.Unsatisfiable) {
            out.setHeader("Content-Range", "bytes */" + length);
            throw new DavError.RangeNotSatisfiable("Range not satisfiable: the file has " + length + " bytes");
        }
        if (ranges instanceof ByteRanges.Slices slices && slices.slices().size() == 1) {
            ByteRanges.Slice slice = slices.slices().get(0);
            out.setStatus(206);
            out.setHeader("Content-Range", "bytes " + slice.first() + "-" + slice.last() + "/" + length);
            out.setContentType(file.contentType());
            out.setContentLengthLong(slice.length());
            if (!head) {
                file.write(body(out), slice.first(), slice.length());
            }
            return;
        }
        if (ranges instanceof ByteRanges.Slices slices) {
            multipart(out, file, slices.slices(), length, head);
            return;
        }
        out.setStatus(200);
        out.setContentType(file.contentType());
        out.setContentLengthLong(length);
        if (!head) {
            file.write(body(out), 0, length);
        }
    }

    /**
     * A file opened in a browser is shown on the drive's origin, where the browser holds the viewer's
     * login: an author's HTML, SVG or XML (a post's content.html, an upload) would run its script with
     * an administrator's drive login. Files are shown sandboxed (no script, an origin of their own),
     * stricter than the frame rule every answer carries; PDFs are left out, whose viewer a sandbox stops.
     */
    private static void sandboxed(HttpServletResponse out, String contentType) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")) {
            out.setHeader("Content-Security-Policy", "sandbox; frame-ancestors 'none'");
        }
    }

    /** Several ranges: {@code multipart/byteranges}, with an exact Content-Length. */
    private static void multipart(HttpServletResponse out, DavFile file, List<ByteRanges.Slice> slices, long length, boolean head)
            throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<byte[]> partHeads = new ArrayList<>();
        long total = 0;
        for (ByteRanges.Slice slice : slices) {
            byte[] partHead = ("\r\n--" + boundary + "\r\nContent-Type: " + file.contentType() + "\r\nContent-Range: bytes "
                    + slice.first() + "-" + slice.last() + "/" + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            partHeads.add(partHead);
            total += partHead.length + slice.length();
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        total += tail.length;
        out.setStatus(206);
        out.setContentType("multipart/byteranges; boundary=" + boundary);
        out.setContentLengthLong(total);
        if (head) {
            return;
        }
        OutputStream body = body(out);
        for (int i = 0; i < slices.size(); i++) {
            body.write(partHeads.get(i));
            file.write(body, slices.get(i).first(), slices.get(i).length());
        }
        body.write(tail);
    }

    /** The response body, taking buffers too: a file mapped from disk goes out without a copy in Java. */
    private static OutputStream body(HttpServletResponse out) throws IOException {
        return new ConnectionOutput(out.getOutputStream());
    }

    /** A folder, for a browser: {@link FolderPage}. */
    private void index(DavRequest req, HttpServletResponse out, Folder folder, boolean head) throws IOException {
        String site;
        try {
            site = req.session().wordpress().index(req.session().credentials()).url();
        } catch (RuntimeException noSite) {
            site = null;
        }
        byte[] body = FolderPage.render(req.session(), req.prefix(), req.path(), folder, tree.childrenForRead(req.session(), req.target()), site)
                .getBytes(StandardCharsets.UTF_8);
        out.setStatus(200);
        out.setContentType("text/html; charset=utf-8");
        out.setHeader("Cache-Control", "no-store");
        out.setContentLength(body.length);
        if (!head) {
            out.getOutputStream().write(body);
        }
    }

}
