package org.pressdav.dav.protocol;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpManager;
import java.util.ArrayList;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.FieldBodies;
import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.store.DriveStores;

/**
 * Milton, wired in code: no authentication of Milton's own (the front servlet has done it), no
 * form/cookie/digest auth, no JSON gateway, no compression, no file written anywhere. Milton keeps
 * the request pipeline; every method in use is pressdav's own handler, registered after CE's so
 * that it wins the method (CE's gaps are measured in milton-on-jetty.md), each given the stores it
 * uses. Milton's resource factory answers with what the request's path was resolved to.
 */
public final class DavEngine {
    private DavEngine() {
    }

    /** What Milton asks for: the request's own resource as it was resolved, any other path looked up. */
    private static Node resourceAt(DriveTree tree, DavRequest request, DavPath path) {
        return path.equals(request.path()) ? request.target().node() : tree.find(request.session(), path);
    }

    /** The drive's HTTP manager over its tree and stores, with where uploads wait. */
    public static HttpManager build(DriveTree tree, DriveStores stores, IncomingSpool incoming) {
        ResourceMoves moves = new ResourceMoves(stores.locks(), stores.properties());
        HttpManagerBuilder builder = new HttpManagerBuilder();
        builder.setResourceFactory((host, path) -> resourceAt(tree, (DavRequest) HttpManager.request(), DavPath.parseDecoded(path)));
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
        builder.setDefaultStandardFilter(new DispatchFilter(new LockGuard(stores.locks(), tree, stores.clock()), tree, stores.locks(),
                stores.serial(), new UnfinishedMoves(tree, stores.scratch())));
        builder.init();
        builder.getProtocols().add(new PressdavProtocol(
                new GetHandler(tree),
                new PropfindHandler(tree, stores.properties(), stores.locks(), stores.clock()),
                new PutHandler(tree, incoming, FieldBodies.forThisHeap(), stores, moves),
                new DeleteHandler(tree, stores.hidden()),
                new MkcolHandler(stores.scratch()),
                new MoveHandler(tree, incoming, stores.scratch(), stores.hidden(), moves),
                new CopyHandler(tree, incoming, stores.scratch(), moves),
                new PostHandler(incoming, moves),
                new ProppatchHandler(stores.properties()),
                new LockHandler(stores.locks(), stores.scratch(), stores.clock()),
                new UnlockHandler(stores.locks(), stores.clock())));
        return builder.buildHttpManager();
    }
}
