package org.pressdav.wordpress;

/** REST's {@code context}: {@code edit} adds raw values and private fields, and needs the right to edit. */
public enum Context {
    VIEW, EDIT;

    String param() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
