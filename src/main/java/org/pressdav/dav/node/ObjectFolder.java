package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import io.milton.resource.CollectionResource;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;

/**
 * One object's folder: {@code posts/12-hello/}. Its own properties come from the listing; the
 * full object (post content and all) is read only when its files are asked for.
 */
public final class ObjectFolder<T> extends Folder implements FieldFolder, KeepsScratch, DeletableResource, MoveableResource {
    private final KindFolder<T> parent;
    private final ObjectKind<T> kind;
    private final DavSession session;
    private final T listed;
    private T full;
    private TextFile.Access access;

    ObjectFolder(KindFolder<T> parent, ObjectKind<T> kind, DavSession session, T listed, String name) {
        this(parent, kind, session, listed, name, new ObjectKind.Dates(kind.modified(session, listed), kind.created(session, listed)));
    }

    /** One of a listing's folders, its dates read with the whole listing's. */
    ObjectFolder(KindFolder<T> parent, ObjectKind<T> kind, DavSession session, T listed, String name, ObjectKind.Dates dates) {
        super(name, dates.modified(), dates.created());
        this.parent = parent;
        this.kind = kind;
        this.session = session;
        this.listed = listed;
    }

    @Override
    public String fieldDeleteRefusal(String fileName) {
        if (!kind.deletable()) {
            return fileName + " cannot be deleted: write an empty file to clear it";
        }
        // WordPress's answer for this object and this user (context=edit), as a save asks it.
        return mayChange() ? null : changeRefusal();
    }

    /** Deletes (or trashes) the object, as its kind does; a kind that cannot is 403. */
    @Override
    public void delete() {
        parent.delete(this);
    }

    /**
     * A new name in the same top folder renames the object (a post's slug); anything else is
     * refused: an object does not move between kinds.
     */
    @Override
    public void moveTo(CollectionResource destination, String name) {
        boolean besideIt = destination == parent || parent.getUniqueId().equals(destination.getUniqueId())
                || destination instanceof ShelfFolder<?> shelf && shelf.isShelfOf(parent);
        if (!besideIt) {
            throw new DavError.Forbidden("Only a post's, page's or a term's folder can be renamed, within its own folder");
        }
        parent.rename(this, name);
    }

    /** Any name but a field's or a folder's of WordPress: those are WordPress's, everything else the user's own. */
    @Override
    public boolean keepsAsScratch(String name) {
        String wanted = Names.nfc(name);
        return kind.fields().stream().noneMatch(field -> field.fileName().equals(wanted)) && !kind.folderNames().contains(wanted);
    }

    /** The top folder it is in. */
    KindFolder<T> kindFolder() {
        return parent;
    }

    /** The object as listed (not necessarily with every field). */
    public T item() {
        return listed;
    }

    @Override
    public String getUniqueId() {
        return objectKey();
    }

    @Override
    public String objectKey() {
        return kind.folderName() + "/" + kind.id(listed);
    }

    @Override
    public boolean mayChange() {
        return access().allowed();
    }

    @Override
    public String changeRefusal() {
        return kind.editRefusal();
    }

    private synchronized TextFile.Access access() {
        if (access == null) {
            access = new TextFile.Access(objectKey(), () -> kind.mayEdit(session, listed), kind.editRefusal());
        }
        return access;
    }

    /** The object with every field, read once for this folder (a listing reads objects with few fields). */
    private synchronized T full() {
        if (full == null) {
            kind.opening(session, listed, () -> parent.shelfMates(listed));
            full = kind.load(session, listed);
        }
        return full;
    }

    @Override
    public List<Node> getChildren() {
        T object = full();
        List<Node> files = new ArrayList<>();
        for (Field<T> field : kind.fields()) {
            TextFile file = fileOf(field, object);
            if (file != null) {
                files.add(file);
            }
        }
        files.addAll(kind.folders(session, object, objectKey()));
        return files;
    }

    /** One field's file, by its name: the object is read, no other field is rendered. */
    @Override
    public Node child(String name) {
        String wanted = Names.nfc(name);
        if (kind.folderNames().contains(wanted)) {
            return kind.folders(session, full(), objectKey()).stream().filter(f -> f.getName().equals(wanted)).findFirst().orElse(null);
        }
        for (Field<T> field : kind.fields()) {
            if (field.fileName().equals(wanted)) {
                return fileOf(field, full());
            }
        }
        return null;
    }

    /** The field's file as {@code object} has it; null where this user cannot see the value. */
    private TextFile fileOf(Field<T> field, T object) {
        String value = field.renderer().render(session, object);
        if (value == null) {
            return null;
        }
        TextFile.Writer writer = field.updater() == null ? null : text -> saved(field, field.updater().write(session, object, text));
        return new TextFile(field.fileName(), value, kind.modified(session, object), kind.created(session, object), writer, access(), field.maxBytes());
    }

    /** After a save: the folder's name as {@link KindFolder} keeps it, and the file as WordPress answered the update. */
    private TextFile saved(Field<T> field, T now) {
        if (field.renamesFolder()) {
            parent.followName(this);
        } else {
            // A draft without a slug is named after its title: the folder the client works in keeps its name.
            parent.keepName(this, now);
        }
        return fileOf(field, now);
    }
}
