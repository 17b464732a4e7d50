package org.pressdav.dav.protocol;

import org.pressdav.dav.request.DavRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;

/**
 * What stopped a request that walks a folder (a DELETE or COPY of it): the member refused and
 * WordPress's answer, then, for a COPY, every member the walk did not reach (424 Failed
 * Dependency). It is answered 207, naming each, as RFC 4918 §9.6.1 and §9.8.8 say. Where
 * WordPress stopped answering (502, 504) rather than refused, the member may or may not have been
 * made or deleted before it stopped, and the answer says so.
 */
record Stopped(List<Outcome> outcomes) {

    /** One member named in the 207: its path in the drive, whether it is a folder (its href ends in a slash), its status and why. */
    record Outcome(DavPath path, boolean folder, DavErrors.Failure failure) {
    }

    Stopped {
        outcomes = List.copyOf(outcomes);
    }

    /** The member's failure as the walk met it. */
    static Stopped at(DavPath path, boolean folder, Exception e, DavRequest req) {
        DavErrors.Failure failure = DavErrors.classify(e, req.session().isAnonymous());
        if (failure.unanswered()) {
            failure = new DavErrors.Failure(failure.status(), failure.message()
                    + "; WordPress stopped while this was being written: it may or may not have been done");
        }
        return new Stopped(List.of(new Outcome(path, folder, failure)));
    }

    /** This, and a member after it that the walk will not try now (its destination path). */
    Stopped notTried(DavPath path, boolean folder) {
        List<Outcome> all = new ArrayList<>(outcomes);
        all.add(new Outcome(path, folder, DavErrors.Failure.of(
                new DavError.FailedDependency("Not copied: the copy stopped at " + outcomes.get(0).path()))));
        return new Stopped(all);
    }

    void answer(DavRequest req, HttpServletResponse out) throws IOException {
        try (Multistatus status = Multistatus.open(out)) {
            for (Outcome outcome : outcomes) {
                status.outcome(req.prefix().resolve(outcome.path()).encoded() + (outcome.folder() ? "/" : ""),
                        outcome.failure().statusLine(), outcome.failure().message());
            }
        }
    }
}
