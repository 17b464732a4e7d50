package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.Predicate;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.SitesFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site under {@code sites/}: its name, and its drive, opened when it is first needed. A site whose WordPress does
 * not answer when its drive is opened makes its folder answer 503 with the reason, and is tried again at most every
 * {@link #RETRY}; the other sites are not held up by it.
 */
final class SiteSlot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteSlot.class);
    /** How long a site that could not be opened answers with that reason before it is tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);

    /** Opens the site's drive: reaches its WordPress, reads its kinds, opens its stores. */
    @FunctionalInterface
    interface Opener {
        SiteDrive open() throws Exception;
    }

    private final String name;
    private final Lazy<Mount> mount;
    private volatile SiteDrive drive;

    SiteSlot(String name, String realm, Opener opener, Predicate<DavSession> admits, Ticker ticker) {
        this.name = name;
        this.mount = new Lazy<>("The site " + name, () -> {
            SiteDrive opened = opener.open();
            opened.follow();
            drive = opened;
            log.info("site {} is served at sites/{}/", name, name);
            return new Mount(at(), opened.engine(), opened.tree(), opened.authenticator(), realm, admits);
        }, ticker);
    }

    /**
     * What is made once, when first needed, from something that may not answer (a site's WordPress): a failure is
     * 503 with its reason, and it is tried again at most every {@link #RETRY}, however many ask meanwhile.
     */
    static final class Lazy<T> {
        private final String what;
        private final Opener<T> make;
        private final Ticker ticker;
        private volatile T made;
        private String failure;
        private long failedAt;

        /** Makes the thing, or fails saying why. */
        @FunctionalInterface
        interface Opener<T> {
            T make() throws Exception;
        }

        Lazy(String what, Opener<T> make, Ticker ticker) {
            this.what = what;
            this.make = make;
            this.ticker = ticker;
        }

        T get() {
            T done = made;
            return done != null ? done : make();
        }

        private synchronized T make() {
            if (made != null) {
                return made;
            }
            if (failure != null && ticker.read() - failedAt < RETRY.toNanos()) {
                throw new DavError.Busy(failure);
            }
            try {
                made = make.make();
                failure = null;
                return made;
            } catch (Exception e) {
                failure = what + " cannot be served now: " + e.getMessage() + " (pressdav tries again in " + RETRY.toSeconds()
                        + " s)";
                failedAt = ticker.read();
                log.warn(failure);
                throw new DavError.Busy(failure);
            }
        }

        /** Why it could not be made the last time it was tried, or null. */
        synchronized String failure() {
            return failure;
        }
    }

    String name() {
        return name;
    }

    /** Where the site's drive is served: {@code sites/<name>}. */
    DavPath at() {
        return DavPath.ROOT.child(SitesFolder.NAME).child(name);
    }

    /** The site's mount, its drive opened now if it was not; a site that cannot be opened is 503 with the reason. */
    Mount mount() {
        return mount.get();
    }

    /** The site's drive if it is open (null if it was never needed, or could not be opened). */
    SiteDrive drive() {
        return drive;
    }

    /** Why the site is not served now, or null when it is (or was never needed); its WordPress is asked when it is open. */
    String problem() {
        SiteDrive open = drive;
        return open != null ? open.problem() : mount.failure();
    }

    @Override
    public void close() {
        SiteDrive open = drive;
        if (open != null) {
            open.close();
        }
    }
}
