package org.pressdav.server;

import io.milton.http.Request;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.DavResponse;
import org.pressdav.dav.request.Destination;
import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.wordpress.WordPressException;

/**
 * MOVE and COPY whose Destination is in another site's folder ({@code sites/a/...} to {@code sites/b/...}). Each site is
 * its own WordPress, so nothing can be moved between them: a MOVE is 502 (RFC 4918 §9.9.4: the destination is in
 * another namespace) with a message saying what to do instead. A COPY of a file is done as the user would do it by
 * hand: its bytes read from the first site as this user, then written to the other with a PUT of the same login
 * checked by that site, through that site's drive (its locks, write turns and upload rules). A folder is not copied
 * between sites (502): its files are, one by one.
 */
final class CrossSiteCopy {
    /**
     * Headers of the COPY that are about its source, or the COPY itself, and not the PUT that writes its copy. The
     * {@code If} header goes too: its lock tokens and ETags are checked against the first site's resources (RFC 4918
     * §10.4), never the other's; a locked file there refuses the copy (423) as it refuses any PUT without its token.
     */
    private static final Set<String> NOT_FOR_THE_PUT = Set.of("destination", "depth", "overwrite", "if", "if-match", "if-none-match",
            "if-modified-since", "if-unmodified-since", "range", "if-range", "content-length", "content-type", "content-range",
            "transfer-encoding", "expect");

    private final Mounts mounts;
    private final DavPath prefix;
    private final IncomingSpool incoming;

    CrossSiteCopy(Mounts mounts, DavPath prefix, IncomingSpool incoming) {
        this.mounts = mounts;
        this.prefix = prefix;
        this.incoming = incoming;
    }

    /** Whether a MOVE or COPY from {@code from} names a Destination another drive serves (never with one site at the root). */
    boolean leaves(HttpServletRequest req, String method, Mount from) {
        try {
            return !mounts.of(Destination.of(req, method, prefix)).at().equals(from.at());
        } catch (DavError e) {
            return false; // a Destination the drive itself refuses: its engine answers as it always has
        }
    }

    /** Answers a MOVE or COPY that {@link #leaves} its drive, made by {@code session} on {@code source} (inside {@code from}). */
    void answer(HttpServletRequest req, HttpServletResponse resp, String method, Mount from, DavSession session, DavPath source)
            throws IOException {
        DavPath destination = Destination.of(req, method, prefix);
        try {
            Mount to = mounts.of(destination);
            if (to.isLookup()) {
                mounts.learn(session); // a network's site not seen yet: the sites of this login are looked up
                to = mounts.of(destination);
            }
            if (to.readOnly()) {
                throw new DavError.Forbidden("Nothing was " + (method.equals("MOVE") ? "moved" : "copied")
                        + ": the drive's root holds sites/ only; put it inside a site's folder, sites/<name>/");
            }
            if (method.equals("MOVE")) {
                throw new DavError.BadGateway("Nothing was moved: " + from.at() + "/ and " + to.at() + "/ are different WordPress sites. Copy it"
                        + " there, then delete it here.");
            }
            if (to.isLookup() || destination.equals(to.at())) {
                throw new DavError.BadGateway("Nothing was copied: a copy between sites goes into a folder of the other site");
            }
            Node node = from.tree().resolveForRead(session, source).node();
            if (node == null) {
                throw new DavError.NotFound("Not found: " + source);
            }
            if (!(node instanceof DavFile file)) {
                throw new DavError.BadGateway("Nothing was copied: a folder is not copied between sites (each is its own WordPress); copy its"
                        + " files one by one");
            }
            HttpServletResponse toThere = new RealmResponse(resp, to.realm()); // a refusal there names that site's realm
            DavSession there = to.authenticator().authenticate(req, toThere, false);
            if (there == null) {
                return; // refused there, and answered so
            }
            if (!to.admits().test(there)) {
                throw new DavError.NotFound("Not found: no site of that name for you under sites/");
            }
            try (IncomingSpool.Spooled bytes = incoming.take(out -> file.write(out, 0, file.length()));
                    InputStream body = Files.newInputStream(bytes.file())) {
                PutOfCopy put = new PutOfCopy(req, bytes.length(), file.contentType(), body);
                to.engine().process(new DavRequest(put, Request.Method.PUT, there, prefix.resolve(to.at()), destination.relativeTo(to.at()), body),
                        new DavResponse(toThere));
            }
        } catch (DavError | WordPressException e) {
            DavErrors.send(resp, e, session.isAnonymous());
        }
    }

    /**
     * The PUT that writes a copy: the COPY's login, the copy's length and type, and {@code If-None-Match: *} where the
     * COPY said {@code Overwrite: F} (an existing file is then left as it is: 412); none of the COPY's conditions, which
     * are its source's ({@link #NOT_FOR_THE_PUT}).
     */
    private static final class PutOfCopy extends HttpServletRequestWrapper {
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final InputStream body;
        private final long length;

        PutOfCopy(HttpServletRequest copy, long length, String contentType, InputStream body) {
            super(copy);
            this.body = body;
            this.length = length;
            for (String name : Collections.list(copy.getHeaderNames())) {
                if (!NOT_FOR_THE_PUT.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, copy.getHeader(name));
                }
            }
            headers.put("Content-Length", String.valueOf(length));
            headers.put("Content-Type", contentType);
            if (!Destination.overwrite(copy)) {
                headers.put("If-None-Match", "*");
            }
        }

        @Override
        public String getMethod() {
            return "PUT";
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = headers.get(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(headers.keySet());
        }

        @Override
        public long getDateHeader(String name) {
            return -1;
        }

        @Override
        public int getIntHeader(String name) {
            String value = headers.get(name);
            return value == null ? -1 : Integer.parseInt(value);
        }

        @Override
        public String getContentType() {
            return headers.get("Content-Type");
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }

        @Override
        public int getContentLength() {
            return length > Integer.MAX_VALUE ? -1 : (int) length;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return body.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("a copy's bytes are read as they are asked for");
                }
            };
        }
    }
}
