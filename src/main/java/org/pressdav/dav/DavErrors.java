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
    public static final String CHALLENGE = "Basic realm=\"pressdav\", charset=\"UTF-8\"";

    private DavErrors() {
    }

    /** The status and message a DAV client gets for this failure. */
    public record Failure(int status, String message) {
    }

    /** Not an HTTP status sent: the client closed the request (nginx's 499), so there is nobody to answer. */
    public static final int CLIENT_GONE = 499;

    public static Failure classify(Throwable e, boolean anonymous) {
        if (e instanceof WordPressException wp) {
            return fromWordPress(wp, anonymous);
        }
        if (e instanceof DavError refusal) {
            return new Failure(refusal.status(), refusal.getMessage());
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

    /**
     * Sends a failure as a short plain-text body, or, for a refusal that names a DAV precondition
     * (RFC 4918 §16), as the {@code DAV:error} element that names it; unless the response has already started.
     */
    public static void send(HttpServletResponse response, Throwable e, boolean anonymous) {
        Failure failure = classify(e, anonymous);
        if (failure.status() == CLIENT_GONE) {
            return;
        }
        if (e instanceof DavError refusal && refusal.precondition() != null) {
            writeXml(response, failure.status(), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:"
                    + refusal.precondition() + "/></D:error>\n");
            return;
        }
        write(response, failure.status(), failure.message());
    }

    private static void writeXml(HttpServletResponse response, int status, String xml) {
        if (response.isCommitted()) {
            log.warn("cannot report {}: the response has started", status);
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/xml; charset=utf-8");
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
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
