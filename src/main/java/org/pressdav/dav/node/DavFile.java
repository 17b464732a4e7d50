package org.pressdav.dav.node;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** What GET and HEAD need of a file: its size, strong ETag, date, type, and any slice of its bytes. */
public interface DavFile {
    long length();

    /** A strong ETag, quoted, that changes exactly when the bytes change. */
    String etag();

    Instant modified();

    String contentType();

    /** Writes {@code length} bytes starting at {@code offset}. */
    void write(OutputStream out, long offset, long length) throws IOException;
}
