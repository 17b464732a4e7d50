package org.pressdav.dav.protocol;

import org.pressdav.dav.request.IncomingSpool;
import org.pressdav.dav.request.DavRequest;
import io.milton.http.Request;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.OwnFolder;
import org.pressdav.dav.node.Target;
import org.pressdav.dav.node.TextFile;
import org.pressdav.dav.request.BodyType;
import org.pressdav.dav.request.Destination;
import org.pressdav.dav.request.FieldBodies;
import org.pressdav.dav.store.HiddenFiles;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReplaceableFile;
import org.pressdav.dav.node.UserFile;
import org.pressdav.dav.store.ScratchFiles;
import org.pressdav.wordpress.WordPressException;

/**
 * MOVE (RFC 4918 §9.9), replacing Milton CE's: {@code Overwrite} defaults to T as the RFC says
 * (Finder never sends it); a {@code Destination} on another server is 502. Renaming an object's folder renames the object (a post's slug);
 * a temporary file may be renamed, or renamed over a field file, which is how editors save.
 */
public final class MoveHandler extends DavHandler {
    private final DriveTree tree;
    private final IncomingSpool incoming;
    private final ScratchFiles scratch;
    private final HiddenFiles hidden;
    private final ResourceMoves moves;

    MoveHandler(DriveTree tree, IncomingSpool incoming, ScratchFiles scratch, HiddenFiles hidden, ResourceMoves moves) {
        super(Request.Method.MOVE);
        this.tree = tree;
        this.incoming = incoming;
        this.scratch = scratch;
        this.hidden = hidden;
        this.moves = moves;
    }

    @Override
    protected void handle(DavRequest req, HttpServletResponse out) throws Exception {
        DavPath from = req.path();
        Target destination = req.destination();
        DavPath to = destination.path();
        boolean overwrite = Destination.overwrite(req.servletRequest());
        Node source = existing(req);
        if (to.equals(from)) {
            throw new DavError.Forbidden("The source and the destination are the same");
        }
        Node target = destination.node();
        if (target != null && !overwrite) {
            throw new DavError.PreconditionFailed(to + " exists and Overwrite is F");
        }
        if (source instanceof UserFile own) {
            moveOwn(req, out, own, destination);
        } else if (source instanceof OwnFolder) {
            moveOwnFolder(req, out, from, destination);
        } else if (source instanceof DavFile file && target instanceof ReplaceableFile replaced && source instanceof DeletableResource) {
            replaceBy(out, file, replaced);
        } else if (source instanceof MoveableResource movable) {
            if (to.startsWith(from)) {
                throw new DavError.Conflict("A folder cannot move into itself");
            }
            if (!(destination.parent() instanceof Folder into)) {
                throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
            }
            if (target != null && source instanceof Folder && source.objectKey() != null && source.objectKey().equals(target.objectKey())) {
                // One object under two paths: a post's folder is on the shelf of its date (posts/2024/05/) and in posts/.
                throw new DavError.Forbidden(to + " is " + from + " itself: a big folder lists an object under its date or initial, "
                        + "which moving it does not change; rename it beside itself");
            }
            if (target != null) {
                // Overwrite T: in a folder of files what is there goes first (RFC 4918 §9.9.3); another object is never deleted by a rename.
                if (!(into instanceof HoldsFiles)) {
                    throw new DavError.Conflict(to + " is another object: it is not replaced by a rename");
                }
                Stopped stopped = target instanceof HoldsFiles ? DeepDelete.folder(tree, req, destination) : deleteFile(target);
                if (stopped != null) {
                    stopped.answer(req, out);
                    return;
                }
            }
            // The ._ and .DS_Store files in a folder go with it; noted first, so that a process killed while
            // WordPress moves the folder leaves a note that UnfinishedMoves finishes, not files under the old path.
            if (source instanceof Folder) {
                scratch.intendCarry(from, to);
            }
            // Each kind says where its objects may go: a post's folder only to a new name beside it, a media file anywhere in media/.
            try {
                movable.moveTo(into, to.name());
            } catch (DavError | WordPressException refused) {
                if (source instanceof Folder && DavErrors.classify(refused, false).refused()) {
                    scratch.abandonCarry(from, to); // refused: nothing moved (a 5xx may have, and keeps its note)
                }
                throw refused;
            }
            if (source instanceof Folder) {
                scratch.carry(from, to);
            }
            out.setStatus(target == null ? 201 : 204);
        } else {
            throw new DavError.Forbidden(source.moveRefusal());
        }
    }

