package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.SitesFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site under {@code sites/}: its name and URL, and its drive, opened when it is first needed ({@link Reachable}: a
 * site whose WordPress does not answer then makes its folder answer 503 with the reason, and is tried again later; the
 * other sites are not held up by it).
 */
final class SiteSlot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteSlot.class);

    /** Opens the site's drive: reaches its WordPress, reads its kinds, opens its stores. */
    @FunctionalInterface
    interface DriveOpener {
        SiteDrive open() throws Exception;
    }

    private final String name;
    private final HttpUrl url;
    private final Reachable<Mount> mount;
    private volatile SiteDrive drive;

    /** {@code admits}: who the site is there for, decided once its drive is open (a site may say it is a network's). */
    SiteSlot(String name, HttpUrl url, String realm, DriveOpener opener, Function<SiteDrive, Predicate<DavSession>> admits, Ticker ticker) {
        this.name = name;
        this.url = url;
        this.mount = new Reachable<>("The site " + name, () -> {
            SiteDrive opened = opener.open();
            try {
                opened.follow();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            drive = opened;
            log.info("site {} is served at sites/{}/", name, name);
            return new Mount(at(), opened.engine(), opened.tree(), opened.authenticator(), realm, admits.apply(opened));
        }, ticker);
    }

    String name() {
        return name;
    }

    /** The site's home URL, as configured or as its network names it. */
    HttpUrl url() {
        return url;
    }

    /** Where the site's drive is served: {@code sites/<name>}. */
    DavPath at() {
        return DavPath.ROOT.child(SitesFolder.NAME).child(name);
    }

    /** The site's mount, its drive opened now if it was not; a site that cannot be opened is 503 with the reason. */
    Mount mount() {
        return mount.get();
    }

    /** The site's drive, opened now unless another request is opening it or it failed lately (then null). */
    SiteDrive driveIfReady() {
        return mount.ifReady() == null ? null : drive;
    }

    /**
     * Why the site is not served now, or null when it is; its WordPress is asked when its drive is open. A site whose
     * drive was never needed has no state to tell ({@link #isOpened} is false).
     */
    String problem() {
        SiteDrive open = drive;
        return open != null ? open.problem() : mount.failure();
    }

    /** Whether its drive was opened, or tried. */
    boolean isOpened() {
        return mount.isReached() || mount.failure() != null;
    }

    @Override
    public void close() {
        SiteDrive open = drive;
        if (open != null) {
            open.close();
        }
    }
}
