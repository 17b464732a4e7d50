package org.pressdav.dav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads a request's XML body once, bounded, and checks it with a parser that refuses any DTD:
 * no external entity is ever fetched and no entity is ever expanded (so no "billion laughs").
 * Milton then parses the same bytes, which by then are known to be plain, well-formed XML.
 */
public final class XmlBodies {
    public static final int MAX_BYTES = 1 << 20;

    private XmlBodies() {
    }

    /** A body that is not acceptable XML: the status to answer (400 or 413) and why. */
    public static final class RefusedBody extends Exception {
        private final int status;

        RefusedBody(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The body's bytes, empty if there was none; refused if it is too large or not plain XML. */
    public static byte[] read(InputStream in) throws IOException, RefusedBody {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new RefusedBody(413, "the XML body is larger than " + MAX_BYTES + " bytes");
        }
        if (body.length > 0 && !isBlank(body)) {
            check(body);
        }
        return body;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    static void check(byte[] body) throws RefusedBody {
        document(body);
    }

    /**
     * The body's root element, parsed with every DTD refused: the one place where pressdav's
     * XML parser is configured, for PROPFIND, PROPPATCH and whatever comes next.
     */
    public static Element document(byte[] body) throws RefusedBody {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new RefusedBody(400, "the XML body is malformed or declares a DTD, which pressdav refuses: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }
}
