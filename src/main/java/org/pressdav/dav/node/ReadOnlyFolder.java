package org.pressdav.dav.node;

import java.time.Instant;

/**
 * A folder of WordPress's that no write changes (revisions, the trash), which tells whoever tries how to do what they
 * meant instead. A subclass may still take the requests it has a meaning for (a trashed post's MOVE out, its DELETE).
 */
public abstract class ReadOnlyFolder extends Folder {
    private final String refusal;

    protected ReadOnlyFolder(String name, Instant modified, Instant created, String refusal) {
        super(name, modified, created);
        this.refusal = refusal;
    }

    @Override
    public String changeRefusal() {
        return refusal;
    }

    @Override
    public String moveRefusal() {
        return refusal;
    }
}
