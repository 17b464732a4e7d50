package org.pressdav.dav.request;

import java.net.URLConnection;

/** The media type of a body sent to be a file. */
public final class BodyType {
    private BodyType() {
    }

    /**
     * What the client said, unless it said nothing useful (a form type, octet stream, or not a type
     * at all: Sardine sends its charset there); else guessed from the name.
     */
    public static String of(String declared, String name) {
        String type = declared == null ? "" : declared.strip();
        if (type.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?") && !type.startsWith("application/x-www-form-urlencoded")
                && !type.startsWith("multipart/") && !type.startsWith("application/octet-stream")) {
            return type;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
