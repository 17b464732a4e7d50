package org.pressdav.dav.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.pressdav.dav.DavError;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A request's XML body: read once, bounded ({@link #read}), and parsed by the handler with a
 * parser that refuses any DTD ({@link #document}): no external entity is ever fetched and no
 * entity is ever expanded (so no "billion laughs").
 */
public final class XmlBodies {
    public static final int MAX_BYTES = 1 << 20;

    private XmlBodies() {
    }

    /** The body's bytes, empty if there was none; refused (413) if it is too large. */
    public static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new DavError.TooLarge("the XML body is larger than " + MAX_BYTES + " bytes");
        }
        return body;
    }



    /**
     * The body's root element, parsed with every DTD refused: the one place where pressdav's
     * XML parser is configured, for PROPFIND, PROPPATCH and whatever comes next.
     */
    public static Element document(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The parser's own handler prints "[Fatal Error] :1:69" to stderr; the request's log line says it instead.
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new DavError.BadRequest("the XML body is malformed or declares a DTD, which pressdav refuses: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
        }
    }
}
