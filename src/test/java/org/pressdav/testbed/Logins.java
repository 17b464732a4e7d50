package org.pressdav.testbed;

import org.pressdav.wordpress.Credentials;

/** The seeded users of a test WordPress by role, as the drive's helpers and the real clients log in with them. */
public interface Logins {
    /** A seeded user's login. */
    String login(String role);

    /** A seeded user's application password, for clients configured outside Java. */
    String applicationPassword(String role);

    default Credentials credentials(String role) {
        return Credentials.of(login(role), applicationPassword(role));
    }
}
