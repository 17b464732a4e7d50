package org.pressdav.dav.entity;

import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.FieldFolder;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HiddenWhenDeleted;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.ReadOnlyFile;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.dav.node.RestoresFields;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Rendered;

/**
 * One revision (or this user's autosave) of a post: its {@code content.html}, {@code title.txt} and
 * {@code excerpt.txt}, WordPress's raw values byte for byte as the post's own files hold them.
 * Read-only; a COPY of the folder onto the post's folder restores all three in one save (which
 * WordPress records as a new revision, as its own restore does).
 */
final class RevisionFolder extends ReadOnlyFolder implements FieldFolder, HiddenWhenDeleted, RestoresFields {
    private final Post revision;
    private final DavSession session;
    private final Endpoint<Post> endpoint;
    private final long postId;
    private final String postKey;

    RevisionFolder(String name, Post revision, DavSession session, Endpoint<Post> endpoint, long postId, String postKey) {
        super(name, revision.modifiedGmt(), revision.dateGmt(), RevisionsFolder.READ_ONLY);
        this.revision = revision;
        this.session = session;
        this.endpoint = endpoint;
        this.postId = postId;
        this.postKey = postKey;
    }

    @Override
    public List<Node> getChildren() {
        List<Node> files = new java.util.ArrayList<>();
        fields().forEach((field, value) -> files.add(new ReadOnlyFile(FILES.get(field), value, modified(), created(), RevisionsFolder.READ_ONLY)));
        return files;
    }

    /** The post's field each file shows. */
    private static final Map<String, String> FILES = Map.of("content", "content.html", "title", "title.txt", "excerpt", "excerpt.txt");

    /**
     * The fields the revision holds, raw, in the files' order: WordPress leaves out what the type does not support
     * (a page's revision has no excerpt).
     */
    private Map<String, String> fields() {
        Map<String, Rendered> held = new java.util.LinkedHashMap<>();
        held.put("content", revision.content());
        held.put("title", revision.title());
        held.put("excerpt", revision.excerpt());
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        held.forEach((field, value) -> {
            if (value != null) {
                fields.put(field, value.text());
            }
        });
        return fields;
    }

    @Override
    public String getUniqueId() {
        return postKey + "/" + RevisionsFolder.NAME + "/" + revision.id();
    }

    /** As in {@link RevisionsFolder}: a DELETE hides a revision's file from this user a while, and changes nothing. */
    @Override
    public String fieldDeleteRefusal(String fileName) {
        return null;
    }

    /** Only onto the folder of the post it is a revision of (anything else would copy one post's text into another). */
    @Override
    public String restoreRefusal(Node target) {
        if (target == null || !postKey.equals(target.objectKey()) || !(target instanceof Folder)) {
            return "A revision's folder can be copied only onto its own post's folder, to restore it";
        }
        return target.mayChange() ? null : target.changeRefusal();
    }

    @Override
    public void restoreOnto(Node target) {
        String refused = restoreRefusal(target);
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        session.wordpress().update(session.credentials(), endpoint, postId, fields());
    }
}
