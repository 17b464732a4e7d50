package org.pressdav.dav;

import java.util.ArrayList;
import java.util.List;

/**
 * One object's folder: {@code posts/12-hello/}. Its own properties come from the listing; the
 * full object (post content and all) is read only when its files are asked for.
 */
public final class ObjectFolder<T> extends Folder implements KeepsScratch {
    private final ObjectKind<T> kind;
    private final DavSession session;
    private final T listed;
    private List<TextFile> files;
    private TextFile.Access access;

    ObjectFolder(ObjectKind<T> kind, DavSession session, T listed, String name) {
        super(name, kind.modified(session, listed), kind.created(session, listed));
        this.kind = kind;
        this.session = session;
        this.listed = listed;
    }

    /** Whether deleting this folder can delete (or trash) its object. */
    public boolean deletable() {
        return kind.deletable();
    }

    /** Any name but a field's: the fields are WordPress's, everything else the user's own. */
    @Override
    public boolean keepsAsScratch(String name) {
        String wanted = Names.nfc(name);
        return kind.fields().stream().noneMatch(field -> field.fileName().equals(wanted));
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

    @Override
    public synchronized List<TextFile> getChildren() {
        if (files == null) {
            T full = kind.load(session, listed);
            List<TextFile> made = new ArrayList<>();
            for (Field<T> field : kind.fields()) {
                String value = field.renderer().render(session, full);
                if (value != null) {
                    TextFile.Writer writer = field.updater() == null ? null : text -> field.updater().write(session, full, text);
                    made.add(new TextFile(field.fileName(), value, kind.modified(session, full), kind.created(session, full), writer, access()));
                }
            }
            files = List.copyOf(made);
        }
        return files;
    }
}
