package org.pressdav.dav.protocol;

import org.pressdav.dav.request.PropfindBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavErrors;

/**
 * A {@code DAV:multistatus} body, written to the client as it is made (a listing of 50,000 posts
 * is never held in memory whole), without a byte the protocol does not need: no whitespace, every
 * namespace declared once on the root ({@link PropertyNamespaces}). Text is escaped; nothing else
 * is interpreted.
 */
final class Multistatus implements AutoCloseable {
    private final Writer xml;
    private final PropertyNamespaces namespaces;

    private Multistatus(Writer xml, PropertyNamespaces namespaces) throws IOException {
        this.xml = xml;
        this.namespaces = namespaces;
        StringBuilder root = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus");
        namespaces.declare(root);
        xml.append(root).write('>');
    }

    /** Starts a 207 answer naming no property outside DAV:; what follows is streamed. Close it to end the document. */
    static Multistatus open(HttpServletResponse out) throws IOException {
        return open(out, PropertyNamespaces.NONE);
    }

    /** Starts a 207 answer whose properties are in these namespaces. */
    static Multistatus open(HttpServletResponse out, PropertyNamespaces namespaces) throws IOException {
        out.setStatus(207);
        out.setContentType("application/xml; charset=utf-8");
        return new Multistatus(new BufferedWriter(new OutputStreamWriter(out.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024),
                namespaces);
    }

    /** One resource: its href, the properties found (name → XML content, null for empty) and the names not found. */
    void response(String href, Map<QName, String> found, List<QName> missing) throws IOException {
        StringBuilder props = new StringBuilder();
        found.forEach((name, value) -> property(props, name, value));
        response(href, props, missing);
    }

    /** The same with the properties found already written as elements ({@link #property}): a listing writes each child this way. */
    void response(String href, CharSequence found, List<QName> missing) throws IOException {
        StringBuilder out = new StringBuilder(found.length() + href.length() + 160);
        out.append("<D:response><D:href>");
        escape(out, href, true);
        out.append("</D:href>");
        if (found.length() > 0 || missing.isEmpty()) {
            out.append("<D:propstat><D:prop>").append(found).append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
        }
        if (!missing.isEmpty()) {
            Map<QName, String> none = new LinkedHashMap<>();
            missing.forEach(name -> none.put(name, null));
            propstat(out, none, DavErrors.PROPERTY_NOT_FOUND);
        }
        out.append("</D:response>");
        xml.append(out);
    }

    /** One resource's outcome, without properties: a file a DELETE of its folder could not remove, and why. */
    void outcome(String href, String status, String description) throws IOException {
        xml.write("<D:response><D:href>" + escaped(href) + "</D:href><D:status>" + status + "</D:status><D:responsedescription>"
                + escaped(description) + "</D:responsedescription></D:response>");
    }

    /** One resource whose properties fall in two groups with their own statuses (a failed PROPPATCH). */
    void failed(String href, Map<QName, String> first, String firstStatus, List<QName> second, String secondStatus) throws IOException {
        xml.write("<D:response><D:href>");
        xml.write(escaped(href));
        xml.write("</D:href>");
        StringBuilder out = new StringBuilder();
        propstat(out, first, firstStatus);
        if (!second.isEmpty()) {
            Map<QName, String> rest = new LinkedHashMap<>();
            second.forEach(name -> rest.put(name, null));
            propstat(out, rest, secondStatus);
        }
        xml.append(out).write("</D:response>");
    }

    private void propstat(StringBuilder out, Map<QName, String> props, String status) {
        out.append("<D:propstat><D:prop>");
        props.forEach((name, value) -> property(out, name, value));
        out.append("</D:prop><D:status>").append(status).append("</D:status></D:propstat>");
    }

    /** One property element: its XML content, or null for an empty element. */
    void property(StringBuilder out, QName name, String value) {
        String tag = namespaces.open(out, name);
        if (value == null) {
            out.append("/>");
        } else {
            out.append('>').append(value).append("</").append(tag).append('>');
        }
    }

    @Override
    public void close() throws IOException {
        xml.write("</D:multistatus>\n");
        xml.flush();
    }

    /** Text as XML character data; quotes stay as they are, so ETags read back unchanged. */
    static String text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<' || c == '>' || c == '&') {
                StringBuilder out = new StringBuilder(value.length() + 16);
                escape(out, value, false);
                return out.toString();
            }
        }
        return value;
    }

    /** Escaped for character data and for double-quoted attributes alike. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        escape(out, value, true);
        return out.toString();
    }

    static void escape(StringBuilder out, String value, boolean quotes) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(quotes ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }
}
