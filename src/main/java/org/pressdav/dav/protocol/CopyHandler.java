package org.pressdav.dav.protocol;

import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import io.milton.resource.MakeCollectionableResource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.AcceptsCopies;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Target;
import org.pressdav.dav.node.TextFile;
import org.pressdav.dav.request.BodyType;
import org.pressdav.dav.request.Destination;
import org.pressdav.dav.request.FieldBodies;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReplaceableFile;
import org.pressdav.dav.node.RestoresFields;
import org.pressdav.dav.node.UserFile;
import org.pressdav.dav.store.ScratchFiles;

/**
 * COPY (RFC 4918 §9.8), where it means something. A file's bytes become the destination's as a
 * PUT of them would: a new media file, a writable field file's new text, a media file's new
 * bytes, a temporary file of the user's. A folder of files ({@link HoldsFiles}, in
 * {@code media/}) is made again, with ({@code Depth: infinity}, the default) copies of everything
 * in it; a post's or page's folder copied into its own top folder is a new draft like it
 * ({@link AcceptsCopies}); a post's revision folder copied onto the post's folder restores it
 * ({@link RestoresFields}). {@code Overwrite} defaults to T: a file at the destination takes the
 * bytes, a folder there is deleted first. The user's dead properties go with each file. Anything
 * else is a 403 that says why; a folder copy that a member stops is a 207 naming that member, and
 * every member after it, not tried (424): the client learns exactly what the copy holds.
 */
public final class CopyHandler extends DavHandler {
    private final DriveTree tree;
    private final IncomingSpool incoming;
    private final ScratchFiles scratch;
    private final ResourceMoves moves;

