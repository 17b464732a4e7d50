package org.pressdav.dav.protocol;

import io.milton.http.Request;
import java.time.Clock;
import java.util.Set;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Target;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.IfHeader;

/**
 * Runs before every method: the {@code If} header must hold (else 412), and a write to a locked
 * resource must submit the lock's token, taken by the same user (else 423). A DELETE or MOVE of a
 * folder must also submit the token of every lock held inside it. The one place where locks are
 * enforced; a write runs it in the object's turn, so no write slips in between. It uses what the
 * request's path and Destination were resolved to; only an {@code If} header naming another
 * resource makes it look that one up.
 */
final class LockGuard {
    private static final Set<Request.Method> WRITES = Set.of(Request.Method.PUT, Request.Method.DELETE, Request.Method.MKCOL,
            Request.Method.PROPPATCH, Request.Method.MOVE, Request.Method.POST);

    private final LockSystem locks;
    private final DriveTree tree;
    private final Clock clock;

    LockGuard(LockSystem locks, DriveTree tree, Clock clock) {
        this.locks = locks;
        this.tree = tree;
        this.clock = clock;
    }

    void check(DavRequest req) {
        IfHeader header = IfHeader.parse(req.servletRequest().getHeader("If"), req.prefix());
        if (!header.lists().isEmpty() && !holds(req, header)) {
            throw new DavError.PreconditionFailed("Precondition failed: the If header does not hold");
        }
        Request.Method method = req.getMethod();
        boolean takesAway = method == Request.Method.DELETE || method == Request.Method.MOVE;
        if (WRITES.contains(method) || method == Request.Method.COPY) {
            if (method != Request.Method.COPY) {
                requireTokens(req, header, req.target(), takesAway);
            }
            if (method == Request.Method.MOVE || method == Request.Method.COPY) {
                requireTokens(req, header, req.destination(), true);
            }
        }
    }

    /** The locks on the resource must be the user's and submitted; with {@code inside}, those below it too. */
    private void requireTokens(DavRequest req, IfHeader header, Target target, boolean inside) {
        try {
            locks.confirm(clock.instant(), req.session().userKey(), header.tokens(), target.key(), inside);
        } catch (DavError.Locked locked) {
            throw new DavError.Locked(target.path() + ": " + locked.getMessage());
        }
    }

    private boolean holds(DavRequest req, IfHeader header) {
        for (IfHeader.ConditionList list : header.lists()) {
            Target resource = targetOf(req, list.resource());
            boolean all = true;
            for (IfHeader.Condition c : list.conditions()) {
                boolean state = c.token() != null
                        ? locks.on(clock.instant(), resource.key()).stream().anyMatch(lock -> lock.token().equals(c.token()))
                        : etagOf(resource).equals(c.etag());
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

    /** What a condition list is about: the request's own resource (or Destination) as resolved, else the one it names. */
    private Target targetOf(DavRequest req, DavPath named) {
        if (named == null || named.equals(req.path())) {
            return req.target();
        }
        boolean moves = req.getMethod() == Request.Method.MOVE || req.getMethod() == Request.Method.COPY;
        if (moves && named.equals(req.destination().path())) {
            return req.destination();
        }
        return tree.resolve(req.session(), named);
    }

    private static String etagOf(Target target) {
        return target.node() instanceof DavFile file ? file.etag() : "";
    }
}
