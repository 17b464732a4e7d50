package org.pressdav.server;

import io.milton.http.HttpManager;
import org.pressdav.dav.node.DriveTree;
import java.util.function.Predicate;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;

/**
 * A drive as the front door serves it: where it is mounted (the root, or {@code sites/<name>}), its engine and tree, how its
 * users log in (and the realm their clients keep its password under), and which logged-in users it is there for (a
 * network's site: its members). A mount without an engine is a name not known yet: its login is checked first, and
 * the sites that login has are looked up (see {@link Mounts#learn}). A read-only mount (the root of several sites, which
 * holds {@code sites/} only) takes reads alone: nothing there is a site's, so nothing may be left there either.
 */
record Mount(DavPath at, HttpManager engine, DriveTree tree, Authenticator authenticator, String realm, Predicate<DavSession> admits,
        boolean readOnly) {
    /** A drive users write in: a site's. */
    Mount(DavPath at, HttpManager engine, DriveTree tree, Authenticator authenticator, String realm, Predicate<DavSession> admits) {
        this(at, engine, tree, authenticator, realm, admits, false);
    }

    /** Where a site's name is not known yet: the login is checked by {@code authenticator}, then its sites are learnt. */
    static Mount lookup(DavPath at, Authenticator authenticator, String realm) {
        return new Mount(at, null, null, authenticator, realm, session -> false);
    }

    boolean isLookup() {
        return engine == null;
    }
}
