package org.pressdav.dav.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.request.PropfindBody;

/**
 * The namespaces of the properties a multistatus names, each declared once on its root with a
 * one-letter prefix ({@code xmlns:a="urn:schemas-microsoft-com:"}), so that a listing of 50,000
 * entries does not repeat a namespace's URI on every property of every entry (issue 21: answers as
 * small as the protocol allows). {@code DAV:} is always {@code D}; a property in no namespace is
 * written without a prefix, which the root (having no default namespace) leaves in none.
 */
final class PropertyNamespaces {
    static final PropertyNamespaces NONE = new PropertyNamespaces(Map.of());
    /** Prefixes the root declares; {@code x} is left out for a namespace only met after the root was written. */
    private static final String LETTERS = "abcdefghijklmnopqrstuvw";

    private final Map<String, String> prefixes;

    private PropertyNamespaces(Map<String, String> prefixes) {
        this.prefixes = prefixes;
    }

    /** The namespaces of these property names, in the order first met. */
    static PropertyNamespaces of(Iterable<QName> names) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (QName name : names) {
            String ns = name.getNamespaceURI();
            if (!ns.isEmpty() && !PropfindBody.DAV.equals(ns) && !prefixes.containsKey(ns)) {
                int i = prefixes.size();
                prefixes.put(ns, i < LETTERS.length() ? String.valueOf(LETTERS.charAt(i)) : "n" + i);
            }
        }
        return new PropertyNamespaces(prefixes);
    }

    /** The root's attributes: DAV: and every other namespace with its prefix. */
    void declare(StringBuilder out) {
        out.append(" xmlns:D=\"DAV:\"");
        prefixes.forEach((ns, prefix) -> {
            out.append(" xmlns:").append(prefix).append("=\"");
            Multistatus.escape(out, ns, true);
            out.append('"');
        });
    }

    /**
     * Opens a property's element ({@code <D:getetag}, {@code <a:Win32FileAttributes}, {@code <plain}),
     * not yet closed, and returns its tag name for the end tag.
     */
    String open(StringBuilder out, QName name) {
        String ns = name.getNamespaceURI();
        String local = name.getLocalPart();
        if (PropfindBody.DAV.equals(ns)) {
            out.append("<D:").append(local);
            return "D:" + local;
        }
        if (ns.isEmpty()) {
            out.append('<').append(local);
            return local;
        }
        String prefix = prefixes.get(ns);
        if (prefix != null) {
            out.append('<').append(prefix).append(':').append(local);
            return prefix + ":" + local;
        }
        // Not known when the root was written: declared on the element itself.
        out.append("<x:").append(local).append(" xmlns:x=\"");
        Multistatus.escape(out, ns, true);
        out.append('"');
        return "x:" + local;
    }
}
