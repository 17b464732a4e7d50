package org.pressdav.dav;

import java.time.Instant;
import java.util.List;

/** The top folder of one kind of object: {@code posts/}, {@code users/}, …, one folder per object. */
public final class KindFolder<T> extends Folder {
    private final ObjectKind<T> kind;
    private final DavSession session;

    public KindFolder(ObjectKind<T> kind, DavSession session, Instant seen) {
        super(kind.folderName(), seen, seen);
        this.kind = kind;
        this.session = session;
    }

    @Override
    public String getUniqueId() {
        return "kind:" + kind.folderName();
    }

    @Override
    public List<ObjectFolder<T>> getChildren() {
        return kind.list(session).stream().map(item -> new ObjectFolder<>(kind, session, item)).toList();
    }

    @Override
    public Node child(String name) {
        String wanted = Names.nfc(name);
        return kind.find(session, wanted).map(item -> new ObjectFolder<>(kind, session, item)).orElse(null);
    }
}
