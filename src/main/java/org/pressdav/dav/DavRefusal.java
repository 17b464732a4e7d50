package org.pressdav.dav;

/** Something the drive itself refuses (not WordPress): its status and a message for the user. */
public final class DavRefusal extends RuntimeException {
    private final int status;

    public DavRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
