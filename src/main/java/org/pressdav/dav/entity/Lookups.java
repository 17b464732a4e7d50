package org.pressdav.dav.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Reads;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.Term;

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
        return Reads.ifVisible(session, Endpoint.USERS, id).map(UserKind::nameOf).orElse(String.valueOf(id));
    }

    /** The folder name of an object of one of these post types, looked up in each in turn; empty for 0. */
    static String postFolderName(DavSession session, List<PostType> types, long id) {
        if (id == 0) {
            return "";
        }
        for (PostType type : types) {
            Optional<Post> post = Reads.ifVisible(session, type.endpoint(), id);
            if (post.isPresent()) {
                return PostKind.nameOf(post.get());
            }
        }
        return String.valueOf(id);
    }
}
