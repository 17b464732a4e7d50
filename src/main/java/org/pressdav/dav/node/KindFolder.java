package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import io.milton.resource.CollectionResource;
import io.milton.resource.MakeCollectionableResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FolderNames;

/**
 * The top folder of one kind of object: {@code posts/}, {@code users/}, …, one folder per object.
 * Creating, renaming and deleting a folder here is creating, renaming and deleting the object,
 * where its kind allows it; a name the user chose is kept for them a while ({@link FolderNames}).
 * Where this user would see more objects than {@code limit}, it lists shelves instead ({@link ShelfFolder}:
 * {@code posts/2024/05/}), and an object's folder is still found here by its name.
 */
public final class KindFolder<T> extends Folder implements MakeCollectionableResource, AcceptsCopies {
    private final ObjectKind<T> kind;
    private final DavSession session;
    private final FolderNames names;
    private final int limit;
    private List<ShelfListing.Placed<T>> placed;

    /** {@code limit}: the most entries one of its folders lists before it is split into shelves; 0 never splits. */
    public KindFolder(ObjectKind<T> kind, DavSession session, Instant seen, FolderNames names, int limit) {
        super(kind.folderName(), seen, seen);
        this.kind = kind;
        this.session = session;
        this.names = names;
        this.limit = limit;
    }

    @Override
    public String getUniqueId() {
        return "kind:" + kind.folderName();
    }

    /** What the folder lists: its objects, or its shelves where this user would see more than the limit. */
    @Override
    public List<Node> getChildren() {
        return onShelf(List.of());
    }

    /** What the shelf at {@code path} lists: its objects, or the shelves below it. */
    List<Node> onShelf(List<String> path) {
        Shelving shelving = kind.shelving();
        List<ShelfListing.Placed<T>> here = ShelfListing.on(shelving, limit, path, placed());
        if (!ShelfListing.splits(shelving, limit, path, here.size())) {
            return new ArrayList<>(objects(here));
        }
        List<Node> shelves = new ArrayList<>();
        ShelfListing.below(shelving, limit, path, here).forEach((name, members) ->
                shelves.add(new ShelfFolder<>(this, ShelfFolder.below(path, name), ShelfListing.datesOf(members), false)));
        return shelves;
    }

