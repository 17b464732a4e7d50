package org.pressdav.dav.request;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavError;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a PROPFIND asks for (RFC 4918 §9.1): every property ({@code allprop}, also an empty body),
 * their names only ({@code propname}), or the listed properties in their own namespaces.
 */
public record PropfindBody(Kind kind, List<QName> names) {
    public enum Kind { ALLPROP, PROPNAME, PROP }

    public static final String DAV = "DAV:";
    /** More properties than any client asks for; a request naming more is refused rather than answered at length. */
    static final int MAX_NAMES = 256;

    /** Parses a body that {@link XmlBodies} has already checked (no DTD, well-formed). */
    public static PropfindBody parse(byte[] body)  {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new PropfindBody(Kind.ALLPROP, List.of());
        }
        Element root = XmlBodies.document(body);
        if (!DAV.equals(root.getNamespaceURI()) || !"propfind".equals(root.getLocalName())) {
            throw new DavError.BadRequest("a PROPFIND body must be a DAV:propfind element");
        }
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && DAV.equals(e.getNamespaceURI())) {
                switch (e.getLocalName()) {
                    case "allprop":
                        return new PropfindBody(Kind.ALLPROP, List.of());
                    case "propname":
                        return new PropfindBody(Kind.PROPNAME, List.of());
                    case "prop":
                        List<QName> names = new ArrayList<>();
                        for (Node p = e.getFirstChild(); p != null; p = p.getNextSibling()) {
                            if (p instanceof Element prop) {
                                String ns = prop.getNamespaceURI();
                                names.add(new QName(ns == null ? "" : ns, prop.getLocalName()));
                            }
                        }
                        if (names.size() > MAX_NAMES) {
                            throw new DavError.BadRequest("a PROPFIND may name at most " + MAX_NAMES + " properties; this one names " + names.size());
                        }
                        return new PropfindBody(Kind.PROP, List.copyOf(names));
                    default:
                        break;
                }
            }
        }
        throw new DavError.BadRequest("a DAV:propfind must hold DAV:allprop, DAV:propname or DAV:prop");
    }
}
