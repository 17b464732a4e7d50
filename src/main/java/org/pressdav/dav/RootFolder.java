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
    private final Aliases aliases;

    public RootFolder(DavSession session, Instant started, Aliases aliases) {
        super("", started, started);
        this.session = session;
        this.started = started;
        this.aliases = aliases;
    }

    @Override
    public String getUniqueId() {
        return "root";
    }

    @Override
    public List<Folder> getChildren() {
        return List.of(
                new SiteFolder(session, started),
                new KindFolder<>(POSTS, session, started, aliases),
                new KindFolder<>(PAGES, session, started, aliases),
                new MediaFolder(session, started, java.time.Clock.systemUTC()),
                new KindFolder<>(USERS, session, started, aliases),
                new KindFolder<>(CATEGORIES, session, started, aliases),
                new KindFolder<>(TAGS, session, started, aliases),
                new KindFolder<>(COMMENTS, session, started, aliases));
    }
}
