package org.pressdav.dav;

import java.io.IOException;

/**
 * A request body that ended before its declared length, or whose client went silent past the idle
 * timeout: the client's failure, answered 400 by {@link DavErrors} (if the client is still there to
 * hear it), never a 500.
 */
public final class BodyCutShort extends IOException {
    public BodyCutShort(IOException cause) {
        super("The request body ended before its declared length, or stalled: " + cause.getMessage(), cause);
    }
}
