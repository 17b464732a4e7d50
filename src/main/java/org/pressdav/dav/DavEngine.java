package org.pressdav.dav;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpManager;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Milton, wired in code: pressdav's resource factory, no authentication of Milton's own (the
 * front servlet has done it), no form/cookie/digest auth, no JSON gateway, no compression, no
 * file written anywhere. Milton keeps the request pipeline; every method in use is pressdav's
 * own handler, registered after CE's so that it wins the method (CE's gaps are measured in
 * milton-on-jetty.md).
 */
public final class DavEngine {
    private DavEngine() {
    }

    public static HttpManager build(Instant started, ScratchStore scratch, IncomingSpool incoming, SerialWrites serial) {
        Ticker ticker = Ticker.systemTicker();
        // A name given to a new folder is kept for its user ten minutes after its last use, and a
        // deleted field file stays hidden as long (DriveResourceFactory#hide).
        Aliases aliases = new Aliases(Duration.ofMinutes(10), ticker);
        DriveResourceFactory drive = new DriveResourceFactory(started, scratch, aliases, Duration.ofMinutes(10), ticker);
        // Properties without a WordPress field (Windows' Win32 times) last a day after last use.
        DeadProperties dead = new DeadProperties(Duration.ofHours(24), ticker);
        LockStore locks = new LockStore(Clock.systemUTC());
        HttpManagerBuilder builder = new HttpManagerBuilder();
        builder.setResourceFactory(drive);
        builder.setAuthenticationHandlers(new ArrayList<>());
        builder.setEnableBasicAuth(false);
        builder.setEnableDigestAuth(false);
        builder.setEnableFormAuth(false);
        builder.setEnableCookieAuth(false);
        builder.setEnabledJson(false);
        builder.setEnableCompression(false);
        builder.setEnableOptionsAuth(false);
        builder.setEnableExpectContinue(false);
        builder.setUrlAdapter(request -> ((DavRequest) request).path().toString());
        builder.setDefaultStandardFilter(new DispatchFilter(new LockGuard(locks, drive), locks, drive, serial));
        builder.init();
        builder.getProtocols().add(new PressdavProtocol(new GetHandler(drive), new PropfindHandler(drive, dead, locks),
                new PutHandler(drive, incoming, FieldBodies.forThisHeap()), new DeleteHandler(drive), new MkcolHandler(drive), new MoveHandler(drive), new ProppatchHandler(drive, dead),
                new LockHandler(drive, locks), new UnlockHandler(drive, locks)));
        return builder.buildHttpManager();
    }

}
