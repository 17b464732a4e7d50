package org.pressdav.dav;

import io.milton.http.exceptions.BadRequestException;
import io.milton.http.exceptions.ConflictException;
import io.milton.http.exceptions.NotAuthorizedException;
import io.milton.http.exceptions.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP status. WordPress's own status and message are
 * kept wherever they make sense to a DAV client; WordPress failing or unreachable is a 502/504
 * that says why. Nobody gets a bare 500 for something WordPress said.
 */
public final class DavErrors {
    private static final Logger log = LoggerFactory.getLogger(DavErrors.class);
    public static final String CHALLENGE = challenge("pressdav");

    /** The login challenge of a realm: a client keeps one password a realm (with several sites, one a site). */
    public static String challenge(String realm) {
        return "Basic realm=\"" + realm.replace("\\", "").replace("\"", "") + "\", charset=\"UTF-8\"";
    }

    private DavErrors() {
    }

    /** The status and message a DAV client gets for this failure. */
    public record Failure(int status, String message) {
        /** What the drive's own refusal is answered. */
        public static Failure of(DavError refusal) {
            return new Failure(refusal.status(), refusal.getMessage());
        }

        /** Said no (4xx) before anything was done; a 5xx may have stopped halfway through. */
        public boolean refused() {
            return status < 500;
        }

        /**
         * WordPress stopped answering (502, 504) rather than refused: what was asked of it may or
         * may not have been done.
         */
        public boolean unanswered() {
            return status == 502 || status == 504;
        }

        /** Its status as a line of a 207's {@code DAV:status}: {@code HTTP/1.1 424 Failed Dependency}. */
        public String statusLine() {
            return DavErrors.statusLine(status);
        }
    }

    /** The status line of a property a PROPFIND asked for that the resource does not have (RFC 4918 §9.1). */
    public static final String PROPERTY_NOT_FOUND = statusLine(404);
    /** The status line of a live property a PROPPATCH may not change (RFC 4918 §9.2). */
    public static final String PROPERTY_PROTECTED = statusLine(403);
    /** The status line of the properties of a PROPPATCH the server could not store (RFC 4918 §9.2.1). */
    public static final String PROPERTIES_NOT_STORED = statusLine(507);
    /** The status line of the rest of a PROPPATCH, not made because another instruction failed (all or nothing). */
    public static final String FAILED_DEPENDENCY = statusLine(424);

    private static String statusLine(int status) {
        return "HTTP/1.1 " + status + " " + org.eclipse.jetty.http.HttpStatus.getMessage(status);
    }

    /** Not an HTTP status sent: the client closed the request (nginx's 499), so there is nobody to answer. */
    public static final int CLIENT_GONE = 499;

    public static Failure classify(Throwable e, boolean anonymous) {
        if (e instanceof WordPressException wp) {
            return fromWordPress(wp, anonymous);
        }
        if (e instanceof DavError refusal) {
            return Failure.of(refusal);
        }
        if (e instanceof BodyCutShort cut) {
            return new Failure(400, cut.getMessage());
        }
        org.eclipse.jetty.http.HttpException jetty = jettyRefusal(e);
        if (jetty != null) {
            // Jetty refused the request itself while a handler read it (a body too slow, 408): its status, not a 500.
            return new Failure(jetty.getCode(), jetty.getReason() == null ? "Bad request" : jetty.getReason());
        }
        if (diskFull(e)) {
            log.warn("pressdav's data directory is full: {}", e.toString());
            return new Failure(507, "The server's disk is full: nothing was stored; try again when room has been made");
        }
        if (e instanceof NotFoundException) {
            return new Failure(404, "Not found");
        }
        if (e instanceof BadRequestException bad) {
            return new Failure(400, bad.getReason() == null ? "Bad request" : bad.getReason());
        }
        if (e instanceof ConflictException) {
            return new Failure(409, "Conflict: " + e.getMessage());
        }
        if (e instanceof NotAuthorizedException) {
            return new Failure(anonymous ? 401 : 403, "Forbidden");
        }
        if (clientWentAway(e)) {
            // The client closed the connection or cancelled the stream (HTTP/2) mid-answer: nobody reads an answer now.
            log.debug("the client went away: {}", e.toString());
            return new Failure(CLIENT_GONE, "The client closed the request");
        }
        log.error("unexpected failure", e);
        return new Failure(500, "pressdav failed on this request; its log says why");
    }

