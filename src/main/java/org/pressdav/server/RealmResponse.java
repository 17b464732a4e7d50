package org.pressdav.server;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.pressdav.dav.DavErrors;

/**
 * A response whose login challenge names the site it is for ({@code pressdav: news}): Finder, Windows and davfs2 keep
 * one password a realm, so a user with a login on each of two sites keeps both.
 */
final class RealmResponse extends HttpServletResponseWrapper {
    private final String challenge;

    RealmResponse(HttpServletResponse response, String realm) {
        super(response);
        this.challenge = DavErrors.challenge(realm);
    }

    @Override
    public void setHeader(String name, String value) {
        super.setHeader(name, named(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
        super.addHeader(name, named(name, value));
    }

    private String named(String name, String value) {
        return "WWW-Authenticate".equalsIgnoreCase(name) && DavErrors.CHALLENGE.equals(value) ? challenge : value;
    }
}
