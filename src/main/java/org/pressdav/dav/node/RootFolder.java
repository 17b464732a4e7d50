package org.pressdav.dav.node;

import java.time.Instant;
import java.util.List;
import org.pressdav.dav.Names;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FolderNames;

/** The drive's root: the top folders it was given that this request's user has, opened for them. */
public final class RootFolder extends Folder {
    private final DavSession session;
    private final Instant started;
    private final FolderNames names;
    private final List<TopFolder> tops;

    public RootFolder(DavSession session, Instant started, FolderNames names, List<TopFolder> tops) {
        super("", started, started);
        this.session = session;
        this.started = started;
        this.names = names;
        this.tops = tops;
    }

    @Override
    public String getUniqueId() {
        return "root";
    }

    @Override
    public List<Folder> getChildren() {
        return tops.stream().filter(top -> top.isShownTo(session)).map(top -> top.open(session, started, names)).toList();
    }

    /** One top folder by its name: the others are not opened. */
    @Override
    public Folder child(String name) {
        String wanted = Names.nfc(name);
        for (TopFolder top : tops) {
            if (top.name().equals(wanted)) {
                return top.isShownTo(session) ? top.open(session, started, names) : null;
            }
        }
        return null;
    }
}
