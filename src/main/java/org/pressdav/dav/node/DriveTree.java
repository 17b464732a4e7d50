package org.pressdav.dav.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import io.milton.resource.MoveableResource;
import java.util.concurrent.atomic.LongAdder;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.TemporaryNames;
import org.pressdav.dav.store.FolderNames;
import org.pressdav.dav.store.HiddenFiles;
import org.pressdav.dav.store.ScratchFiles;

/**
 * The drive as paths: what a path reaches for one user ({@link #resolve}, one walk from the root,
 * each folder asked for one child by name) and what a folder holds for them ({@link #children}).
 * What WordPress holds comes from the top folders; a name WordPress does not have may be one of
 * the user's own files and folders ({@link ScratchFiles}); a field file the user deleted is hidden
 * from them a while ({@link HiddenFiles}). A read ({@link #resolveForRead}, {@link #childrenForRead}) may be
 * answered from what a store shared by several instances keeps a copy of here; a write, or a check before one,
 * resolves from the stores' latest ({@link #resolve}, {@link #children}).
 */
public final class DriveTree {
    private final Instant started;
    private final Supplier<List<TopFolder>> tops;
    private final FolderNames names;
    private final HiddenFiles hidden;
    private final ScratchFiles scratch;
    private final LongAdder walks = new LongAdder();

    public DriveTree(Instant started, List<TopFolder> tops, FolderNames names, HiddenFiles hidden, ScratchFiles scratch) {
        this(started, fixed(tops), names, hidden, scratch);
    }

    /** A drive whose top folders are read at each request: those of the kinds WordPress has now. */
    public DriveTree(Instant started, Supplier<List<TopFolder>> tops, FolderNames names, HiddenFiles hidden, ScratchFiles scratch) {
        this.started = started;
        this.tops = tops;
        this.names = names;
        this.hidden = hidden;
        this.scratch = scratch;
    }

    private static Supplier<List<TopFolder>> fixed(List<TopFolder> tops) {
        List<TopFolder> kept = List.copyOf(tops);
        return () -> kept;
    }

    /** How many paths have been resolved since start: each request should cost one (two for MOVE and COPY). */
    public long walks() {
        return walks.sum();
    }

    public RootFolder root(DavSession session) {
        return new RootFolder(session, started, names, tops.get());
    }

    /** Where the walk is: still on what WordPress holds, inside the user's own space, or past a name that is not there. */
    private enum Walk { ON, OWN, LOST }

    /**
     * What {@code path} reaches for this user, its parent and its key, in one walk. The last name
     * may be a file the user began (a 0-byte PUT) that WordPress has not got yet; a temporary name
     * on the way (Finder's {@code .TemporaryItems}) starts the user's own space, never asked of
     * WordPress. The parent and the target are the only levels of the user's own space looked up.
     */
    public Target resolve(DavSession session, DavPath path) {
        return resolve(session, path, false);
    }

    /** {@link #resolve} for a read, which shows what the stores' copies here say (a moment behind another instance's change). */
    public Target resolveForRead(DavSession session, DavPath path) {
        return resolve(session, path, true);
    }

