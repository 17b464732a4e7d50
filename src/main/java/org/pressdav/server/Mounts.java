package org.pressdav.server;

import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;

/** Which drive answers a path: the one site's at the root, or with several sites the root's and each site's. */
interface Mounts {
    /** The mount a path inside the drive (the prefix removed) leads to; a site that cannot be served now is a {@code DavError}. */
    Mount of(DavPath path);

    /** Looks up the sites of a user a {@link Mount#lookup} mount has checked the login of, before the path is asked again. */
    void learn(DavSession session);

    /** One drive at the root: today's drive of one site. */
    static Mounts one(Mount mount) {
        return new Mounts() {
            @Override
            public Mount of(DavPath path) {
                return mount;
            }

            @Override
            public void learn(DavSession session) {
            }
        };
    }
}
