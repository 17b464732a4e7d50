package org.pressdav.server;

import org.pressdav.wordpress.WordPressException;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.BodyCutShort;
import org.pressdav.dav.request.RequestBody;
import org.pressdav.dav.request.DavResponse;
import org.pressdav.dav.request.XmlBodies;
import org.pressdav.dav.request.IncomingSpool;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.ops.RequestLine;
import org.pressdav.ops.RequestStats;
import org.pressdav.dav.DavSession;

/**
 * The front door. OPTIONS is answered here, on every path and without a login, as Windows and
 * Finder need. Every other request is placed in the drive (prefix removed, path checked), its
 * caller authenticated against WordPress, its XML body checked, and only then handed to Milton.
 */
public final class DavServlet extends HttpServlet {
    static final String ALLOW = "OPTIONS, GET, HEAD, POST, PROPFIND, PROPPATCH, PUT, DELETE, MKCOL, MOVE, COPY, LOCK, UNLOCK";
    private static final Set<String> XML_BODIES = Set.of("PROPFIND", "PROPPATCH", "LOCK");
    private static final Set<String> READS = Set.of("GET", "HEAD", "PROPFIND");
    private static final String NO_SUCH_SITE = "Not found: no site of that name for you under sites/";
    private static final Set<String> SUPPORTED = Set.of("GET", "HEAD", "POST", "PROPFIND", "PROPPATCH", "PUT", "DELETE", "MKCOL", "MOVE", "COPY",
            "LOCK", "UNLOCK");

    private final transient Mounts mounts;
    private final transient CrossSiteCopy crossSite;
    private final DavPath prefix;

    DavServlet(Mounts mounts, String pathPrefix, IncomingSpool incoming) {
        this.mounts = mounts;
        this.prefix = DavPath.parseDecoded(pathPrefix);
        this.crossSite = new CrossSiteCopy(mounts, prefix, incoming);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // What the request does, for its line in the request log (RequestLine): its user, its calls to WordPress.
        RequestStats stats = RequestStats.begin();
        req.setAttribute(RequestLine.STATS, stats);
        try {
            serve(req, resp, stats);
        } finally {
            RequestStats.end();
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse servletResponse, RequestStats stats) throws IOException {
        HttpServletResponse resp = servletResponse;
        shownOnlyAsItself(resp);
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("OPTIONS")) {
            options(resp);
            return;
        }
        DavPath path;
        try {
            DavPath full = DavPath.parseEncoded(req.getRequestURI());
            if (!full.startsWith(prefix)) {
                DavErrors.send(resp, new DavError.NotFound("Not found: the drive is at " + prefix.encoded()), false);
                return;
            }
            path = full.relativeTo(prefix);
        } catch (DavPath.BadPathException e) {
            DavErrors.send(resp, e, false);
            return;
        }
        Request.Method miltonMethod = miltonMethod(method);
        if (miltonMethod == null || !SUPPORTED.contains(method)) {
            closeIfBodyUnread(req, resp);
            resp.setHeader("Allow", ALLOW);
            DavErrors.send(resp, new DavError.NotAllowed(method + " is not supported by pressdav yet"), false);
            return;
        }
        Mount mount;
        DavSession session;
        try {
            mount = mounts.of(path);
            resp = new RealmResponse(servletResponse, mount.realm());
            session = mount.authenticator().authenticate(req, resp, READS.contains(method));
            if (session != null && mount.isLookup()) {
                // A site's name not known yet: the sites of this (now checked) login are looked up, and the path asked again.
                mounts.learn(session);
                mount = mounts.of(path);
                if (mount.isLookup()) {
                    throw new DavError.NotFound(NO_SUCH_SITE);
                }
                resp = new RealmResponse(servletResponse, mount.realm());
                session = mount.authenticator().authenticate(req, resp, READS.contains(method));
            }
            // A network's site for someone not a member: answered as a name that is not there, whether it was opened or not.
            if (session != null && !mount.admits().test(session)) {
                throw new DavError.NotFound(NO_SUCH_SITE);
            }
        } catch (DavError | WordPressException e) {
            closeIfBodyUnread(req, resp);
            DavErrors.send(resp, e, false);
            return;
        }
        if (session == null) {
            closeIfBodyUnread(req, resp);
            return;
        }
        if (mount.readOnly() && !READS.contains(method)) {
            closeIfBodyUnread(req, resp);
            DavErrors.send(resp, new DavError.Forbidden("The drive's root holds sites/ only: write inside a site's folder, sites/<name>/"), false);
            return;
        }
        stats.user(session.isAnonymous() ? "anonymous" : String.valueOf(session.user().id()));
        InputStream body = new RequestBody(req.getInputStream());
        if (XML_BODIES.contains(method)) {
            try {
                body = new ByteArrayInputStream(XmlBodies.read(body));
            } catch (DavError | BodyCutShort e) {
                DavErrors.send(resp, e, false);
                return;
            }
        }
        DavPath inside = path.relativeTo(mount.at());
        if ((method.equals("MOVE") || method.equals("COPY")) && crossSite.leaves(req, method, mount)) {
            crossSite.answer(req, resp, method, mount, session, inside);
            return;
        }
        mount.engine().process(new DavRequest(req, miltonMethod, session, prefix.resolve(mount.at()), inside, body), new DavResponse(resp));
    }

    /**
     * A request with a body is answered without reading what the answer does not need: a refusal
     * (401, 403, 405, 409, 413) comes from the headers alone, so a client that sends its body
     * slowly, or never, holds no thread. Such a connection is closed after the answer rather than
     * drained. (Where a handler refuses without reading, Jetty closes the connection the same way.)
     */
    private static void closeIfBodyUnread(HttpServletRequest req, HttpServletResponse resp) {
        if (req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null) {
            resp.setHeader("Connection", "close");
        }
    }

    /**
     * Every answer of the drive: no other site may show it in a frame (a folder's page has links
     * and an upload form a hidden frame could trick a logged-in user into clicking, and the
     * browser sends the login with them), and a browser takes each file for the type it is sent
     * as, never for HTML it guesses from the bytes.
     */
    private static void shownOnlyAsItself(HttpServletResponse resp) {
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static void options(HttpServletResponse resp) {
        resp.setStatus(200);
        resp.setHeader("DAV", "1, 2");
        resp.setHeader("MS-Author-Via", "DAV");
        resp.setHeader("Allow", ALLOW);
        resp.setContentLength(0);
    }

    private static Request.Method miltonMethod(String method) {
        for (Request.Method m : Request.Method.values()) {
            if (m.code.equals(method)) {
                return m;
            }
        }
        return null;
    }

}