    /**
     * The disk pressdav writes to (its data directory, the only place it writes) has no room, or
     * no room for pressdav's user: the operating system's own words (Linux, macOS, Windows),
     * wherever in the causes, whichever write it stopped (a spooled upload, a temporary file, a lock).
     */
    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof IOException && (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || message.contains("not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }

    /** Jetty's own 4xx answer to a request, thrown from the body a handler reads, anywhere in the causes. */
    private static org.eclipse.jetty.http.HttpException jettyRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http;
            }
        }
        return null;
    }

    /** A write to a client that is gone: Jetty's EofException, or an EOFException of a reset HTTP/2 stream, anywhere in the causes. */
    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.io.EOFException && String.valueOf(t.getMessage()).startsWith("Reset")) {
                return true;
            }
        }
        return false;
    }

    private static Failure fromWordPress(WordPressException e, boolean anonymous) {
        int status = e.status();
        String message = e.getMessage();
        if (status == 401) {
            // WordPress says 401 when it wants a login; a caller who has one lacks the right.
            return new Failure(anonymous ? 401 : 403, message);
        }
        if ("term_exists".equals(e.code()) || "rest_post_exists".equals(e.code())) {
            return new Failure(409, message);
        }
        if ("rest_upload_sideload_error".equals(e.code())) {
            // WordPress answers 500 for a file type it refuses: the client sent the wrong thing.
            return new Failure(415, message);
        }
        if (status == 404 || status == 410) {
            return new Failure(404, message);
        }
        if (status >= 400 && status < 500) {
            return new Failure(status, message);
        }
        if (status == 504) {
            return new Failure(504, message);
        }
        log.warn("WordPress failed: {}", e.toString());
        return new Failure(502, status == 502 ? message : "WordPress failed (" + status + "): " + message);
    }

    /**
     * What a login WordPress refused becomes: a wrong or unknown password (WordPress's 400, 401
     * or 403 on {@code users/me}) is 401; WordPress failing is its own failure (502, 504).
     */
    public static Throwable loginRefused(WordPressException e) {
        if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
            return new DavError.Unauthorized("WordPress did not accept this login: " + e.getMessage());
        }
        return e;
    }

    /** Sends a failure as a short plain-text body, unless the response has already started. */
    public static void send(HttpServletResponse response, Throwable e, boolean anonymous) {
        Failure failure = classify(e, anonymous);
        if (failure.status() == CLIENT_GONE) {
            return;
        }
        if (e instanceof DavError refusal && refusal.condition() != null) {
            writeCondition(response, refusal);
            return;
        }
        write(response, failure.status(), failure.message());
    }

    /** RFC 4918 §16: a broken precondition is named in a {@code DAV:error} body, which a client can act on. */
    private static void writeCondition(HttpServletResponse response, DavError refusal) {
        log.debug("answered {}: {}", refusal.status(), refusal.getMessage());
        if (response.isCommitted()) {
            log.warn("cannot report {} {}: the response has started", refusal.status(), refusal.getMessage());
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:" + refusal.condition()
                + "/></D:error>\n").getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(refusal.status());
        response.setContentType("application/xml; charset=utf-8");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException gone) {
            log.debug("client went away before the error was sent", gone);
        }
    }

    public static void write(HttpServletResponse response, int status, String message) {
        log.debug("answered {}: {}", status, message);
        if (response.isCommitted()) {
            log.warn("cannot report {} {}: the response has started", status, message);
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        response.setContentType("text/plain; charset=utf-8");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException gone) {
            log.debug("client went away before the error was sent", gone);
        }
    }
}
