package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.PropfindBody;
import org.pressdav.dav.request.ReturnMinimal;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Target;
import java.time.Clock;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.store.DeadPropertyStore;

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
    static final QName QUOTA_AVAILABLE = dav("quota-available-bytes");
    static final QName QUOTA_USED = dav("quota-used-bytes");
    static final QName SUPPORTEDLOCK = dav("supportedlock");
    static final QName LOCKDISCOVERY = dav("lockdiscovery");

    /**
     * What allprop returns: the live properties of RFC 4918 (quota is only given when asked, RFC 4331 §3). Not
     * {@code displayname}: computed from the path it would repeat each entry's href's last segment, which RFC 4918 §15.2
     * deprecates; clients name an entry by its href (Apache's mod_dav_fs has none either), and one a client sets by
     * PROPPATCH is kept and shown as any dead property.
     */
    private static final List<QName> ALLPROP = List.of(RESOURCETYPE, GETCONTENTLENGTH, GETCONTENTTYPE, GETETAG,
            GETLASTMODIFIED, CREATIONDATE, SUPPORTEDLOCK, LOCKDISCOVERY);
    private static final String LOCK_ENTRIES = "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
            + "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>";

    private final DriveTree tree;
    private final DeadPropertyStore dead;
    private final LockSystem locks;
    private final Clock clock;

    PropfindHandler(DriveTree tree, DeadPropertyStore dead, LockSystem locks, Clock clock) {
        super(Request.Method.PROPFIND);
        this.tree = tree;
        this.dead = dead;
        this.locks = locks;
        this.clock = clock;
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
        PropfindBody body = PropfindBody.parse(req.getInputStream().readAllBytes());
        Node node = existing(req);
        String depth = depth(req.servletRequest().getHeader("Depth"), node);
        if (depth == null) {
            throw new DavError.InfiniteDepthRefused();
        }
        String user = req.session().userKey();
        Target target = req.target();
        DavPath at = req.prefix().resolve(req.path());
        String href = at.encoded() + (node instanceof Folder && !at.isRoot() ? "/" : "");
        // Everything WordPress and the stores must be asked is asked before the 207 starts (a failure can still be a 502),
        // and each store once for the whole listing: the difference between a few round trips and thousands on a shared store.
        List<Node> children = "1".equals(depth) && node instanceof Folder ? tree.childrenForRead(req.session(), target) : List.of();
        List<ResourceKey> keys = new ArrayList<>(children.size() + 1);
        keys.add(target.key());
        for (Node child : children) {
            keys.add(target.keyOf(child, user));
        }
        Map<ResourceKey, Map<QName, String>> deadProps = dead.ofForRead(user, keys);
        Map<ResourceKey, List<LockSystem.Lock>> held = locks.onForRead(clock.instant(), keys);
        boolean preferred = ReturnMinimal.asked(req.servletRequest().getHeaders("Prefer"));
        boolean minimal = body.kind() == PropfindBody.Kind.PROP && (preferred || ReturnMinimal.briefAsked(req.servletRequest().getHeader("Brief")));
        if (minimal && preferred) {
            out.setHeader("Preference-Applied", ReturnMinimal.APPLIED);
        }
        try (Multistatus status = Multistatus.open(out, namespaces(body, deadProps))) {
            describe(status, href, node, body, minimal, deadProps.getOrDefault(keys.get(0), Map.of()), lockXml(req, held.get(keys.get(0))));
            String base = href.endsWith("/") ? href : href + "/";
            for (int i = 0; i < children.size(); i++) {
                Node child = children.get(i);
                ResourceKey key = keys.get(i + 1);
                String childHref = base + DavPath.encodeSegment(child.getName()) + (child instanceof Folder ? "/" : "");
                describe(status, childHref, child, body, minimal, deadProps.getOrDefault(key, Map.of()), lockXml(req, held.get(key)));
            }
        }
    }

    /** The namespaces the answer names: the body's, or with allprop and propname every dead property's. */
    private static PropertyNamespaces namespaces(PropfindBody body, Map<ResourceKey, Map<QName, String>> deadProps) {
        if (body.kind() == PropfindBody.Kind.PROP) {
            return PropertyNamespaces.of(body.names());
        }
        List<QName> names = new ArrayList<>();
        deadProps.values().forEach(props -> names.addAll(props.keySet()));
        return PropertyNamespaces.of(names);
    }

    /**
     * The depth to answer: 0 or 1 as asked. On a file, no Depth and {@code infinity} are 0 as well
     * (a file has nothing below it); on a folder they are refused (RFC 4918 §9.1), before anything
     * is listed: null.
     */
    private static String depth(String header, Node node) {
        String depth = header == null ? "infinity" : header.strip().toLowerCase(java.util.Locale.ROOT);
        if (depth.equals("0") || depth.equals("1")) {
            return depth;
        }
        if (!depth.equals("infinity")) {
            throw new DavError.BadRequest("Depth must be 0, 1 or infinity, not " + header);
        }
        return node instanceof Folder ? null : "0";
    }

    /**
     * The {@code DAV:lockdiscovery} content of a resource: its active locks, tokens shown to their
     * owners only; null for none, written as the empty element.
     */
    private String lockXml(DavRequest req, List<LockSystem.Lock> held) {
        if (held == null || held.isEmpty()) {
            return null;
        }
        StringBuilder xml = new StringBuilder();
        for (LockSystem.Lock lock : held) {
            xml.append(LockHandler.activeLock(lock, req.prefix(), clock.instant(), lock.user().equals(req.session().userKey())));
        }
        return xml.toString();
    }

    /**
     * One resource's response: the properties asked for that it has, those it has not (PROP only, unless the client
     * prefers the minimal answer), its dead ones.
     */
    private static void describe(Multistatus status, String href, Node node, PropfindBody body, boolean minimal, Map<QName, String> deadProps,
            String lockDiscovery) throws IOException {
        boolean names = body.kind() == PropfindBody.Kind.PROPNAME;
        boolean asked = body.kind() == PropfindBody.Kind.PROP;
        StringBuilder found = new StringBuilder(640);
        List<QName> missing = asked ? new ArrayList<>() : List.of();
        for (QName name : asked ? body.names() : ALLPROP) {
            if (has(node, name)) {
                status.property(found, name, names ? null : name.equals(LOCKDISCOVERY) ? lockDiscovery : value(node, name));
            } else if (asked && deadProps.containsKey(name)) {
                status.property(found, name, Multistatus.text(deadProps.get(name)));
            } else if (asked) {
                missing.add(name);
            }
        }
        if (names && node instanceof Folder) {
            status.property(found, QUOTA_AVAILABLE, null);
            status.property(found, QUOTA_USED, null);
        }
        if (!asked) {
            // Dead properties are never named like live ones (PROPPATCH refuses those): each is written once.
            deadProps.forEach((name, value) -> status.property(found, name, names ? null : Multistatus.text(value)));
        }
        status.response(href, found, minimal ? List.of() : missing);
    }

    /** Whether this node has the property: files have content properties, folders quota. */
    private static boolean has(Node node, QName name) {
        if (node instanceof DavFile) {
            return ALLPROP.contains(name);
        }
        if (name.equals(RESOURCETYPE) || name.equals(QUOTA_AVAILABLE) || name.equals(QUOTA_USED)
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
            case "getlastmodified" -> HttpDates.format(node.modified());
            case "creationdate" -> node.created().toString();
            case "quota-available-bytes" -> String.valueOf(((Folder) node).getQuotaAvailable());
            case "quota-used-bytes" -> String.valueOf(((Folder) node).getQuotaUsed());
            case "supportedlock" -> LOCK_ENTRIES;
            default -> throw new IllegalArgumentException("no value for " + name);
        };
    }
}
