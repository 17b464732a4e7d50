package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.PropfindBody;
import org.pressdav.dav.request.XmlBodies;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.store.DeadPropertyStore;
import org.w3c.dom.Element;

/**
 * PROPPATCH (RFC 4918 §9.2), replacing Milton CE's, which drops unknown namespaces and applies
 * set and remove out of order: instructions apply in document order, all or nothing. Live
 * properties are protected (403, and 424 for the rest); anything else is a dead property.
 */
public final class ProppatchHandler extends DavHandler {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProppatchHandler.class);

    private final DeadPropertyStore dead;

    ProppatchHandler(DeadPropertyStore dead) {
        super(Request.Method.PROPPATCH);
        this.dead = dead;
    }

    private record Instruction(boolean set, QName name, String value) {
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        List<Instruction> instructions = parse(req.getInputStream().readAllBytes());
        Node node = existing(req);
        if (!node.mayChange()) {
            throw new DavError.Forbidden("You may not set properties on " + req.path() + ": " + node.changeRefusal());
        }
        ResourceKey key = req.target().key();
        String href = req.prefix().resolve(req.path()).encoded();
        List<QName> names = instructions.stream().map(Instruction::name).distinct().toList();
        List<QName> protectedOnes = names.stream().filter(PropfindHandler::isLive).toList();
        Map<QName, String> failed = new LinkedHashMap<>();
        String failure = DavErrors.PROPERTY_PROTECTED;
        if (!protectedOnes.isEmpty()) {
            protectedOnes.forEach(n -> failed.put(n, null));
        } else {
            Map<QName, String> properties = new LinkedHashMap<>(dead.of(req.session().userKey(), key));
            for (Instruction instruction : instructions) {
                if (instruction.set()) {
                    properties.put(instruction.name(), instruction.value());
                } else {
                    properties.remove(instruction.name());
                }
            }
            String refused = dead.replace(req.session().userKey(), key, properties);
            if (refused != null) {
                // RFC 4918 §9.2.1: 507 when the server cannot store them; every property named fails.
                names.forEach(n -> failed.put(n, null));
                failure = DavErrors.PROPERTIES_NOT_STORED;
                log.info("PROPPATCH {} refused: {}", req.path(), refused);
            }
        }
        try (Multistatus status = Multistatus.open(out, PropertyNamespaces.of(names))) {
            if (failed.isEmpty()) {
                Map<QName, String> done = new LinkedHashMap<>();
                names.forEach(n -> done.put(n, null));
                status.response(href, done, List.of());
            } else {
                List<QName> dependent = names.stream().filter(n -> !failed.containsKey(n)).toList();
                status.failed(href, failed, failure, dependent, DavErrors.FAILED_DEPENDENCY);
            }
        }
    }

    private static List<Instruction> parse(byte[] body)  {
        Element root = XmlBodies.document(body);
        if (!PropfindBody.DAV.equals(root.getNamespaceURI()) || !"propertyupdate".equals(root.getLocalName())) {
            throw new DavError.BadRequest("a PROPPATCH body must be a DAV:propertyupdate element");
        }
        List<Instruction> instructions = new ArrayList<>();
        for (org.w3c.dom.Node op = root.getFirstChild(); op != null; op = op.getNextSibling()) {
            if (!(op instanceof Element action) || !PropfindBody.DAV.equals(action.getNamespaceURI())) {
                continue;
            }
            boolean set = "set".equals(action.getLocalName());
            if (!set && !"remove".equals(action.getLocalName())) {
                continue;
            }
            for (org.w3c.dom.Node prop = action.getFirstChild(); prop != null; prop = prop.getNextSibling()) {
                if (prop instanceof Element p && PropfindBody.DAV.equals(p.getNamespaceURI()) && "prop".equals(p.getLocalName())) {
                    for (org.w3c.dom.Node item = p.getFirstChild(); item != null; item = item.getNextSibling()) {
                        if (item instanceof Element e) {
                            String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
                            instructions.add(new Instruction(set, new QName(ns, e.getLocalName()), set ? e.getTextContent() : null));
                        }
                    }
                }
            }
        }
        if (instructions.isEmpty()) {
            throw new DavError.BadRequest("the PROPPATCH body sets or removes no property");
        }
        return instructions;
    }
}
