package org.pressdav.dav;

import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.ResourceFactory;
import io.milton.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the node at a drive path, as the user of the current request. The path is the one
 * {@link DavRequest#path()} resolved (prefix removed, decoded, NFC), never Milton's own decoding.
 */
public final class DriveResourceFactory implements ResourceFactory {
    private final Instant started;
    private final ScratchStore scratch;
    private final Aliases aliases;

    public DriveResourceFactory(Instant started, ScratchStore scratch, Aliases aliases) {
        this.started = started;
        this.scratch = scratch;
        this.aliases = aliases;
    }

    public ScratchStore scratch() {
        return scratch;
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
        if (!path.isRoot() && TemporaryNames.matches(path.name())) {
            // A client's own file: never asked of WordPress (Finder probes a dozen of these per folder).
            return scratch.find(session, path);
        }
        Node node = new RootFolder(session, started, aliases);
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (!(node instanceof Folder folder)) {
                return null;
            }
            node = folder.child(segments.get(i));
            if (node == null) {
                // The last name may be a file the user began (a 0-byte PUT) that WordPress has not got yet.
                return i == segments.size() - 1 ? scratch.find(session, path) : null;
            }
        }
        return node;
    }

    /** A folder's children: what WordPress holds there, and the user's temporary files. */
    public List<Node> children(DavSession session, DavPath path, Folder folder) {
        List<Node> children = new ArrayList<>(folder.getChildren());
        children.addAll(scratch.list(session, path));
        return children;
    }
}
