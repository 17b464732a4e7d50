package org.pressdav.dav.protocol;

import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.lock.IfHeader;
import io.milton.http.Request;
import java.util.List;
import java.util.Set;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Node;



/**
 * Runs before every method: the {@code If} header must hold (else 412), and a write to a locked
 * resource must submit the lock's token, taken by the same user (else 423). A DELETE or MOVE of a
 * folder must also submit the token of every lock held inside it. The one place where locks are
 * enforced; it runs in the object's turn ({@link SerialWrites}), so no write slips in between.
 */
public final class LockGuard {
    private static final Set<Request.Method> WRITES = Set.of(Request.Method.PUT, Request.Method.DELETE, Request.Method.MKCOL,
            Request.Method.PROPPATCH, Request.Method.MOVE, Request.Method.POST);

    private final LockSystem locks;
    private final DriveResourceFactory drive;
    private final java.time.Clock clock;

    public LockGuard(DriveResourceFactory drive) {
        this.locks = drive.stores().locks();
        this.drive = drive;
        this.clock = drive.stores().clock();
    }

    public void check(DavRequest req) {
        IfHeader header = IfHeader.parse(req.servletRequest().getHeader("If"), req.prefix());
        if (!header.lists().isEmpty() && !holds(req, header)) {
            throw new DavError.PreconditionFailed("Precondition failed: the If header does not hold");
        }
        Request.Method method = req.getMethod();
        boolean takesAway = method == Request.Method.DELETE || method == Request.Method.MOVE;
        if (WRITES.contains(method) || method == Request.Method.COPY) {
            if (method != Request.Method.COPY) {
                requireTokens(req, header, req.path(), takesAway);
            }
            if (method == Request.Method.MOVE || method == Request.Method.COPY) {
                requireTokens(req, header, MoveHandler.destination(req), true);
            }
        }
    }

    /** The locks on the path must be the user's and submitted; with {@code inside}, those below it too. */
    private void requireTokens(DavRequest req, IfHeader header, DavPath path, boolean inside) {
        try {
            locks.confirm(clock.instant(), req.session().userKey(), header.tokens(), drive.key(req.session(), path), inside);
        } catch (DavError.Locked locked) {
            throw new DavError.Locked(path + ": " + locked.getMessage());
        }
    }

    private boolean holds(DavRequest req, IfHeader header) {
        for (IfHeader.ConditionList list : header.lists()) {
            DavPath resource = list.resource() != null ? list.resource() : req.path();
            boolean all = true;
            for (IfHeader.Condition c : list.conditions()) {
                boolean state = c.token() != null
                        ? locks.on(clock.instant(), drive.key(req.session(), resource)).stream().anyMatch(lock -> lock.token().equals(c.token()))
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
