package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.IfHeader;
import org.pressdav.dav.request.PropfindBody;
import org.pressdav.dav.request.XmlBodies;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DriveTree;
import java.time.Clock;
import java.time.Instant;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.store.ScratchFiles;
import org.w3c.dom.Element;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * LOCK (RFC 4918 §9.10): a new write lock, or a refresh (no body, the token in {@code If}).
 * A LOCK of a name that does not exist yet makes an empty file where one may be made, as
 * Windows and Finder expect between their empty PUT and the real one.
 */
public final class LockHandler extends DavHandler {
    private final LockSystem locks;
    private final ScratchFiles scratch;
    private final Clock clock;

    LockHandler(LockSystem locks, ScratchFiles scratch, Clock clock) {
        super(Request.Method.LOCK);
        this.locks = locks;
        this.scratch = scratch;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        DavPath path = req.path();
        String user = req.session().userKey();
        Duration timeout = timeout(req.servletRequest().getHeader("Timeout"));
        byte[] body = req.getInputStream().readAllBytes();
        // A new empty file keeps the key its name had: the lock is taken on it as it was resolved.
        ResourceKey key = req.target().key();
        if (body.length == 0) {
            for (String token : IfHeader.parse(req.servletRequest().getHeader("If"), req.prefix()).tokens()) {
                var refreshed = locks.refresh(now(), token, key, user, timeout);
                if (refreshed.isPresent()) {
                    answer(out, 200, refreshed.get(), req.prefix());
                    return;
                }
            }
            throw new DavError.PreconditionFailed("A LOCK without a body refreshes a lock of yours: send its token in an If header");
        }
        Element info = XmlBodies.document(body);
        if (!PropfindBody.DAV.equals(info.getNamespaceURI()) || !"lockinfo".equals(info.getLocalName())) {
            throw new DavError.BadRequest("a LOCK body must be a DAV:lockinfo element");
        }
        boolean exclusive = scope(info);
        requireWriteType(info);
        boolean infinite = !"0".equals(String.valueOf(req.servletRequest().getHeader("Depth")).strip());
        Element owner = child(info, "owner");

        int status = 200;
        Node node = req.target().node();
        if (node == null) {
            createEmpty(req, path);
            status = 201;
        } else if (!node.mayChange()) {
            // A lock keeps others from writing: only those who may write the resource may take one.
            throw new DavError.Forbidden("You may not lock " + path + ": " + node.changeRefusal());
        }
        LockSystem.Lock lock = locks.create(now(), key, path, exclusive, infinite, owner == null ? null : inner(owner), user, timeout);
        answer(out, status, lock, req.prefix());
    }

    /** {@code DAV:lockscope}: exclusive or shared, nothing else (400). */
    private static boolean scope(Element info) {
        Element scope = child(info, "lockscope");
        Element which = scope == null ? null : first(scope);
        if (which == null || !PropfindBody.DAV.equals(which.getNamespaceURI())
                || !"exclusive".equals(which.getLocalName()) && !"shared".equals(which.getLocalName())) {
            throw new DavError.BadRequest("a LOCK's DAV:lockscope must be DAV:exclusive or DAV:shared");
        }
        return "exclusive".equals(which.getLocalName());
    }

    /** {@code DAV:locktype}: write locks are the only kind there are (RFC 4918 §7). */
    private static void requireWriteType(Element info) {
        Element type = child(info, "locktype");
        Element which = type == null ? null : first(type);
        if (which == null || !PropfindBody.DAV.equals(which.getNamespaceURI()) || !"write".equals(which.getLocalName())) {
            throw new DavError.BadRequest("pressdav grants write locks only: a LOCK's DAV:locktype must be DAV:write");
        }
    }

    /** An empty file at an unmapped name, where this user may make one. */
    private void createEmpty(DavRequest req, DavPath path) throws IOException {
        Node parent = req.target().parent();
        if (!(parent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + path.parent() + " does not exist");
        }
        if (!DriveTree.isScratch(parent, path.name())) {
            String refusal = parent instanceof AcceptsUploads target ? target.refusal(path.name()) : "no file can be made there";
            if (refusal != null) {
                throw new DavError.Forbidden("A new file cannot be made at " + path + ": " + refusal);
            }
        }
        scratch.write(ScratchFiles.Owner.of(req.session()), path, InputStream.nullInputStream());
    }

    private void answer(HttpServletResponse out, int status, LockSystem.Lock lock, DavPath prefix) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>"
                + activeLock(lock, prefix, now(), true) + "</D:lockdiscovery></D:prop>\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.setStatus(status);
        out.setHeader("Lock-Token", "<" + lock.token() + ">");
        out.setContentType("application/xml; charset=utf-8");
        out.setContentLength(xml.length);
        out.getOutputStream().write(xml);
    }

    /**
     * One {@code DAV:activelock} element. Its token is shown to the lock's owner only: to anyone
     * else a token would be a key to a lock that is not theirs.
     */
    static String activeLock(LockSystem.Lock lock, DavPath prefix, java.time.Instant now, boolean showToken) {
        return "<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope><D:" + (lock.exclusive() ? "exclusive" : "shared")
                + "/></D:lockscope><D:depth>" + (lock.infinite() ? "infinity" : "0") + "</D:depth>"
                + (lock.ownerXml() == null ? "" : "<D:owner>" + lock.ownerXml() + "</D:owner>")
                + "<D:timeout>Second-" + lock.secondsLeft(now) + "</D:timeout>"
                + (showToken ? "<D:locktoken><D:href>" + lock.token() + "</D:href></D:locktoken>" : "")
                + "<D:lockroot><D:href>" + Multistatus.text(prefix.resolve(lock.path()).encoded()) + "</D:href></D:lockroot></D:activelock>";
    }

    static Duration timeout(String header) {
        if (header != null) {
            for (String choice : header.split(",")) {
                String c = choice.strip();
                if (c.regionMatches(true, 0, "Second-", 0, 7)) {
                    try {
                        return Duration.ofSeconds(Long.parseLong(c.substring(7)));
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        return LockSystem.MAX_TIMEOUT;
    }

    private static Element child(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && PropfindBody.DAV.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element first(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** The owner element's content as XML, to be given back in lockdiscovery. */
    private static String inner(Element owner) {
        try {
            DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
            LSSerializer serializer = ls.createLSSerializer();
            serializer.getDomConfig().setParameter("xml-declaration", false);
            StringBuilder xml = new StringBuilder();
            for (org.w3c.dom.Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
                xml.append(n instanceof Element ? serializer.writeToString(n) : Multistatus.text(n.getTextContent()));
            }
            return xml.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK has no DOM serializer", e);
        }
    }
}
