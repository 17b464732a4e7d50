package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.ObjectKind;
import org.pressdav.dav.node.Reads;
import org.pressdav.wordpress.Comment;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.PostType;

/** {@code comments/<id>/}: moderators see every status, everyone else the approved ones. */
public final class CommentKind implements ObjectKind<Comment> {
    private final boolean fromIndex;
    private final List<Field<Comment>> fields;

    /**
     * Comments, listed from the companion plugin's index ({@code fromIndex}) or from core REST;
     * {@code postTypes}: where the post a comment is on is looked for.
     */
    public CommentKind(boolean fromIndex, List<PostType> postTypes) {
        this.fromIndex = fromIndex;
        this.fields = List.of(
                Field.<Comment>of("content.html", (s, c) -> c.content() == null ? "" : c.content().text())
                        .writes(Updates.exact(Endpoint.COMMENTS, Comment::id, "content")).holding(Field.DOCUMENT_BYTES),
                Field.<Comment>of("status.txt", (s, c) -> c.status()).writes(Updates.trimmed(Endpoint.COMMENTS, Comment::id, "status")),
                Field.<Comment>of("author-name.txt", (s, c) -> c.authorName()),
                Field.<Comment>of("author-email.txt", (s, c) -> c.authorEmail()),
                Field.<Comment>of("date-gmt.txt", (s, c) -> c.dateGmt() == null ? "" : c.dateGmt().toString()),
                Field.<Comment>of("post.txt", (s, c) -> Lookups.postFolderName(s, postTypes, c.post())),
                Field.<Comment>of("parent.txt", (s, c) -> c.parent() == 0 ? "" : String.valueOf(c.parent())));
    }

    @Override
    public String folderName() {
        return "comments";
    }

    @Override
    public List<Comment> list(DavSession session) {
        if (fromIndex) {
            return session.wordpress().index(session.credentials(), Endpoint.COMMENTS);
        }
        ListQuery query = ListQuery.all().withFields("id", "date_gmt", "status", "post");
        if (session.can("moderate_comments")) {
            query = query.withContext(Context.EDIT).with("status", "all");
        }
        return session.wordpress().list(session.credentials(), Endpoint.COMMENTS, query).items();
    }

    @Override
    public Optional<Comment> find(DavSession session, String name) {
        if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit) || name.startsWith("0")) {
            return Optional.empty();
        }
        return byId(session, Long.parseLong(name));
    }

    @Override
    public String name(Comment comment) {
        return String.valueOf(comment.id());
    }

    @Override
    public long id(Comment comment) {
        return comment.id();
    }

    @Override
    public Optional<Comment> byId(DavSession session, long id) {
        return Reads.ifVisible(session, Endpoint.COMMENTS, id).filter(c -> !"trash".equals(c.status()));
    }

    @Override
    public Endpoint<Comment> endpoint() {
        return Endpoint.COMMENTS;
    }

    @Override
    public String editRefusal() {
        return "Sorry, you are not allowed to edit this comment.";
    }

    @Override
    public boolean deletable() {
        return true;
    }

    /** Deleting a comment's folder moves the comment to the trash. */
    @Override
    public void delete(DavSession session, Comment comment) {
        session.wordpress().trash(session.credentials(), Endpoint.COMMENTS, comment.id());
    }

    @Override
    public Instant modified(DavSession session, Comment comment) {
        return comment.dateGmt();
    }

    @Override
    public Instant created(DavSession session, Comment comment) {
        return comment.dateGmt();
    }

    @Override
    public Comment load(DavSession session, Comment listed) {
        return listed.content() != null ? listed : Reads.object(session, Endpoint.COMMENTS, listed.id());
    }

    @Override
    public List<Field<Comment>> fields() {
        return fields;
    }
}
