package org.pressdav.dav;

import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.ResourceFactory;
import io.milton.resource.Resource;
import java.time.Instant;

/**
 * Finds the node at a drive path, as the user of the current request. The path is the one
 * {@link DavRequest#path()} resolved (prefix removed, decoded, NFC), never Milton's own decoding.
 */
public final class DriveResourceFactory implements ResourceFactory {
    private final Instant started;

    public DriveResourceFactory(Instant started) {
        this.started = started;
    }

    @Override
    public Resource getResource(String host, String path) {
        Request request = HttpManager.request();
        if (!(request instanceof DavRequest dav)) {
            throw new IllegalStateException("pressdav's resource factory runs only behind DavServlet");
        }
        return find(dav.session(), DavPath.parseDecoded(path));
    }

    public Node find(DavSession session, DavPath path) {
        Node node = new RootFolder(session, started);
        for (String name : path.segments()) {
            if (!(node instanceof Folder folder)) {
                return null;
            }
            node = folder.child(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
