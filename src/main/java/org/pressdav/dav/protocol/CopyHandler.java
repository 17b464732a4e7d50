package org.pressdav.dav.protocol;

import io.milton.http.Request;
import io.milton.resource.MakeCollectionableResource;
import io.milton.resource.ReplaceableResource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.node.AcceptsCopies;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReplaceableFile;
import org.pressdav.dav.node.UserFile;
import org.pressdav.dav.store.DeadPropertyStore;
import org.pressdav.dav.store.ScratchFiles;

/**
 * COPY (RFC 4918 §9.8), where it means something. A file's bytes become the destination's as a
 * PUT of them would: a new media file, a writable field file's new text, a media file's new
 * bytes, a temporary file of the user's. A folder of files ({@link HoldsFiles}, in
 * {@code media/}) is made again, with ({@code Depth: infinity}, the default) copies of everything
 * in it; a post's or page's folder copied into its own top folder is a new draft like it
 * ({@link AcceptsCopies}). {@code Overwrite} defaults to T: a file at the destination takes the
 * bytes, a folder there is deleted first. The user's dead properties go with each file. Anything
 * else is a 403 that says why; a folder copy that a member stops is a 207 naming that member, and
 * every member after it, not tried (424): the client learns exactly what the copy holds.
 */
public final class CopyHandler extends DavHandler {
    private final IncomingSpool incoming;

    public CopyHandler(DriveResourceFactory drive, IncomingSpool incoming) {
        super(drive, Request.Method.COPY);
        this.incoming = incoming;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath from = req.path();
        DavPath to = MoveHandler.destination(req);
        boolean overwrite = MoveHandler.overwrite(req);
        String depth = req.servletRequest().getHeader("Depth");
        if (depth != null && !depth.strip().equals("0") && !depth.strip().equalsIgnoreCase("infinity")) {
            throw new DavError.BadRequest("COPY takes Depth 0 or infinity");
        }
        boolean deep = depth == null || !depth.strip().equals("0");
        Node source = drive.find(req.session(), from);
        if (source == null) {
            throw new DavError.NotFound("Not found: " + from);
        }
        if (to.equals(from)) {
            throw new DavError.Forbidden("The source and the destination are the same");
        }
        if (source instanceof Folder && to.startsWith(from)) {
            throw new DavError.Forbidden("A folder cannot be copied into itself");
        }
        Node target = drive.find(req.session(), to);
        if (target != null && !overwrite) {
            throw new DavError.PreconditionFailed(to + " exists and Overwrite is F");
        }
        if (!(drive.find(req.session(), to.parent()) instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        }
        Stopped stopped = copy(req, source, from, to, deep);
        if (stopped != null) {
            stopped.answer(req, out);
            return;
        }
        out.setStatus(target == null ? 201 : 204);
    }

    /** Copies one resource (and, for a folder of files, what it holds); what stops a folder's member is returned. */
    private Stopped copy(DavRequest req, Node source, DavPath from, DavPath to, boolean deep) throws Exception {
        Node parent = drive.find(req.session(), to.parent());
        Node target = drive.find(req.session(), to);
        if (source instanceof DavFile file) {
            if (target instanceof HoldsFiles) {
                Stopped stopped = DeepDelete.folder(drive, req, to, target);
                if (stopped != null) {
                    return stopped;
                }
                target = null;
            } else if (target instanceof Folder) {
                throw new DavError.Forbidden(to + " is a folder that a file cannot replace");
            }
            try (IncomingSpool.Spooled bytes = incoming.take(o -> file.write(o, 0, file.length()))) {
                writeFile(req, to, (Folder) parent, target, bytes, file.contentType());
            }
            copyProperties(req, from, to);
            return null;
        }
        if (parent instanceof AcceptsCopies copier && copier.copyRefusal(source) == null) {
            if (target != null) {
                throw new DavError.Forbidden(to + " exists: a copy makes a new object and replaces none");
            }
            copier.copyIn(source, to.name());
            return null;
        }
        if (!(source instanceof HoldsFiles) || !(parent instanceof MakeCollectionableResource maker)) {
            throw new DavError.Forbidden(parent instanceof AcceptsCopies copier ? copier.copyRefusal(source)
                    : "A folder can be copied only as a folder of files in media/, or a post's or page's folder into its own top folder");
        }
        if (target instanceof HoldsFiles) {
            Stopped stopped = DeepDelete.folder(drive, req, to, target);
            if (stopped != null) {
                return stopped;
            }
        } else if (target != null) {
            throw new DavError.Forbidden(to + " cannot be replaced by a folder");
        }
        maker.createCollection(to.name());
        if (!deep) {
            return null;
        }
        List<Node> children = drive.children(req.session(), from, (Folder) source);
        for (int i = 0; i < children.size(); i++) {
            Node child = children.get(i);
            DavPath childFrom = from.child(child.getName());
            DavPath childTo = to.child(child.getName());
            Stopped stopped;
            try {
                stopped = copy(req, child, childFrom, childTo, true);
            } catch (Exception e) {
                stopped = Stopped.at(childTo, child instanceof Folder, e, req);
            }
            if (stopped != null) {
                // After a failure nothing more is tried (WordPress may be gone): each member left is named, not copied.
                for (Node left : children.subList(i + 1, children.size())) {
                    stopped = stopped.notTried(to.child(left.getName()), left instanceof Folder);
                }
                return stopped;
            }
        }
        return null;
    }

    /** The bytes at the destination, as a PUT of them would leave them (see {@link PutHandler}). */
    private void writeFile(DavRequest req, DavPath to, Folder parent, Node target, IncomingSpool.Spooled bytes, String contentType)
            throws Exception {
        if (target instanceof ReplaceableFile file) {
            String refused = file.replaceRefusal();
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            file.replaceWith(bytes.file(), bytes.length(), contentType);
        } else if (target instanceof ReplaceableResource field) {
            if (!target.mayChange()) {
                throw new DavError.Forbidden(target.changeRefusal());
            }
            try (InputStream in = Files.newInputStream(bytes.file())) {
                field.replaceContent(in, bytes.length());
            }
        } else if (DriveResourceFactory.isScratch(parent, to.name()) || target instanceof UserFile && !(parent instanceof AcceptsUploads)) {
            try (InputStream in = Files.newInputStream(bytes.file())) {
                drive.stores().scratch().write(ScratchFiles.Owner.of(req.session()), to, in);
            }
        } else if (target != null) {
            throw new DavError.Forbidden(target.changeRefusal());
        } else if (parent instanceof AcceptsUploads uploads) {
            String refused = uploads.refusal(to.name());
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            if (bytes.length() == 0) {
                drive.stores().scratch().write(ScratchFiles.Owner.of(req.session()), to, InputStream.nullInputStream());
            } else {
                ResourceKey before = drive.key(req.session(), to);
                uploads.upload(to.name(), PutHandler.contentType(contentType, to.name()), bytes.file(), bytes.length());
                drive.settle(req.session(), before, to);
            }
        } else {
            throw new DavError.Forbidden("A copy of a file can become a writable field file, a file of yours, "
                    + "or a new file where uploads are taken; not " + to);
        }
    }

    /** The user's dead properties of the source, on the copy too (RFC 4918 §9.8.2). */
    private void copyProperties(DavRequest req, DavPath from, DavPath to) {
        DeadPropertyStore properties = drive.stores().properties();
        String user = req.session().userKey();
        Map<QName, String> dead = properties.of(user, drive.key(req.session(), from));
        if (!dead.isEmpty()) {
            properties.replace(user, drive.key(req.session(), to), dead);
        }
    }
}
