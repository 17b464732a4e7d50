package org.pressdav.dav;

import java.util.Map;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.User;
import org.pressdav.wordpress.WordPressClient;

/**
 * One request's view of the drive: who asks (their credentials and WordPress user, or anonymous),
 * and the WordPress client every node reads through. What a node shows is what WordPress shows
 * this user.
 */
public record DavSession(WordPressClient wordpress, Credentials credentials, User user) {

    public static DavSession anonymous(WordPressClient wordpress) {
        return new DavSession(wordpress, Credentials.ANONYMOUS, null);
    }

    public boolean isAnonymous() {
        return user == null;
    }

    /**
     * Who this is, for everything pressdav keeps per user (scratch files, locks, names, dead
     * properties): the WordPress user id, never the credential string, so that two passwords of
     * one user (or one written two ways WordPress accepts) are one user.
     */
    public String userKey() {
        return user == null ? "anonymous" : "user-" + user.id();
    }

    /** Whether WordPress grants this user a capability, for example {@code edit_posts}. */
    public boolean can(String capability) {
        if (user == null || user.capabilities() == null) {
            return false;
        }
        Map<String, Boolean> caps = user.capabilities();
        return Boolean.TRUE.equals(caps.get(capability));
    }
}