    CopyHandler(DriveTree tree, IncomingSpool incoming, ScratchFiles scratch, ResourceMoves moves) {
        super(Request.Method.COPY);
        this.tree = tree;
        this.incoming = incoming;
        this.scratch = scratch;
        this.moves = moves;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath from = req.path();
        Target destination = req.destination();
        DavPath to = destination.path();
        boolean overwrite = Destination.overwrite(req.servletRequest());
        String depth = req.servletRequest().getHeader("Depth");
        if (depth != null && !depth.strip().equals("0") && !depth.strip().equalsIgnoreCase("infinity")) {
            throw new DavError.BadRequest("COPY takes Depth 0 or infinity");
        }
        boolean deep = depth == null || !depth.strip().equals("0");
        Node source = existing(req);
        if (to.equals(from)) {
            throw new DavError.Forbidden("The source and the destination are the same");
        }
        if (source instanceof Folder && to.startsWith(from)) {
            throw new DavError.Forbidden("A folder cannot be copied into itself");
        }
        if (destination.exists() && !overwrite) {
            throw new DavError.PreconditionFailed(to + " exists and Overwrite is F");
        }
        if (!(destination.parent() instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        }
        Stopped stopped = copy(req, req.target(), destination, deep);
        if (stopped != null) {
            stopped.answer(req, out);
            return;
        }
        out.setStatus(destination.exists() ? 204 : 201);
    }

    /** Copies one resource (and, for a folder of files, what it holds); what stops a folder's member is returned. */
    private Stopped copy(DavRequest req, Target from, Target to, boolean deep) throws Exception {
        Node source = from.node();
        Node parent = to.parent();
        Node target = to.node();
        if (source instanceof DavFile file) {
            if (target instanceof HoldsFiles) {
                Stopped stopped = DeepDelete.folder(tree, req, to);
                if (stopped != null) {
                    return stopped;
                }
                target = null;
            } else if (target instanceof Folder) {
                throw new DavError.Forbidden(to.path() + " is a folder that a file cannot replace");
            }
            Node made;
            try (IncomingSpool.Spooled bytes = incoming.take(o -> file.write(o, 0, file.length()))) {
                made = writeFile(req, to, (Folder) parent, target, bytes, file.contentType());
            }
            moves.copyProperties(req.session(), from.key(), to.keyNow(made, req.session().userKey()));
            return null;
        }
        if (source instanceof RestoresFields revision) {
            // A post's revision onto the post's folder: its fields saved as the post's (Overwrite: T, the folder is there).
            revision.restoreOnto(target);
            return null;
        }
        if (parent instanceof AcceptsCopies copier && copier.copyRefusal(source) == null) {
            if (target != null) {
                throw new DavError.Forbidden(to.path() + " exists: a copy makes a new object and replaces none");
            }
            copier.copyIn(source, to.path().name());
            return null;
        }
        if (!(source instanceof HoldsFiles) || !(parent instanceof MakeCollectionableResource maker)) {
            throw new DavError.Forbidden(parent instanceof AcceptsCopies copier ? copier.copyRefusal(source)
                    : "A folder can be copied only as a folder of files in media/, or a post's or page's folder into its own top folder");
        }
        if (target instanceof HoldsFiles) {
            Stopped stopped = DeepDelete.folder(tree, req, to);
            if (stopped != null) {
                return stopped;
            }
        } else if (target != null) {
            throw new DavError.Forbidden(to.path() + " cannot be replaced by a folder");
        }
        Node made = (Node) maker.createCollection(to.path().name());
        if (!deep) {
            return null;
        }
        String user = req.session().userKey();
        Target copy = new Target(to.path(), made, parent, to.keyNow(made, user), to.turn());
        List<Node> children = tree.children(req.session(), from);
        for (int i = 0; i < children.size(); i++) {
            Node child = children.get(i);
            Target childTo = copy.child(child.getName(), user);
            Stopped stopped;
            try {
                stopped = copy(req, from.child(child, user), childTo, true);
            } catch (Exception e) {
                stopped = Stopped.at(childTo.path(), child instanceof Folder, e, req);
            }
            if (stopped != null) {
                // After a failure nothing more is tried (WordPress may be gone): each member left is named, not copied.
                for (Node left : children.subList(i + 1, children.size())) {
                    stopped = stopped.notTried(to.path().child(left.getName()), left instanceof Folder);
                }
                return stopped;
            }
        }
        return null;
    }

    /** The bytes at the destination, as a PUT of them would leave them (see {@link PutHandler}); returns what WordPress made of them, if anything new. */
    private Node writeFile(DavRequest req, Target to, Folder parent, Node target, IncomingSpool.Spooled bytes, String contentType)
            throws Exception {
        String name = to.path().name();
        if (target instanceof ReplaceableFile file) {
            String refused = file.replaceRefusal();
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            file.replaceWith(bytes.file(), bytes.length(), contentType);
        } else if (target instanceof TextFile field) {
            if (!field.mayChange()) {
                throw new DavError.Forbidden(field.changeRefusal());
            }
            try (InputStream in = Files.newInputStream(bytes.file())) {
                field.save(FieldBodies.text(field, in));
            }
        } else if (DriveTree.isScratch(parent, name) || target instanceof UserFile && !(parent instanceof AcceptsUploads)) {
            try (InputStream in = Files.newInputStream(bytes.file())) {
                scratch.write(ScratchFiles.Owner.of(req.session()), to.path(), in);
            }
        } else if (target != null) {
            throw new DavError.Forbidden(target.changeRefusal());
        } else if (parent instanceof AcceptsUploads uploads) {
            String refused = uploads.refusal(name);
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            if (bytes.length() == 0) {
                scratch.write(ScratchFiles.Owner.of(req.session()), to.path(), InputStream.nullInputStream());
            } else {
                Node made = uploads.upload(name, BodyType.of(contentType, name), bytes.file(), bytes.length());
                moves.settle(req.session(), to.key(), to.keyNow(made, req.session().userKey()));
                return made;
            }
        } else {
            throw new DavError.Forbidden("A copy of a file can become a writable field file, a file of yours, "
                    + "or a new file where uploads are taken; not " + to.path());
        }
        return null;
    }
}
