package org.pressdav.dav.protocol;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpManager;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.protocol.LockGuard;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.TopFolder;
import org.pressdav.dav.store.DriveStores;

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

    /** The drive's HTTP manager: its top folders and stores, and where uploads wait. */
    public static HttpManager build(Instant started, List<TopFolder> tops, DriveStores stores, IncomingSpool incoming) {
        DriveResourceFactory drive = new DriveResourceFactory(started, stores, tops);
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
        builder.setDefaultStandardFilter(new DispatchFilter(new LockGuard(drive), drive));
        builder.init();
        builder.getProtocols().add(new PressdavProtocol(new GetHandler(drive), new PropfindHandler(drive), new PutHandler(drive, incoming,
                FieldBodies.forThisHeap()), new DeleteHandler(drive), new MkcolHandler(drive), new MoveHandler(drive, incoming), new CopyHandler(drive, incoming), new PostHandler(drive, incoming),
                new ProppatchHandler(drive), new LockHandler(drive), new UnlockHandler(drive)));
        return builder.buildHttpManager();
    }
}