    /**
     * Every object this user may see with what shelving needs of it, read once for this request's folder: a path through
     * shelves and its listing cost one pass over the kind's listing, whatever its size.
     */
    private List<ShelfListing.Placed<T>> placed() {
        if (placed == null) {
            List<T> items = kind.list(session);
            List<ObjectKind.Dates> dates = kind.dates(session, items);
            boolean named = kind.shelving().byName();
            List<ShelfListing.Placed<T>> all = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                T item = items.get(i);
                all.add(new ShelfListing.Placed<>(item, kind.id(item), dates.get(i), named ? kind.name(item) : null));
            }
            placed = all;
        }
        return placed;
    }

    /** The ids of the objects beside {@code item} on its shelf, in the order the shelf lists them: where a walker goes next ({@link ReadAhead}). */
    List<Long> shelfMates(T item) {
        return ShelfListing.mates(kind.shelving(), limit, placed(), kind.id(item)).stream().map(ShelfListing.Placed::id).toList();
    }

    /**
     * Those objects' folders, under the names this user gave, where they gave one (asked of the store once, as a listing
     * shows them: no write decides on them) and no other object has it as WordPress's name ({@link #child}: that name
     * reaches that object).
     */
    private List<ObjectFolder<T>> objects(List<ShelfListing.Placed<T>> these) {
        Map<Long, String> given = names.namesForRead(session.userKey(), kind.folderName());
        Set<String> wordpressNames = given.isEmpty() ? Set.of() : placed().stream().map(p -> kind.name(p.item())).collect(Collectors.toSet());
        List<ObjectFolder<T>> folders = new ArrayList<>(these.size());
        for (ShelfListing.Placed<T> object : these) {
            T item = object.item();
            String name = given.isEmpty() ? null : given.get(object.id());
            if (name == null || wordpressNames.contains(name) && !name.equals(kind.name(item))) {
                name = kind.name(item);
            }
            folders.add(new ObjectFolder<>(this, kind, session, item, name, object.dates()));
        }
        return folders;
    }

    /**
     * WordPress's own name of an object reaches it, even while a listing shows the user's name for it; a name the user
     * gave reaches its object where no object has it as WordPress's name. So a path to an object by its own name (every
     * GET of a field) asks the folder-name store nothing; a name of a shelf's form, in a folder split into shelves, is
     * looked up in this user's listing.
     */
    @Override
    public Node child(String name) {
        return childOnShelf(List.of(), name);
    }

    /**
     * An object's folder by its name (the same on every shelf, so a path that worked before the folder was split still
     * works), or a shelf below {@code path} that {@code path} lists. There a name of a shelf's form with objects on it
     * is the shelf's, found without asking WordPress for an object of that name ({@code 2024}, {@code 05}); anywhere
     * else a name is an object's or nothing, so a name a folder does not list is free for a new folder.
     */
    Node childOnShelf(List<String> path, String name) {
        Shelving shelving = kind.shelving();
        if (limit > 0 && shelving.isShelf(path.size(), name, limit) && listsShelves(path)) {
            List<String> below = ShelfFolder.below(path, name);
            List<ShelfListing.Placed<T>> members = ShelfListing.on(shelving, limit, below, placed());
            Node object = members.isEmpty() ? objectNamed(name) : null;
            // An empty shelf is still a way through (a draft's folder, whose date each save changes, reached by the path it
            // was opened at), but nothing to list or make anything in (DriveTree).
            return object != null ? object : new ShelfFolder<>(this, below, ShelfListing.datesOf(members), members.isEmpty());
        }
        return objectNamed(name);
    }

    /** Whether the shelf at {@code path} (the folder itself: empty) lists shelves rather than objects. */
    private boolean listsShelves(List<String> path) {
        Shelving shelving = kind.shelving();
        if (ShelfListing.splits(shelving, limit, path, 0)) {
            return true; // a level every object is shelved at (posts/2024/ lists months): nothing to count
        }
        return ShelfListing.splits(shelving, limit, path, ShelfListing.on(shelving, limit, path, placed()).size());
    }

    private Node objectNamed(String name) {
        String wanted = Names.nfc(name);
        Optional<T> named = kind.find(session, wanted);
        if (named.isEmpty()) {
            named = names.id(session.userKey(), kind.folderName(), wanted).flatMap(id -> kind.byId(session, id));
        }
        return named.map(item -> new ObjectFolder<>(this, kind, session, item, wanted)).orElse(null);
    }

    /** MKCOL: a new object, shown under the name given. */
    @Override
    public CollectionResource createCollection(String name) {
        T item = kind.create(session, name);
        names.created(session.userKey(), kind.folderName() + "/" + kind.id(item));
        remember(name, kind.id(item));
        return (CollectionResource) child(name);
    }

    @Override
    public String copyRefusal(Node source) {
        return source instanceof ObjectFolder<?> folder && folder.kindFolder().getUniqueId().equals(getUniqueId()) ? kind.copyRefusal()
                : "A copy of a folder of " + kind.folderName() + "/ can only be made in " + kind.folderName() + "/";
    }

    /** COPY of one of this folder's objects into it: a new object like it, shown under the name given. */
    @Override
    @SuppressWarnings("unchecked")
    public void copyIn(Node source, String name) {
        String refused = copyRefusal(source);
        if (refused != null) {
            throw new org.pressdav.dav.DavError.Forbidden(refused);
        }
        T item = kind.copy(session, ((ObjectFolder<T>) source).item(), name);
        names.created(session.userKey(), kind.folderName() + "/" + kind.id(item));
        remember(name, kind.id(item));
    }

    /** MOVE within this folder: the object takes the new name (a slug, for posts). */
    void rename(ObjectFolder<T> folder, String name) {
        long id = kind.id(folder.item());
        kind.rename(session, folder.item(), name, names.isNew(session.userKey(), folder.objectKey()));
        remember(name, id);
    }

    /**
     * After a save in the folder: its name stays what this user reached it by, though WordPress
     * names the object otherwise now (a draft without a slug takes its name from its title, so
     * vim's save of {@code title.txt} would otherwise move the folder it has open: the next GET
     * 404, the UNLOCK 409). Kept, as any name a user gave, ten minutes after its last use;
     * WordPress's name reaches the folder all along. A save of the slug itself renames the folder ({@link #followName}).
     */
    void keepName(ObjectFolder<T> folder, T now) {
        long id = kind.id(folder.item());
        if (names.name(session.userKey(), kind.folderName(), id).isPresent()) {
            return; // a name of the user's own (their New Folder's) stays theirs, whichever name the save came by
        }
        if (now != null && !kind.name(now).equals(folder.getName())) {
            names.put(session.userKey(), kind.folderName(), folder.getName(), id);
        }
    }

    /** After a save that renames the object on purpose (its slug): the folder shows under WordPress's new name at once. */
    void followName(ObjectFolder<T> folder) {
        names.forget(session.userKey(), kind.folderName(), kind.id(folder.item()));
    }

    void delete(ObjectFolder<T> folder) {
        kind.delete(session, folder.item());
        names.forget(session.userKey(), kind.folderName(), kind.id(folder.item()));
    }

    /** Keeps the user's name only where WordPress names the object otherwise. */
    private void remember(String name, long id) {
        Optional<T> now = kind.byId(session, id);
        if (now.isPresent() && kind.name(now.get()).equals(name)) {
            names.forget(session.userKey(), kind.folderName(), id);
        } else {
            names.put(session.userKey(), kind.folderName(), name, id);
        }
    }
}
