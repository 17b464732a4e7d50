package org.pressdav.dav.node;

/**
 * A folder of an object's earlier fields (a post's revision): a COPY of it onto the object's own
 * folder gives the object those fields again, in one save, as WordPress's own restore does.
 */
public interface RestoresFields {

    /** Why its fields cannot be restored onto {@code target}, or null when they can. */
    String restoreRefusal(Node target);

    /** Saves its fields as the object's; what WordPress refuses leaves the object as it was. */
    void restoreOnto(Node target);
}
