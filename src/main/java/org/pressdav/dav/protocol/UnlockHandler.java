package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.pressdav.dav.DavError;
import org.pressdav.dav.lock.LockSystem;
import java.time.Clock;

/** UNLOCK (RFC 4918 §9.11): the {@code Lock-Token} header, with or without its angle brackets. */
public final class UnlockHandler extends DavHandler {
    private final LockSystem locks;
    private final Clock clock;

    UnlockHandler(LockSystem locks, Clock clock) {
        super(Request.Method.UNLOCK);
        this.locks = locks;
        this.clock = clock;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws IOException {
        String header = req.servletRequest().getHeader("Lock-Token");
        if (header == null || header.isBlank()) {
            throw new DavError.BadRequest("UNLOCK needs a Lock-Token header");
        }
        String token = header.strip();
        if (token.startsWith("<") && token.endsWith(">")) {
            token = token.substring(1, token.length() - 1).strip();
        }
        // An administrator may remove anyone's lock (a client that died holding one); nobody else may.
        boolean override = req.session().can("manage_options");
        switch (locks.unlock(clock.instant(), req.target().key(), token, req.session().userKey(), override)) {
            case DONE -> out.setStatus(204);
            case NOT_YOURS -> throw new DavError.Forbidden("That lock on " + req.path() + " is someone else's: only they, or an administrator, may remove it");
            default -> throw new DavError.Conflict("No lock with that token covers " + req.path());
        }
    }
}
