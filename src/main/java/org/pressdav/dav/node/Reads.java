package org.pressdav.dav.node;

import java.util.Optional;
import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.WordPressException;

/** Reading one object with as much as the user may see: raw values where they may edit it. */
public final class Reads {
    private Reads() {
    }

    /** {@code context=edit} where WordPress allows it to this user, else {@code context=view}. */
    public static <T> T object(DavSession session, Endpoint<T> endpoint, long id) {
        if (session.isAnonymous()) {
            return session.wordpress().get(session.credentials(), endpoint, id, Context.VIEW);
        }
        try {
            return session.wordpress().get(session.credentials(), endpoint, id, Context.EDIT);
        } catch (WordPressException e) {
            if (e.deniesAccess()) {
                return session.wordpress().get(session.credentials(), endpoint, id, Context.VIEW);
            }
            throw e;
        }
    }

    /** The object if this user may see it; WordPress's 401, 403 and 404 all mean "not for you" ({@link WordPressException#hidesObject}). */
    public static <T> Optional<T> ifVisible(DavSession session, Endpoint<T> endpoint, long id) {
        try {
            return Optional.of(object(session, endpoint, id));
        } catch (WordPressException e) {
            if (e.hidesObject()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Whether this user may edit the object: WordPress lets a user read an object in
     * {@code context=edit} exactly when they may update it. The answer is the same read that
     * {@link #object} makes, so it costs nothing more.
     */
    public static boolean editable(DavSession session, Endpoint<?> endpoint, long id) {
        if (session.isAnonymous()) {
            return false;
        }
        try {
            session.wordpress().get(session.credentials(), endpoint, id, Context.EDIT);
            return true;
        } catch (WordPressException e) {
            if (e.hidesObject()) {
                return false;
            }
            throw e;
        }
    }

    /** The same for the whole REST object as JSON. */
    public static String json(DavSession session, Endpoint<?> endpoint, long id) {
        Context context = Context.VIEW;
        if (!session.isAnonymous()) {
            try {
                return session.wordpress().getJson(session.credentials(), endpoint, id, Context.EDIT).toPrettyString();
            } catch (WordPressException e) {
                if (!e.deniesAccess()) {
                    throw e;
                }
            }
        }
        return session.wordpress().getJson(session.credentials(), endpoint, id, context).toPrettyString();
    }
}
