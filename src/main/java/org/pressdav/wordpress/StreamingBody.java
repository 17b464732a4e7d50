package org.pressdav.wordpress;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * An upload body of known length, copied from its stream to the socket as it is sent: the file
 * is never held in memory. One-shot: OkHttp must not replay it on a retry.
 */
final class StreamingBody extends RequestBody {
    private final MediaType type;
    private final long length;
    private final InputStream in;

    StreamingBody(MediaType type, long length, InputStream in) {
        this.type = type;
        this.length = length;
        this.in = in;
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
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        Source source = Okio.source(in);
        long written = 0;
        long read;
        while (written < length && (read = source.read(sink.getBuffer(), Math.min(8192, length - written))) != -1) {
            written += read;
            sink.emitCompleteSegments();
        }
        if (written != length) {
            throw new IOException("the upload stream ended after " + written + " of " + length + " bytes");
        }
    }
}
