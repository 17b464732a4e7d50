package org.pressdav.dav.node;

import io.milton.resource.CollectionResource;
import io.milton.resource.MakeCollectionableResource;
import java.util.ArrayList;
import java.util.List;

/**
 * One shelf of a kind's folder too big to list at once: {@code posts/2024/}, {@code posts/2024/05/},
 * {@code users/A/}. It holds the objects standing on it, or the shelves below it where those are still
 * too many ({@link ShelfListing}). A shelf is only a way to list: an object's folder is found by its name
 * on any shelf and in the kind's folder itself, and under every one of those paths it is the same
 * object (the same key for locks and properties, {@link DriveTree}). A new folder or a copy made on a
 * shelf is a new object of the kind, which then stands on the shelf of its own date or name.
 */
public final class ShelfFolder<T> extends Folder implements MakeCollectionableResource, AcceptsCopies {
    private final KindFolder<T> kindFolder;
    private final List<String> path;
    private final boolean vacant;

    /** A shelf with its dates: the newest change and the oldest object on it; {@code vacant}: none is. */
    ShelfFolder(KindFolder<T> kindFolder, List<String> path, ObjectKind.Dates dates, boolean vacant) {
        super(path.get(path.size() - 1), dates.modified(), dates.created());
        this.kindFolder = kindFolder;
        this.path = List.copyOf(path);
        this.vacant = vacant;
    }

    /**
     * Whether no object stands on it ({@code posts/1999/}): a path may pass through it to an object's folder, found by its
     * name on any shelf, but it is no folder to list, make a folder in or copy into (404, 409).
     */
    boolean isVacant() {
        return vacant;
    }

    /** The shelves from the kind's folder down to this one, by name ({@code [2024, 05]}). */
    List<String> path() {
        return path;
    }

    /** Whether this is a shelf of that kind's folder: an object's folder is renamed in either. */
    boolean isShelfOf(KindFolder<?> folder) {
        return kindFolder.getUniqueId().equals(folder.getUniqueId());
    }

    @Override
    public String getUniqueId() {
        return kindFolder.getUniqueId() + "/" + String.join("/", path);
    }

    @Override
    public List<Node> getChildren() {
        return kindFolder.onShelf(path);
    }

    @Override
    public Node child(String name) {
        return kindFolder.childOnShelf(path, name);
    }

    @Override
    public CollectionResource createCollection(String name) {
        refuseIfVacant();
        return kindFolder.createCollection(name);
    }

    @Override
    public String copyRefusal(Node source) {
        return kindFolder.copyRefusal(source);
    }

    @Override
    public void copyIn(Node source, String name) {
        refuseIfVacant();
        kindFolder.copyIn(source, name);
    }

    private void refuseIfVacant() {
        if (vacant) {
            throw new org.pressdav.dav.DavError.Conflict("There is no folder " + String.join("/", path) + " in " + kindFolder.getName() + "/");
        }
    }

    /** The path of a shelf one level below this one. */
    static List<String> below(List<String> path, String name) {
        List<String> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(name);
        return longer;
    }
}
