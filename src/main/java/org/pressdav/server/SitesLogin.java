package org.pressdav.server;

import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.WordPressException;

/**
 * The login at the root of several sites: accepted where it works on at least one of them (each site's WordPress asked,
 * and the network's, which knows its users whether they are members of a site or not), refused where it works on none.
 * The root lists the sites it works on.
 */
final class SitesLogin implements Authenticator.Login {
    private final Sites sites;

    SitesLogin(Sites sites) {
        this.sites = sites;
    }

    @Override
    public DavSession check(Credentials credentials) {
        Sites.LoginAnswers answers = sites.loginsOf(credentials);
        DavSession session = answers.any();
        if (session != null) {
            return session;
        }
        if (!answers.refused() && !answers.unanswered().isEmpty()) {
            // Not counted as a failed login: no site could say whether it is one. Where one refused it, it is counted:
            // a site that is down must not let a guesser try passwords uncounted against the others.
            throw new WordPressException(503, WordPressException.UNREACHABLE, "no site could check this login now: "
                    + String.join(", ", answers.unanswered()) + " did not answer");
        }
        throw new WordPressException(401, "pressdav_no_site", "this login works on none of the sites served here");
    }

    @Override
    public DavSession anonymous() {
        // The root's folders read nothing of a WordPress: a visitor there is a session without one.
        return DavSession.anonymous(null);
    }
}
