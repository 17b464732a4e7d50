package org.pressdav.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;

/**
 * HTTP Basic with a WordPress login and application password, checked by WordPress itself
 * ({@code users/me}, remembered briefly by the client under a hash). Without a login the caller
 * is anonymous where that is allowed, and challenged everywhere else.
 */
public final class Authenticator {
    private final Login login;
    private final boolean anonymousRead;
    private final LoginThrottle throttle;

    /** How a login is checked: the session of the user WordPress knows by it, or a {@link WordPressException} saying why not. */
    interface Login {
        DavSession check(Credentials credentials);

        /** The session of a visitor without a login. */
        DavSession anonymous();
    }

    /** Logins checked by one site's WordPress. */
    Authenticator(WordPressClient wordpress, boolean anonymousRead, LoginThrottle throttle) {
        this(new Login() {
            @Override
            public DavSession check(Credentials credentials) {
                return new DavSession(wordpress, credentials, wordpress.me(credentials));
            }

            @Override
            public DavSession anonymous() {
                return DavSession.anonymous(wordpress);
            }
        }, anonymousRead, throttle);
    }

    Authenticator(Login login, boolean anonymousRead, LoginThrottle throttle) {
        this.login = login;
        this.anonymousRead = anonymousRead;
        this.throttle = throttle;
    }

    /** The caller's session, or null once a 401 (or a 502/504 saying why not) has been sent. */
    DavSession authenticate(HttpServletRequest req, HttpServletResponse resp, boolean read) {
        String header = req.getHeader("Authorization");
        if (header == null) {
            if (anonymousRead && read) {
                return login.anonymous();
            }
            DavErrors.send(resp, new DavError.Unauthorized("Log in with your WordPress user name and an application password."), true);
            return null;
        }
        Credentials credentials = basic(header);
        if (credentials == null) {
            DavErrors.send(resp, new DavError.Unauthorized("Only HTTP Basic authentication with a WordPress application password is supported."),
                    true);
            return null;
        }
        String address = req.getRemoteAddr();
        Duration wait;
        try {
            wait = throttle.admit(address, credentials);
        } catch (DavError.Busy uncounted) { // the counts are shared and cannot be reached: an unknown login is not checked
            DavErrors.send(resp, uncounted, false);
            return null;
        }
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.plusMillis(999).toSeconds());
            resp.setHeader("Retry-After", String.valueOf(seconds));
            DavErrors.send(resp, new DavError.TooManyRequests("Too many failed logins for this user from here; try again in " + seconds
                    + " seconds."), true);
            return null;
        }
        try {
            DavSession session = login.check(credentials);
            throttle.succeeded(address, credentials);
            return session;
        } catch (WordPressException e) {
            Throwable refused = DavErrors.loginRefused(e);
            if (refused instanceof DavError.Unauthorized) {
                throttle.failed(address, credentials);
            } else {
                throttle.unanswered(address, credentials);
            }
            DavErrors.send(resp, refused, true);
            return null;
        } catch (RuntimeException e) {
            throttle.unanswered(address, credentials);
            throw e;
        }
    }

    static Credentials basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return Credentials.of(pair.substring(0, colon), pair.substring(colon + 1));
    }
}
