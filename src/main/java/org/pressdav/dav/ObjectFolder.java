package org.pressdav.dav;

import java.util.ArrayList;
import java.util.List;

/**
 * One object's folder: {@code posts/12-hello/}. Its own properties come from the listing; the
 * full object (post content and all) is read only when its files are asked for.
 */
public final class ObjectFolder<T> extends Folder {
    private final ObjectKind<T> kind;
    private final DavSession session;
    private final T listed;
    private List<TextFile> files;

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

    /** The object as listed (not necessarily with every field). */
    public T item() {
        return listed;
    }

    @Override
    public String getUniqueId() {
        return kind.folderName() + ":" + getName();
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
                    made.add(new TextFile(field.fileName(), value, kind.modified(session, full), kind.created(session, full), writer));
                }
            }
            files = List.copyOf(made);
        }
        return files;
    }
}
