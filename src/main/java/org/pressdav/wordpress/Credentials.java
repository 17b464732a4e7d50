package org.pressdav.wordpress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A WordPress login and application password, or {@link #ANONYMOUS}. Every call to WordPress is
 * made with the DAV user's own credentials, so WordPress's permissions decide what they see.
 */
public final class Credentials {
    public static final Credentials ANONYMOUS = new Credentials(null, null);

    private final String login;
    private final String password;
    /** {@link #cacheKey()}, made once: every cache read of a request asks for it. */
    private String cacheKey;

    private Credentials(String login, String password) {
        this.login = login;
        this.password = password;
    }

    public static Credentials of(String login, String applicationPassword) {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(applicationPassword, "applicationPassword");
        return new Credentials(login, applicationPassword);
    }

    public boolean isAnonymous() {
        return login == null;
    }

    public String login() {
        return login;
    }

    /** The value of an {@code Authorization} header, or null for anonymous calls. */
    String authorizationHeader() {
        if (isAnonymous()) {
            return null;
        }
        byte[] pair = (login + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    /**
     * A key that identifies these credentials in caches without holding the password:
     * SHA-256 over login and password.
     */
    public String cacheKey() {
        if (isAnonymous()) {
            return "anonymous";
        }
        String made = cacheKey;
        if (made == null) {
            made = hash(login, password);
            cacheKey = made; // two threads may both make it: the same string either way
        }
        return made;
    }

    private static String hash(String login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && Objects.equals(login, c.login) && Objects.equals(password, c.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(login, password);
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : login;
    }
}