    private static Stopped deleteFile(Node target) throws Exception {
        if (!(target instanceof DeletableResource file)) {
            throw new DavError.Forbidden(target.getName() + " cannot be replaced");
        }
        file.delete();
        return null;
    }

    /**
     * A file moved over another that takes new bytes (a copy saved next to a photo, then renamed
     * over it): the target keeps its identity and takes the source's bytes; then the source goes.
     */
    private void replaceBy(HttpServletResponse out, DavFile source, ReplaceableFile target) throws Exception {
        String refused = target.replaceRefusal();
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        if (!((Node) source).mayChange()) {
            throw new DavError.Forbidden(((Node) source).changeRefusal());
        }
        try (IncomingSpool.Spooled copy = incoming.take(to -> source.write(to, 0, source.length()))) {
            target.replaceWith(copy.file(), copy.length(), source.contentType());
        }
        ((DeletableResource) source).delete();
        out.setStatus(204);
    }

    /**
     * A user's own file renamed: to another name of their own; over a writable field file (how
     * editors, {@code sed -i}, {@code perl -pi} and rsync save); or, in a folder that takes
     * uploads, to a new name, which uploads it once, as one attachment (rsync's {@code .name.XXXXXX}).
     * davfs2 renames a file before it uploads its bytes: an empty file renamed over a field that
     * has text changes nothing (the PUT that follows brings the text), and an empty file renamed
     * into an upload folder waits there as a placeholder for its PUT.
     */
    private void moveOwn(DavRequest req, HttpServletResponse out, UserFile own, Target destination) throws Exception {
        String user = req.session().userKey();
        DavPath from = req.path();
        DavPath to = destination.path();
        Node target = destination.node();
        Node toParent = destination.parent();
        boolean uploadHere = (target == null || target instanceof UserFile) && toParent instanceof AcceptsUploads uploads
                && uploads.refusal(to.name()) == null;
        if (!(toParent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        } else if (DriveTree.isScratch(toParent, to.name()) || uploadHere && own.length() == 0) {
            scratch.move(user, from, to);
            moves.moveProperties(req.session(), req.target().key(), destination.key());
            out.setStatus(target == null ? 201 : 204);
        } else if (target instanceof ReplaceableFile file) {
            String refused = file.replaceRefusal();
            if (refused != null) {
                throw new DavError.Forbidden(refused);
            }
            if (own.length() > 0) {
                file.replaceWith(own.content(), own.length(), BodyType.of(null, to.name()));
            }
            scratch.delete(user, from);
            out.setStatus(204);
        } else if (target instanceof TextFile field) {
            if (!field.mayChange()) {
                throw new DavError.Forbidden(field.changeRefusal());
            }
            if (own.length() > 0 || field.length() == 0) {
                try (InputStream in = Files.newInputStream(own.content())) {
                    field.save(FieldBodies.text(field, in));
                }
                hidden.reveal(user, to);
            }
            scratch.delete(user, from);
            out.setStatus(204);
        } else if (uploadHere) {
            Node made = ((AcceptsUploads) toParent).upload(to.name(), BodyType.of(null, to.name()), own.content(), own.length());
            scratch.delete(user, from);
            scratch.delete(user, to);
            moves.settle(req.session(), destination.key(), destination.keyNow(made, user));
            out.setStatus(target == null ? 201 : 204);
        } else {
            throw new DavError.Forbidden("A file of your own can become another file of your own, a writable field file, "
                    + "or a new file where uploads are taken");
        }
    }

    /** One of the user's own folders renamed, to another name of their own (a folder of Finder's). */
    private void moveOwnFolder(DavRequest req, HttpServletResponse out, DavPath from, Target destination) throws IOException {
        DavPath to = destination.path();
        Node toParent = destination.parent();
        if (!(toParent instanceof Folder)) {
            throw new DavError.Conflict("The folder " + to.parent() + " does not exist");
        }
        if (!DriveTree.isScratch(toParent, to.name())) {
            throw new DavError.Forbidden("A folder of your own (" + from.name() + ") can only take another temporary folder's name");
        }
        if (destination.exists() || to.startsWith(from)) {
            throw new DavError.Conflict(to + (destination.exists() ? " exists: a folder of your own does not replace it" : " is inside " + from));
        }
        scratch.move(req.session().userKey(), from, to);
        out.setStatus(201);
    }
}
