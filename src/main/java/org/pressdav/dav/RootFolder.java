package org.pressdav.dav;

import java.time.Instant;
import java.util.List;
import org.pressdav.dav.entity.CommentKind;
import org.pressdav.dav.entity.MediaFolder;
import org.pressdav.dav.entity.PostKind;
import org.pressdav.dav.entity.SiteFolder;
import org.pressdav.dav.entity.TermKind;
import org.pressdav.dav.entity.UserKind;

/** The drive's root. Adding a kind of WordPress object to the drive is one line here. */
public final class RootFolder extends Folder {
    private static final PostKind POSTS = PostKind.posts();
    private static final PostKind PAGES = PostKind.pages();
    private static final UserKind USERS = new UserKind();
    private static final TermKind CATEGORIES = TermKind.categories();
    private static final TermKind TAGS = TermKind.tags();
    private static final CommentKind COMMENTS = new CommentKind();

    private final DavSession session;
    private final Instant started;

    public RootFolder(DavSession session, Instant started) {
        super("", started, started);
        this.session = session;
        this.started = started;
    }

    @Override
    public String getUniqueId() {
        return "root";
    }

    @Override
    public List<Folder> getChildren() {
        return List.of(
                new SiteFolder(session, started),
                new KindFolder<>(POSTS, session, started),
                new KindFolder<>(PAGES, session, started),
                new MediaFolder(session, started),
                new KindFolder<>(USERS, session, started),
                new KindFolder<>(CATEGORIES, session, started),
                new KindFolder<>(TAGS, session, started),
                new KindFolder<>(COMMENTS, session, started));
    }
}
