package org.pressdav.dav.node;

/**
 * A folder that makes a new object from a copy of another's folder ({@code COPY} of
 * {@code posts/12-hello/} to {@code posts/hello again/}: a new draft like it).
 */
public interface AcceptsCopies {

    /** Why a copy of this folder cannot be made here, or null when it can. */
    String copyRefusal(Node source);

    /** The new object, shown under the name given. */
    void copyIn(Node source, String name);
}
