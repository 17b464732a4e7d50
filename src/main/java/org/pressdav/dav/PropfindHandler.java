package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * PROPFIND, replacing Milton CE's: the live properties of RFC 4918 §15 and the quota properties
 * of RFC 4331, computed straight from the nodes (a listing of 10,000 posts costs no more than
 * writing it), properties pressdav does not have answered 404 in their own namespace.
 * {@code Depth: infinity} never gets here: the front servlet refuses it.
 */
public final class PropfindHandler extends DavHandler {
    static final QName RESOURCETYPE = dav("resourcetype");
    static final QName GETCONTENTLENGTH = dav("getcontentlength");
    static final QName GETCONTENTTYPE = dav("getcontenttype");
    static final QName GETETAG = dav("getetag");
    static final QName GETLASTMODIFIED = dav("getlastmodified");
    static final QName CREATIONDATE = dav("creationdate");
    static final QName DISPLAYNAME = dav("displayname");
    static final QName QUOTA_AVAILABLE = dav("quota-available-bytes");
    static final QName QUOTA_USED = dav("quota-used-bytes");
    static final QName SUPPORTEDLOCK = dav("supportedlock");
    static final QName LOCKDISCOVERY = dav("lockdiscovery");

    /** What allprop returns: the live properties of RFC 4918 (quota is only given when asked, RFC 4331 §3). */
    private static final List<QName> ALLPROP = List.of(RESOURCETYPE, GETCONTENTLENGTH, GETCONTENTTYPE, GETETAG,
            GETLASTMODIFIED, CREATIONDATE, DISPLAYNAME, SUPPORTEDLOCK, LOCKDISCOVERY);
    private static final String LOCK_ENTRIES = "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
            + "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final DeadProperties dead;
    private final LockStore locks;

    public PropfindHandler(DriveResourceFactory drive, DeadProperties dead, LockStore locks) {
        super(drive, Request.Method.PROPFIND);
        this.dead = dead;
        this.locks = locks;
    }

    /** The properties the server computes: PROPPATCH cannot change them. */
    static boolean isLive(QName name) {
        return ALLPROP.contains(name) || name.equals(QUOTA_AVAILABLE) || name.equals(QUOTA_USED);
    }

    private static QName dav(String name) {
        return new QName(PropfindBody.DAV, name);
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        PropfindBody body;
        try {
            body = PropfindBody.parse(req.getInputStream().readAllBytes());
        } catch (XmlBodies.RefusedBody e) {
            DavErrors.write(out, e.status(), e.getMessage());
            return;
        }
        String depth = req.servletRequest().getHeader("Depth");
        if (!"0".equals(depth) && !"1".equals(depth)) {
            DavErrors.write(out, 400, "Depth must be 0 or 1, not " + depth);
            return;
        }
        Node node = drive.find(req.session(), req.path());
        if (node == null) {
            DavErrors.write(out, 404, "Not found: " + req.path());
            return;
        }
        Multistatus status = new Multistatus();
        DavPath href = req.prefix().resolve(req.path());
        describe(status, href, node, body, dead.of(req.session(), req.path()), lockXml(req.prefix(), req.path()));
        if ("1".equals(depth) && node instanceof Folder folder) {
            for (Node child : drive.children(req.session(), req.path(), folder)) {
                DavPath childPath = req.path().child(child.getName());
                describe(status, href.child(child.getName()), child, body, dead.of(req.session(), childPath),
                        lockXml(req.prefix(), childPath));
            }
        }
        multistatus(out, status);
    }

    /** The {@code DAV:lockdiscovery} content of a path: its active locks. */
    private String lockXml(DavPath prefix, DavPath path) {
        StringBuilder xml = new StringBuilder();
        for (LockStore.Lock lock : locks.on(path)) {
            xml.append(LockHandler.activeLock(lock, prefix, locks));
        }
        return xml.toString();
    }

    private static void describe(Multistatus status, DavPath path, Node node, PropfindBody body, Map<QName, String> deadProps,
            String lockDiscovery) {
        boolean folder = node instanceof Folder;
        String href = path.encoded() + (folder && !path.isRoot() ? "/" : "");
        Map<QName, String> found = new LinkedHashMap<>();
        List<QName> missing = new ArrayList<>();
        List<QName> wanted = body.kind() == PropfindBody.Kind.PROP ? body.names() : ALLPROP;
        for (QName name : wanted) {
            if (!has(node, name)) {
                if (deadProps.containsKey(name)) {
                    found.put(name, body.kind() == PropfindBody.Kind.PROPNAME ? null : Multistatus.text(deadProps.get(name)));
                } else if (body.kind() == PropfindBody.Kind.PROP) {
                    missing.add(name);
                }
            } else {
                found.put(name, body.kind() == PropfindBody.Kind.PROPNAME ? null
                        : name.equals(LOCKDISCOVERY) ? lockDiscovery : value(node, name));
            }
        }
        if (body.kind() == PropfindBody.Kind.PROPNAME && folder) {
            found.put(QUOTA_AVAILABLE, null);
            found.put(QUOTA_USED, null);
        }
        if (body.kind() != PropfindBody.Kind.PROP) {
            deadProps.forEach((name, value) -> found.put(name, body.kind() == PropfindBody.Kind.PROPNAME ? null : Multistatus.text(value)));
        }
        status.response(href, found, missing);
    }

    /** Whether this node has the property: files have content properties, folders quota. */
    private static boolean has(Node node, QName name) {
        if (node instanceof DavFile) {
            return ALLPROP.contains(name);
        }
        if (name.equals(RESOURCETYPE) || name.equals(DISPLAYNAME) || name.equals(QUOTA_AVAILABLE) || name.equals(QUOTA_USED)
                || name.equals(SUPPORTEDLOCK) || name.equals(LOCKDISCOVERY)) {
            return true;
        }
        return (name.equals(GETLASTMODIFIED) && node.modified() != null) || (name.equals(CREATIONDATE) && node.created() != null);
    }

    private static String value(Node node, QName name) {
        String local = name.getLocalPart();
        return switch (local) {
            case "resourcetype" -> node instanceof Folder ? "<D:collection/>" : null;
            case "getcontentlength" -> String.valueOf(((DavFile) node).length());
            case "getcontenttype" -> Multistatus.text(((DavFile) node).contentType());
            case "getetag" -> Multistatus.text(((DavFile) node).etag());
            case "getlastmodified" -> HTTP_DATE.format(node.modified());
            case "creationdate" -> node.created().toString();
            case "displayname" -> Multistatus.text(node.getName());
            case "quota-available-bytes" -> String.valueOf(((Folder) node).getQuotaAvailable());
            case "quota-used-bytes" -> String.valueOf(((Folder) node).getQuotaUsed());
            case "supportedlock" -> LOCK_ENTRIES;
            default -> throw new IllegalArgumentException("no value for " + name);
        };
    }
}
