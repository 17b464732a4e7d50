package org.pressdav.dav;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpManager;
import java.time.Instant;
import java.util.ArrayList;

/**
 * Milton, wired in code: pressdav's resource factory, no authentication of Milton's own (the
 * front servlet has done it), no form/cookie/digest auth, no JSON gateway, no compression, no
 * file written anywhere. pressdav's handlers replace CE's where CE gets the protocol wrong.
 */
public final class DavEngine {
    private DavEngine() {
    }

    public static HttpManager build(Instant started, ScratchStore scratch, java.nio.file.Path incoming) {
        // A name given to a new folder is kept for its user ten minutes after its last use.
        Aliases aliases = new Aliases(java.time.Duration.ofMinutes(10), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        DriveResourceFactory drive = new DriveResourceFactory(started, scratch, aliases, java.time.Duration.ofMinutes(10),
                com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        // Properties without a WordPress field (Windows' Win32 times) last a day after last use.
        DeadProperties dead = new DeadProperties(java.time.Duration.ofHours(24), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        LockStore locks = new LockStore(java.time.Clock.systemUTC());
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
        builder.setEnableQuota(true);
        builder.setEnableExpectContinue(false);
        builder.setUrlAdapter(request -> ((DavRequest) request).path().toString());
        // Files carry a strong ETag of their bytes; a folder has no entity of its own to tag.
        builder.seteTagGenerator(resource -> resource instanceof DavFile file ? file.etag() : null);
        builder.setDefaultStandardFilter(new DispatchFilter(new LockGuard(locks, drive), locks));
        builder.init();
        builder.getProtocols().add(new PressdavProtocol(new GetHandler(drive), new PropfindHandler(drive, dead, locks), new PutHandler(drive, incoming),
                new DeleteHandler(drive), new MkcolHandler(drive), new MoveHandler(drive), new ProppatchHandler(drive, dead),
                new LockHandler(drive, locks), new UnlockHandler(drive, locks)));
        return builder.buildHttpManager();
    }

}
