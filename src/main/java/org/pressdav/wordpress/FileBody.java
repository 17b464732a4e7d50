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
    private final long offset;
    private final long length;

    FileBody(MediaType type, Path file) {
        this(type, file, 0, sizeOf(file));
    }

    /** {@code length} bytes of the file from {@code offset}: one chunk of a chunked upload. */
    FileBody(MediaType type, Path file, long offset, long length) {
        this.type = type;
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
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
        long written = 0;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            channel.position(offset);
            Source source = Okio.source(java.nio.channels.Channels.newInputStream(channel));
            okio.Buffer buffer = new okio.Buffer();
            while (written < length) {
                long read = source.read(buffer, Math.min(64 * 1024, length - written));
                if (read < 0) {
                    break;
                }
                sink.write(buffer, read);
                written += read;
            }
        }
        if (written != length) {
            throw new IOException(file.getFileName() + " changed while it was sent: " + written + " of " + length + " bytes");
        }
    }
}
