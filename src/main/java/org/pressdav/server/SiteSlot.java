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
    private final String realm;
    private final Opener opener;
    private final Predicate<DavSession> admits;
    private final Ticker ticker;
    private volatile Mount mount;
    private SiteDrive drive;
    private String failure;
    private long failedAt;

    SiteSlot(String name, String realm, Opener opener, Predicate<DavSession> admits, Ticker ticker) {
        this.name = name;
        this.realm = realm;
        this.opener = opener;
        this.admits = admits;
        this.ticker = ticker;
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
        Mount opened = mount;
        return opened != null ? opened : open();
    }

    /** The site's drive if it is open (null if it was never needed, or could not be opened). */
    synchronized SiteDrive drive() {
        return drive;
    }

    private synchronized Mount open() {
        if (mount != null) {
            return mount;
        }
        if (failure != null && ticker.read() - failedAt < RETRY.toNanos()) {
            throw new DavError.Busy(failure);
        }
        try {
            drive = opener.open();
            drive.follow();
            failure = null;
            log.info("site {} is served at sites/{}/", name, name);
        } catch (Exception e) {
            failure = "The site " + name + " cannot be served now: " + e.getMessage() + " (pressdav tries again in " + RETRY.toSeconds()
                    + " s)";
            failedAt = ticker.read();
            log.warn(failure);
            throw new DavError.Busy(failure);
        }
        mount = new Mount(at(), drive.engine(), drive.tree(), drive.authenticator(), realm, admits);
        return mount;
    }

    /** Why the site is not served now, or null when it is (or was never needed); its WordPress is asked when it is open. */
    String problem() {
        SiteDrive open = drive();
        if (open != null) {
            return open.problem();
        }
        synchronized (this) {
            return failure;
        }
    }

    @Override
    public synchronized void close() {
        if (drive != null) {
            drive.close();
        }
    }
}
