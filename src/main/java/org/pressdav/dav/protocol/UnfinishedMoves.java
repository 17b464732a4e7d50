package org.pressdav.dav.protocol;

import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.store.FolderMove;
import org.pressdav.dav.store.ScratchFiles;

/**
 * Finishes folder moves that a process stopped in the middle of (killed while WordPress moved the
 * folder, or a move whose answer never came): the users' own files of a moved folder still lie
 * under its old path. Whether WordPress moved it is known only by asking, as a user who can see
 * it: the first signed-in request after such a stop looks at both paths, carries the files to the
 * new one if the folder is there and gone from the old, and drops the note if the folder never
 * left. A user who sees neither (or both) leaves the note to someone who can; it lapses with the
 * temporary files' time to live. With no note left, this costs one look at an empty list.
 */
final class UnfinishedMoves {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UnfinishedMoves.class);

    private final DriveTree tree;
    private final ScratchFiles scratch;

    UnfinishedMoves(DriveTree tree, ScratchFiles scratch) {
        this.tree = tree;
        this.scratch = scratch;
    }

    void finish(DavSession session) {
        if (session.isAnonymous() || scratch.unfinishedCarries().isEmpty()) {
            return;
        }
        synchronized (this) {
            for (FolderMove move : scratch.unfinishedCarries()) {
                try {
                    Node from = tree.find(session, move.from());
                    Node to = tree.find(session, move.to());
                    if (from == null && to instanceof Folder) {
                        scratch.carry(move.from(), move.to());
                        log.info("finished the move of {} to {}: the users' own files in it followed", move.from(), move.to());
                    } else if (from instanceof Folder && to == null) {
                        scratch.abandonCarry(move.from(), move.to());
                    }
                } catch (Exception e) {
                    log.debug("the move of {} to {} stays unfinished for now: {}", move.from(), move.to(), e.toString());
                }
            }
        }
    }
}
