package org.pressdav.dav.protocol;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;

/**
 * What stopped a request that walks a folder (a DELETE or COPY of it): the member refused and
 * WordPress's answer. It is answered 207, naming that member, as RFC 4918 §9.6.1 and §9.8.8 say.
 */
record Stopped(DavPath path, DavErrors.Failure failure) {

    /** The member's failure as the walk met it. */
    static Stopped at(DavPath path, Exception e, DavRequest req) {
        return new Stopped(path, DavErrors.classify(e, req.session().isAnonymous()));
    }

    void answer(DavRequest req, HttpServletResponse out) throws IOException {
        try (Multistatus status = Multistatus.open(out)) {
            status.outcome(req.prefix().resolve(path).encoded(), "HTTP/1.1 " + failure.status() + " " + HttpStatus.getMessage(failure.status()),
                    failure.message());
        }
    }
}
