package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import io.milton.resource.CollectionResource;
import io.milton.resource.QuotaResource;
import java.time.Instant;
import java.util.List;

/**
 * A folder. Subclasses list their children; {@link #child} finds one by name and should be
 * overridden where that can be done without listing them all. Read-only unless a subclass says
 * otherwise: Milton refuses what a folder does not implement.
 */
public abstract class Folder extends Node implements CollectionResource, QuotaResource {
    /** WordPress has no quota; the drive reports this much free, so that clients allow writes. */
    static final long AVAILABLE_BYTES = 1L << 40;

    protected Folder(String name, Instant modified, Instant created) {
        super(name, modified, created);
    }

    @Override
    public abstract List<? extends Node> getChildren();

    @Override
    public Node child(String name) {
        String wanted = Names.nfc(name);
        for (Node node : getChildren()) {
            if (node.getName().equals(wanted)) {
                return node;
            }
        }
        return null;
    }

    @Override
    public Long getQuotaUsed() {
        return 0L;
    }

    @Override
    public Long getQuotaAvailable() {
        return AVAILABLE_BYTES;
    }
}
