package org.pressdav.dav.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.User;
import org.pressdav.wordpress.WordPressException;

/**
 * The names field files show instead of ids: term slugs, user logins, post folder names. Each
 * reads a listing through the (cached) client as the caller, so it shows what they may see.
 */
final class Lookups {
    private static final ListQuery TERM_NAMES = ListQuery.all().withFields("id", "slug").with("hide_empty", "false");

    private Lookups() {
    }

    /** The slugs of these terms, one per line, in the order WordPress gave the ids. */
    static String termSlugs(DavSession session, Endpoint<Term> endpoint, List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        Map<Long, String> slugs = new HashMap<>();
        for (Term term : session.wordpress().list(session.credentials(), endpoint, TERM_NAMES).items()) {
            slugs.put(term.id(), Names.slug(term.slug()));
        }
        return String.join("\n", ids.stream().map(id -> slugs.getOrDefault(id, String.valueOf(id))).toList());
    }

    static String termSlug(DavSession session, Endpoint<Term> endpoint, long id) {
        return id == 0 ? "" : termSlugs(session, endpoint, List.of(id));
    }

    /** A user's login where the caller may see it, else their public slug, else the id. */
    static String userName(DavSession session, long id) {
        if (id == 0) {
            return "";
        }
        try {
            User user = session.isAnonymous()
                    ? session.wordpress().get(session.credentials(), Endpoint.USERS, id, Context.VIEW)
                    : readUser(session, id);
            return UserKind.nameOf(user);
        } catch (WordPressException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return String.valueOf(id);
        }
    }

    private static User readUser(DavSession session, long id) {
        try {
            return session.wordpress().get(session.credentials(), Endpoint.USERS, id, Context.EDIT);
        } catch (WordPressException e) {
            if (e.status() == 401 || e.status() == 403) {
                return session.wordpress().get(session.credentials(), Endpoint.USERS, id, Context.VIEW);
            }
            throw e;
        }
    }

    /** The folder name of a post or page, looked up in both; empty for 0. */
    static String postFolderName(DavSession session, long id) {
        if (id == 0) {
            return "";
        }
        for (Endpoint<Post> endpoint : List.of(Endpoint.POSTS, Endpoint.PAGES)) {
            try {
                Post post = session.wordpress().get(session.credentials(), endpoint, id, Context.VIEW);
                return PostKind.nameOf(post);
            } catch (WordPressException e) {
                if (e.status() >= 500) {
                    throw e;
                }
            }
        }
        return String.valueOf(id);
    }
}
