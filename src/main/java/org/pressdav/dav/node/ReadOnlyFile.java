package org.pressdav.dav.node;

import java.time.Instant;

/**
 * A field file no one may change here (a revision's, a trashed post's), which tells whoever tries how to do what they
 * meant instead: restore the revision, restore the post.
 */
public final class ReadOnlyFile extends TextFile {
    private final String refusal;

    public ReadOnlyFile(String name, String value, Instant modified, Instant created, String refusal) {
        super(name, value, modified, created);
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