    private Target resolve(DavSession session, DavPath path, boolean toRead) {
        walks.increment();
        Node node = root(session);
        Node parent = null;
        ResourceKey key = ResourceKey.ROOT;
        List<String> segments = path.segments();
        Walk walk = Walk.ON;
        DavPath at = DavPath.ROOT;
        boolean hiddenAbove = false;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            at = at.child(segment);
            boolean needed = i >= segments.size() - 2;
            Node above = walk == Walk.ON ? node : null;
            boolean temporary = TemporaryNames.matches(segment);
            Node child = null;
            if (walk == Walk.ON && !temporary && node instanceof Folder folder) {
                child = folder.child(segment);
            }
            if (child != null) {
                key = keyIn(key, child, above, session.userKey());
            } else {
                key = key.child(newSegment(above, segment, session.userKey()));
            }
            parent = node;
            // A folder the user deleted (a post's revisions/) hides what is inside it too.
            if (child instanceof HiddenWhenDeleted && i < segments.size() - 1 && isHidden(session, at, toRead)) {
                hiddenAbove = true;
            }
            if (child != null) {
                node = child;
            } else if (walk == Walk.LOST || walk == Walk.ON && !(node instanceof Folder) && !temporary) {
                walk = Walk.LOST;
                node = null;
            } else {
                // A name WordPress does not have: the user's own file or folder here, if they keep one; past a
                // temporary folder's name everything is theirs, past any other name that is not there nothing is.
                walk = walk == Walk.OWN || temporary ? Walk.OWN : i == segments.size() - 1 ? Walk.ON : Walk.LOST;
                node = needed ? own(session, at) : null;
            }
        }
        if (node instanceof ShelfFolder<?> shelf && shelf.isVacant()) {
            node = null; // a way through to an object's folder, not a folder of its own
        }
        // A hidden field is still its object's: its save (which brings it back) takes the object's turn, and the other
        // instances are told the object changed.
        String turn = turnOf(session, path, node);
        // Only field files and folders WordPress keeps in an object's folder are ever hidden (a DELETE of one):
        // nothing else costs a look at the store.
        if (hiddenAbove || (node instanceof TextFile || node instanceof HiddenWhenDeleted) && isHidden(session, path, toRead)) {
            node = null;
        }
        return new Target(path, node, parent, key, turn);
    }

    private boolean isHidden(DavSession session, DavPath path, boolean toRead) {
        return toRead ? hidden.isHiddenForRead(session.userKey(), path) : hidden.isHidden(session.userKey(), path);
    }

    private Set<String> hiddenIn(DavSession session, DavPath folder, boolean toRead) {
        return toRead ? hidden.hiddenInForRead(session.userKey(), folder) : hidden.hiddenIn(session.userKey(), folder);
    }

    /** The node at {@code path} for this user, or null. */
    public Node find(DavSession session, DavPath path) {
        return resolve(session, path).node();
    }

    private static String turnOf(DavSession session, DavPath path, Node node) {
        if (node != null && node.objectKey() != null) {
            return node.objectKey();
        }
        boolean own = path.segments().stream().anyMatch(TemporaryNames::matches);
        return "path:" + (own ? session.userKey() + ":" : "") + path;
    }

    /** The user's own file or folder at this path, or null. */
    private Node own(DavSession session, DavPath path) {
        Node file = OwnFolder.file(scratch, session.userKey(), path);
        return file != null ? file : OwnFolder.folder(scratch, session.userKey(), path);
    }

    /**
     * The key of {@code node} in {@code parent}, whose key is {@code parentKey}. A shelf ({@code posts/2024/}) is only a
     * way to list its kind's folder: an object's folder on it is keyed in the kind's folder, so it has one key on every
     * path that reaches it; a user's own file on a shelf ({@code .DS_Store}) is the shelf's own.
     */
    static ResourceKey keyIn(ResourceKey parentKey, Node node, Node parent, String user) {
        ResourceKey in = parentKey;
        if (parent instanceof ShelfFolder<?> shelf && node instanceof ObjectFolder<?>) {
            for (int level = 0; level < shelf.path().size(); level++) {
                in = in.parent();
            }
        }
        return in.child(segmentOf(node, parent, user));
    }

    /**
     * The identity of a node in {@code parent} as one segment of a key, as {@link #resolve} makes it:
     * an object's folder is its object; a user's own file or folder is theirs alone where it stands
     * among the drive's (inside one of their folders, which is theirs already, it is its name);
     * anything else (a field file, a media file, a file about to be uploaded, which keeps its key
     * when WordPress has it) is its name.
     */
    static String segmentOf(Node node, Node parent, String user) {
        if (parent instanceof OwnFolder) {
            return node.getName();
        }
        if ((node instanceof UserFile || node instanceof OwnFolder) && parent != null && isScratch(parent, node.getName())) {
            return ownSegment(user, node.getName());
        }
        // What can be moved is keyed by what it is, not where it is: a post's folder, a media file.
        if ((node instanceof Folder || node instanceof MoveableResource) && node.objectKey() != null) {
            return "#" + node.objectKey();
        }
        return node.getName();
    }

    /** The key segment of a name that reaches nothing yet in {@code parent} (null where the parent is not there). */
    static String newSegment(Node parent, String name, String user) {
        return parent != null && !(parent instanceof OwnFolder) && isScratch(parent, name) ? ownSegment(user, name) : name;
    }

    private static String ownSegment(String user, String name) {
        return "~" + user + "~" + name;
    }

    /** Whether a file of this name in this folder is the user's own, kept in the scratch store and never sent to WordPress. */
    public static boolean isScratch(Node parent, String name) {
        return TemporaryNames.matches(name) || parent instanceof KeepsScratch folder && folder.keepsAsScratch(name);
    }

    /**
     * A folder's children for this user: what WordPress holds there less the field files they
     * deleted, and their own files and folders. Each store is asked once, whatever the number of children.
     */
    public List<Node> children(DavSession session, Target folder) {
        return children(session, folder, false);
    }

    /** {@link #children} for a listing, which shows what the stores' copies here say. */
    public List<Node> childrenForRead(DavSession session, Target folder) {
        return children(session, folder, true);
    }

    private List<Node> children(DavSession session, Target folder, boolean toRead) {
        if (folder.node() instanceof OwnFolder own) {
            return own.getChildren(); // one of the user's own folders: all it holds is theirs already
        }
        List<Node> children = new ArrayList<>();
        // Only field files are ever hidden: a folder of other things costs no look at the store.
        Set<String> gone = folder.node() instanceof FieldFolder ? hiddenIn(session, folder.path(), toRead) : Set.of();
        for (Node child : ((Folder) folder.node()).getChildren()) {
            if (gone.isEmpty() || !gone.contains(child.getName())) {
                children.add(child);
            }
        }
        children.addAll(OwnFolder.in(scratch, session.userKey(), folder.path()));
        return children;
    }
}
