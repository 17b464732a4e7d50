package org.pressdav.wordpress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * An upload body read from a file as it is sent: never held in memory, and read again from the
 * start if OkHttp retries the request on a fresh connection (a pooled one the server had closed).
 */
final class FileBody extends RequestBody {
    private final MediaType type;
    private final Path file;
    private final long length;

    FileBody(MediaType type, Path file) {
        this.type = type;
        this.file = file;
        try {
            this.length = Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long written;
        try (Source source = Okio.source(file)) {
            written = sink.writeAll(source);
        }
        if (written != length) {
            throw new IOException(file.getFileName() + " changed while it was sent: " + written + " of " + length + " bytes");
        }
    }
}
