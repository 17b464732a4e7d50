package org.pressdav.dav.entity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.FieldFolder;
import org.pressdav.dav.node.HiddenWhenDeleted;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;

/**
 * {@code posts/12-hello/revisions/}: one folder per revision WordPress keeps of the post, named
 * {@code <yyyy-mm-dd-hhmmss>-<id>} from its UTC date (so that they sort by time), and {@code autosave/}
 * where WordPress holds this user's autosave. Listed with one REST call, which the cache forgets when
 * the post is written. Read-only: a revision is restored by a COPY of it onto the post's files or folder.
 * A DELETE inside only hides what it names from this user a while, as it does the post's field files.
 */
final class RevisionsFolder extends ReadOnlyFolder implements FieldFolder, HiddenWhenDeleted {
    static final String NAME = "revisions";
    static final String AUTOSAVE = "autosave";
    static final String READ_ONLY = "Revisions are read-only: COPY a revision's file onto the post's own file, "
            + "or the revision's folder onto the post's folder, to restore it";
    private static final DateTimeFormatter NAMED = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(ZoneOffset.UTC);

    private final DavSession session;
    private final Endpoint<Post> endpoint;
    private final Post post;
    private final String objectKey;
    private List<Node> children;

    RevisionsFolder(DavSession session, Endpoint<Post> endpoint, Post post, String objectKey) {
        super(NAME, post.modifiedGmt(), post.dateGmt(), READ_ONLY);
        this.session = session;
        this.endpoint = endpoint;
        this.post = post;
        this.objectKey = objectKey;
    }

    @Override
    public synchronized List<Node> getChildren() {
        if (children == null) {
            List<Node> found = new ArrayList<>();
            for (Post revision : session.wordpress().revisions(session.credentials(), endpoint, post.id())) {
                if (!isAutosave(revision)) {
                    found.add(new RevisionFolder(nameOf(revision), revision, session, endpoint, post.id(), objectKey));
                } else if (session.user() != null && revision.author() == session.user().id()) {
                    // WordPress keeps one autosave per user: another's unsaved changes are theirs.
                    found.add(new RevisionFolder(AUTOSAVE, revision, session, endpoint, post.id(), objectKey));
                }
            }
            children = List.copyOf(found);
        }
        return children;
    }

    @Override
    public String getUniqueId() {
        return objectKey + "/" + NAME;
    }

    /**
     * Only who may edit the post sees its revisions, and a post's folder can be deleted: a DELETE here hides,
     * as one of the post's field files, so that emptying the post's folder before deleting it goes through.
     */
    @Override
    public String fieldDeleteRefusal(String fileName) {
        return null;
    }

    /** WordPress names an autosave {@code <post id>-autosave-v1}, a revision {@code <post id>-revision-v1}. */
    private static boolean isAutosave(Post revision) {
        return revision.slug() != null && revision.slug().contains("-autosave-");
    }

    static String nameOf(Post revision) {
        Instant date = revision.dateGmt() == null ? Instant.EPOCH : revision.dateGmt();
        return NAMED.format(date) + "-" + revision.id();
    }
}
