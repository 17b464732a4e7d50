package org.pressdav.dav;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * Writes a {@code DAV:multistatus} body. Properties in other namespaces keep their namespace,
 * declared on the element itself. Text is escaped; nothing else is interpreted.
 */
final class Multistatus {
    private final StringBuilder xml = new StringBuilder(4096)
            .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");

    /** One resource: its href, the properties found (name → XML content, null for empty) and the names not found. */
    void response(String href, Map<QName, String> found, List<QName> missing) {
        xml.append("<D:response><D:href>");
        appendEscaped(xml, href);
        xml.append("</D:href>");
        if (!found.isEmpty() || missing.isEmpty()) {
            propstat(found, "HTTP/1.1 200 OK");
        }
        if (!missing.isEmpty()) {
            Map<QName, String> none = new LinkedHashMap<>();
            missing.forEach(name -> none.put(name, null));
            propstat(none, "HTTP/1.1 404 Not Found");
        }
        xml.append("</D:response>");
    }

    /** One resource whose properties fall in two groups with their own statuses (a failed PROPPATCH). */
    void failed(String href, Map<QName, String> first, String firstStatus, List<QName> second, String secondStatus) {
        xml.append("<D:response><D:href>");
        appendEscaped(xml, href);
        xml.append("</D:href>");
        propstat(first, firstStatus);
        if (!second.isEmpty()) {
            Map<QName, String> rest = new LinkedHashMap<>();
            second.forEach(name -> rest.put(name, null));
            propstat(rest, secondStatus);
        }
        xml.append("</D:response>");
    }

    private void propstat(Map<QName, String> props, String status) {
        xml.append("<D:propstat><D:prop>");
        for (Map.Entry<QName, String> prop : props.entrySet()) {
            QName name = prop.getKey();
            String tag = PropfindBody.DAV.equals(name.getNamespaceURI()) ? "D:" + name.getLocalPart() : "x:" + name.getLocalPart();
            xml.append('<').append(tag);
            if (!tag.startsWith("D:")) {
                xml.append(" xmlns:x=\"");
                appendEscaped(xml, name.getNamespaceURI());
                xml.append('"');
            }
            if (prop.getValue() == null) {
                xml.append("/>");
            } else {
                xml.append('>').append(prop.getValue()).append("</").append(tag).append('>');
            }
        }
        xml.append("</D:prop><D:status>").append(status).append("</D:status></D:propstat>");
    }

    byte[] bytes() {
        return xml.append("</D:multistatus>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text as XML character data; quotes stay as they are, so ETags read back unchanged. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped for character data and for double-quoted attributes alike. */
    private static void appendEscaped(StringBuilder out, String value) {
        out.append(text(value).replace("\"", "&quot;"));
    }
}
