package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import io.milton.http.Auth;
import io.milton.http.Request;
import io.milton.resource.PropFindableResource;
import java.time.Instant;
import java.util.Date;
import org.pressdav.dav.lock.SerialWrites;

/**
 * Everything on the drive: a name and two dates. Who may come in is decided once, by the front
 * servlet; what they may see is decided by WordPress, because every node reads as the caller.
 */
public abstract class Node implements PropFindableResource {
    private final String name;
    private final Instant modified;
    private final Instant created;

    protected Node(String name, Instant modified, Instant created) {
        this.name = Names.nfc(name);
        this.modified = modified;
        this.created = created == null ? modified : created;
    }

    @Override
    public String getName() {
        return name;
    }

    public Instant modified() {
        return modified;
    }

    public Instant created() {
        return created;
    }

    @Override
    public Date getModifiedDate() {
        return modified() == null ? null : Date.from(modified());
    }

    @Override
    public Date getCreateDate() {
        return created() == null ? null : Date.from(created());
    }

    /**
     * The WordPress object this node shows or belongs to ({@code posts/12}), which writes of it
     * take turns on ({@link SerialWrites}) and locks are held on; null for what is no WordPress
     * object (top folders, temporary files).
     */
    public String objectKey() {
        return null;
    }

    /** Whether this user may change it: write it, lock it, give it properties. Read-only unless a node says so. */
    public boolean mayChange() {
        return false;
    }

    /** What a MOVE of it is told where it cannot be moved. */
    public String moveRefusal() {
        return "Only a post's, page's, term's or a temporary file's name can be changed by moving it";
    }

    /** What a user who may not change it is told. */
    public String changeRefusal() {
        return getName() + " cannot be changed";
    }

    @Override
    public Object authenticate(String user, String password) {
        return null;
    }

    @Override
    public boolean authorise(Request request, Request.Method method, Auth auth) {
        return true;
    }

    @Override
    public String getRealm() {
        return "pressdav";
    }

    @Override
    public String checkRedirect(Request request) {
        return null;
    }
}
