package org.pressdav.dav;

import io.milton.http.Request;
import java.util.List;
import java.util.Set;

/**
 * Runs before every method: the {@code If} header must hold (else 412), and a write to a locked
 * resource must submit one of its lock tokens, taken by the same user (else 423). The one place
 * where locks are enforced.
 */
public final class LockGuard {
    private static final Set<Request.Method> WRITES = Set.of(Request.Method.PUT, Request.Method.DELETE, Request.Method.MKCOL,
            Request.Method.PROPPATCH, Request.Method.MOVE);

    private final LockStore locks;
    private final DriveResourceFactory drive;

    public LockGuard(LockStore locks, DriveResourceFactory drive) {
        this.locks = locks;
        this.drive = drive;
    }

    public void check(DavRequest req) {
        IfHeader header = IfHeader.parse(req.servletRequest().getHeader("If"), req.prefix());
        if (!header.lists().isEmpty() && !holds(req, header)) {
            throw new DavRefusal(412, "Precondition failed: the If header does not hold");
        }
        if (WRITES.contains(req.getMethod())) {
            requireTokens(req, header, req.path());
            if (req.getMethod() == Request.Method.MOVE) {
                requireTokens(req, header, MoveHandler.destination(req));
            }
        }
    }

    private void requireTokens(DavRequest req, IfHeader header, DavPath path) {
        List<LockStore.Lock> held = locks.on(path);
        if (held.isEmpty()) {
            return;
        }
        String user = req.session().userKey();
        List<String> submitted = header.tokens();
        boolean ok = held.stream().anyMatch(lock -> lock.user().equals(user) && submitted.contains(lock.token()));
        if (!ok) {
            throw new DavRefusal(423, path + " is locked; submit its lock token in an If header");
        }
    }

    private boolean holds(DavRequest req, IfHeader header) {
        for (IfHeader.ConditionList list : header.lists()) {
            DavPath resource = list.resource() != null ? list.resource() : req.path();
            boolean all = true;
            for (IfHeader.Condition c : list.conditions()) {
                boolean state = c.token() != null
                        ? locks.on(resource).stream().anyMatch(lock -> lock.token().equals(c.token()))
                        : etagOf(req, resource).equals(c.etag());
                if (state == c.not()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private String etagOf(DavRequest req, DavPath path) {
        Node node = drive.find(req.session(), path);
        return node instanceof DavFile file ? file.etag() : "";
    }
}
