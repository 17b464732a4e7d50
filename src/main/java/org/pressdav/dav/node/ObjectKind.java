package org.pressdav.dav.node;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;

/**
 * How one kind of WordPress object shows on the drive: a top folder ({@code posts/}) holding one
 * folder per object ({@code 12-hello/}) holding its field files. A kind says how to list, find,
 * name, date and render its objects; {@link KindFolder} and {@link ObjectFolder} do the rest.
 *
 * @param <T> the record WordPress's REST API reads into
 */
public interface ObjectKind<T> {

    /** The top folder's name, for example {@code posts}. */
    String folderName();

    /** Every object this user may see, read with few fields (never post content). */
    List<T> list(DavSession session);

    /** The object whose folder has this name, without listing them all where that can be avoided. */
    default Optional<T> find(DavSession session, String name) {
        return list(session).stream().filter(item -> name(item).equals(name)).findFirst();
    }

    /** The object's folder name: unique among its kind, NFC, safe in any file system. */
    String name(T item);

    Instant modified(DavSession session, T item);

    Instant created(DavSession session, T item);

    /** When an object's folder was changed and made. */
    record Dates(Instant modified, Instant created) {
    }

    /**
     * The dates of a whole listing, in its order: by default each object's own; a kind whose dates
     * the drive keeps ({@code FirstSeen}) reads them for all the objects at once.
     */
    default List<Dates> dates(DavSession session, List<T> items) {
        return items.stream().map(item -> new Dates(modified(session, item), created(session, item))).toList();
    }

    /** The object with everything its field files show; by default the listed object itself. */
    default T load(DavSession session, T listed) {
        return listed;
    }

    /**
     * A user opens the folder of {@code opened} to read it whole ({@link #load}); {@code mates}: the objects beside it on its
     * shelf, in the order the shelf lists them, to be asked on this request's thread only (they come from this request's
     * listing). A kind whose loads cost a WordPress request each may read the others ahead ({@link ReadAhead}). Nothing by
     * default.
     */
    default void opening(DavSession session, T opened, java.util.function.Supplier<List<Long>> mates) {
    }

    /** The field files of the object's folder. */
    List<Field<T>> fields();

    /**
     * The names of the folders WordPress keeps in each object's folder ({@code revisions}): never a user's own file's
     * name there. None by default.
     */
    default java.util.Set<String> folderNames() {
        return java.util.Set.of();
    }

    /** Those folders of the object as {@link #load} read it, as far as this user may see them. */
    default List<Folder> folders(DavSession session, T loaded, String objectKey) {
        return List.of();
    }

    /** How the kind's folder is split into shelves where it holds too many objects to list at once: ranges of ids by default. */
    default Shelving shelving() {
        return Shelving.BY_ID;
    }

    /** WordPress's id of the object. */
    long id(T item);

    /** The object with this id, if this user may see it. */
    default Optional<T> byId(DavSession session, long id) {
        return list(session).stream().filter(item -> id(item) == id).findFirst();
    }

    /** MKCOL in the top folder: a new object named by the user. */
    default T create(DavSession session, String name) {
        throw new DavError.Forbidden("New folders cannot be made in " + folderName() + "/");
    }

    /** Why a COPY of an object's folder cannot make a new object of this kind, or null when it can. */
    default String copyRefusal() {
        return "Folders in " + folderName() + "/ cannot be copied";
    }

    /** COPY of an object's folder into the top folder: a new object like it, named by the user. */
    default T copy(DavSession session, T item, String name) {
        throw new DavError.Forbidden(copyRefusal());
    }

    /**
     * MOVE of an object's folder to a new name in the same top folder. {@code isNew}: this user's
     * MKCOL made the object a moment ago, so the name they give it is also its title.
     */
    default void rename(DavSession session, T item, String name, boolean isNew) {
        throw new DavError.Forbidden("Folders in " + folderName() + "/ cannot be renamed");
    }

    /** The REST collection the objects live in, for example {@code wp/v2/posts}. */
    Endpoint<T> endpoint();

    /** Whether this user may edit the object (WordPress's own answer: it lets them read it in {@code context=edit}). */
    default boolean mayEdit(DavSession session, T item) {
        return Reads.editable(session, endpoint(), id(item));
    }

    /** What a user who may not edit an object of this kind is told (WordPress's words). */
    default String editRefusal() {
        return "Sorry, you are not allowed to edit this item.";
    }

    /** Whether {@link #delete} can succeed at all (WordPress still decides per user). */
    default boolean deletable() {
        return false;
    }

    /** DELETE of an object's folder. */
    default void delete(DavSession session, T item) {
        throw new DavError.Forbidden("Folders in " + folderName() + "/ cannot be deleted");
    }
}
