package org.pressdav.dav.node;

import org.pressdav.dav.TemporaryNames;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.ResourceFactory;
import io.milton.resource.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.protocol.DavRequest;
import org.pressdav.dav.store.DriveStores;
import org.pressdav.dav.store.FolderNames;
import org.pressdav.dav.store.HiddenFiles;
import org.pressdav.dav.store.ScratchFolder;

/**
 * Finds the node at a drive path, as the user of the current request. The path is the one
 * {@link DavRequest#path()} resolved (prefix removed, decoded, NFC), never Milton's own decoding.
 */
public final class DriveResourceFactory implements ResourceFactory {
    private final Instant started;
    private final DriveStores stores;
    private final List<TopFolder> tops;

    public DriveResourceFactory(Instant started, DriveStores stores, List<TopFolder> tops) {
        this.started = started;
        this.stores = stores;
        this.tops = List.copyOf(tops);
    }

    public DriveStores stores() {
        return stores;
    }

    /** Hides a field file from this user for a while ({@link HiddenFiles}). */
    public void hide(DavSession session, DavPath path) {
        stores.hidden().hide(session.userKey(), path);
    }

    public void reveal(DavSession session, DavPath path) {
        stores.hidden().reveal(session.userKey(), path);
    }

    /** A save of this field file was refused: a DELETE that cleans up after it does not hide it ({@link HiddenFiles#keep}). */
    public void keep(DavSession session, DavPath path) {
        stores.hidden().keep(session.userKey(), path);
    }

    public boolean keeps(DavSession session, DavPath path) {
        return stores.hidden().isKept(session.userKey(), path);
    }

    private boolean isHidden(DavSession session, DavPath path) {
        return stores.hidden().isHidden(session.userKey(), path);
    }

    private RootFolder root(DavSession session) {
        return new RootFolder(session, started, stores.names(), tops);
    }

    /**
     * The identity of a node in {@code parent} as one segment of a key: an object's folder is its
     * object; a user's own file is theirs alone; anything else (a field file, a media file, a file
     * about to be uploaded, which keeps its key when WordPress has it) is its name.
     */
    public static String segmentOf(Node node, Node parent, DavSession session) {
        if (node instanceof UserFile && isScratch(parent, node.getName())) {
            return "~" + session.userKey() + "~" + node.getName();
        }
        // What can be moved is keyed by what it is, not where it is: a post's folder, a media file.
        if ((node instanceof Folder || node instanceof io.milton.resource.MoveableResource) && node.objectKey() != null) {
            return "#" + node.objectKey();
        }
        return node.getName();
    }

    /** Whether a file of this name in this folder is the user's own, kept in the scratch store and never sent to WordPress. */
    public static boolean isScratch(Node parent, String name) {
        return TemporaryNames.matches(name) || parent instanceof KeepsScratch folder && folder.keepsAsScratch(name);
    }

    /**
     * The resource at {@code path} was known by the key {@code before} (a placeholder, a file being
     * uploaded) and is now a WordPress object with a key of its own: its locks and this user's dead
     * properties go with it, so that Explorer's PUT, LOCK, PUT, UNLOCK ends with its own lock.
     */
    public void settle(DavSession session, ResourceKey before, DavPath path) {
        ResourceKey now = key(session, path);
        if (now.equals(before)) {
            return;
        }
        stores.locks().rekey(before, now);
        moveProperties(session, before, now);
    }

    /** This user's dead properties of {@code from}, now on {@code to} (a file renamed keeps them: RFC 4918 §9.9.1). */
    public void moveProperties(DavSession session, ResourceKey from, ResourceKey to) {
        java.util.Map<javax.xml.namespace.QName, String> dead = stores.properties().of(session.userKey(), from);
        if (!dead.isEmpty()) {
            stores.properties().replace(session.userKey(), to, dead);
            stores.properties().replace(session.userKey(), from, java.util.Map.of());
        }
    }

    /** Whether this user's MKCOL made the object a moment ago (see {@link FolderNames#isNew}). */
    public boolean isNew(DavSession session, String objectKey) {
        return stores.names().isNew(session.userKey(), objectKey);
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
        if (isHidden(session, path)) {
            return null;
        }
        if (!path.isRoot() && TemporaryNames.matches(path.name())) {
            // A client's own file or folder: never asked of WordPress (Finder probes a dozen of these per folder).
            return own(session, path);
        }
        Node node = root(session);
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (!(node instanceof Folder folder)) {
                return null;
            }
            node = folder.child(segments.get(i));
            if (node == null) {
                // The last name may be a file the user began (a 0-byte PUT) that WordPress has not got yet;
                // a temporary folder's name on the way is one of the user's own folders, holding what follows.
                return i == segments.size() - 1 || TemporaryNames.matches(segments.get(i)) ? own(session, path) : null;
            }
        }
        return node;
    }

    /** The user's own file or folder at this path, or null. */
    private Node own(DavSession session, DavPath path) {
        Node file = stores.scratch().find(session.userKey(), path);
        return file != null ? file : stores.scratch().folder(session.userKey(), path);
    }

    /**
     * The key of what this path reaches ({@link ResourceKey}). A name that reaches nothing yet
     * keeps its name, or, where it would be the user's own file, names the user too.
     */
    public ResourceKey key(DavSession session, DavPath path) {
        ResourceKey key = ResourceKey.ROOT;
        Node node = root(session);
        DavPath at = DavPath.parseDecoded("/");
        for (String segment : path.segments()) {
            at = at.child(segment);
            Node child = node instanceof Folder folder && !isHidden(session, at) && !TemporaryNames.matches(segment)
                    ? folder.child(segment) : null;
            if (child != null) {
                key = key.child(segmentOf(child, node, session));
            } else if (node != null && isScratch(node, segment)) {
                key = key.child("~" + session.userKey() + "~" + segment);
            } else {
                key = key.child(segment);
            }
            node = child;
        }
        return key;
    }

    /** A folder's children: what WordPress holds there, and the user's temporary files. */
    public List<Node> children(DavSession session, DavPath path, Folder folder) {
        if (folder instanceof ScratchFolder own) {
            return new ArrayList<>(own.getChildren()); // one of the user's own folders: all it holds is theirs already
        }
        List<Node> children = new ArrayList<>();
        for (Node child : folder.getChildren()) {
            if (!isHidden(session, path.child(child.getName()))) {
                children.add(child);
            }
        }
        children.addAll(stores.scratch().folders(session.userKey(), path));
        children.addAll(stores.scratch().list(session.userKey(), path));
        return children;
    }
}
