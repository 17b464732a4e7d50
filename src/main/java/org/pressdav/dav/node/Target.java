package org.pressdav.dav.node;

import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;

/**
 * What one path of the drive reaches for one user, found by one walk ({@link DriveTree#resolve}) and
 * carried on the request: the node (null where nothing is yet), the node of the folder above it
 * (null at the root, or where that is not there either), the resource's key (what locks and dead
 * properties hang on) and the turn a write of it waits for.
 *
 * @param turn the WordPress object a write of it changes ({@code posts/12}), or, for a name that is
 *             no object yet, the name itself ({@code path:/posts/New Folder}); a user's own name is theirs alone
 */
public record Target(DavPath path, Node node, Node parent, ResourceKey key, String turn) {
    public boolean exists() {
        return node != null;
    }

    /** The folder above, if it is one. */
    public Folder folder() {
        return parent instanceof Folder folder ? folder : null;
    }

    /** The key of a child of this folder that is {@code child} ({@link DriveTree#segmentOf}). */
    public ResourceKey keyOf(Node child, String user) {
        return DriveTree.keyIn(key, child, node, user);
    }

    /** The key of a name in this folder that reaches nothing yet: its name, or, where it would be the user's own file, theirs alone. */
    public ResourceKey keyOfNew(String name, String user) {
        return key.child(DriveTree.newSegment(node, name, user));
    }

    /** The key of what is at this path now that {@code now} is there (a file WordPress took, which has a key of its own). */
    public ResourceKey keyNow(Node now, String user) {
        return now == null || path.isRoot() ? key : key.parent().child(DriveTree.segmentOf(now, parent, user));
    }

    /** A child of this folder, found by its name in it: no walk from the root. */
    public Target child(String name, String user) {
        Node child = node instanceof Folder folder ? folder.child(name) : null;
        return new Target(path.child(name), child, node, child != null ? keyOf(child, user) : keyOfNew(name, user), turn);
    }

    /** A child of this folder that a listing of it gave. */
    public Target child(Node child, String user) {
        return new Target(path.child(child.getName()), child, node, keyOf(child, user), turn);
    }
}
