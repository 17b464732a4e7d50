package org.pressdav.dav;

import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * PROPPATCH (RFC 4918 §9.2), replacing Milton CE's, which drops unknown namespaces and applies
 * set and remove out of order: instructions apply in document order, all or nothing. Live
 * properties are protected (403, and 424 for the rest); anything else is a dead property.
 */
public final class ProppatchHandler extends DavHandler {
    private final DeadProperties dead;

    public ProppatchHandler(DriveResourceFactory drive, DeadProperties dead) {
        super(drive, Request.Method.PROPPATCH);
        this.dead = dead;
    }

    private record Instruction(boolean set, QName name, String value) {
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        List<Instruction> instructions;
        try {
            instructions = parse(req.getInputStream().readAllBytes());
        } catch (XmlBodies.RefusedBody e) {
            DavErrors.write(out, e.status(), e.getMessage());
            return;
        }
        if (drive.find(req.session(), req.path()) == null) {
            DavErrors.write(out, 404, "Not found: " + req.path());
            return;
        }
        Multistatus status = new Multistatus();
        String href = req.prefix().resolve(req.path()).encoded();
        List<QName> names = instructions.stream().map(Instruction::name).distinct().toList();
        List<QName> protectedOnes = names.stream().filter(PropfindHandler::isLive).toList();
        if (!protectedOnes.isEmpty()) {
            Map<QName, String> failed = new LinkedHashMap<>();
            protectedOnes.forEach(n -> failed.put(n, null));
            List<QName> dependent = names.stream().filter(n -> !protectedOnes.contains(n)).toList();
            status.failed(href, failed, "HTTP/1.1 403 Forbidden", dependent, "HTTP/1.1 424 Failed Dependency");
        } else {
            Map<QName, String> properties = new LinkedHashMap<>(dead.of(req.session(), req.path()));
            for (Instruction instruction : instructions) {
                if (instruction.set()) {
                    properties.put(instruction.name(), instruction.value());
                } else {
                    properties.remove(instruction.name());
                }
            }
            dead.replace(req.session(), req.path(), properties);
            Map<QName, String> done = new LinkedHashMap<>();
            names.forEach(n -> done.put(n, null));
            status.response(href, done, List.of());
        }
        multistatus(out, status);
    }

    private static List<Instruction> parse(byte[] body) throws XmlBodies.RefusedBody {
        Element root = XmlBodies.document(body);
        if (!PropfindBody.DAV.equals(root.getNamespaceURI()) || !"propertyupdate".equals(root.getLocalName())) {
            throw new XmlBodies.RefusedBody(400, "a PROPPATCH body must be a DAV:propertyupdate element");
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
            throw new XmlBodies.RefusedBody(400, "the PROPPATCH body sets or removes no property");
        }
        return instructions;
    }
}
