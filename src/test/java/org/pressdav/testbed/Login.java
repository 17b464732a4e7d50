package org.pressdav.testbed;

import org.pressdav.wordpress.Credentials;

/** A login and its application password as a client sends them (Basic), on whichever WordPress knows it. */
public record Login(String name, String password) {
    public Credentials credentials() {
        return Credentials.of(name, password);
    }

    /** The same login with a password that is not its own. */
    public Login withWrongPassword() {
        return new Login(name, password + "-wrong");
    }

    @Override
    public String toString() {
        return name; // never the password, in a failing test's message
    }
}
