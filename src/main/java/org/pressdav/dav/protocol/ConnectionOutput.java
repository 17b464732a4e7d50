package org.pressdav.dav.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import jakarta.servlet.ServletOutputStream;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * The response body as a stream that also takes buffers: a media file mapped from disk goes to
 * Jetty's connection as it is, without being copied through a Java array first.
 */
final class ConnectionOutput extends OutputStream implements WritableByteChannel {
    private final ServletOutputStream out;

    ConnectionOutput(ServletOutputStream out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (out instanceof HttpOutput jetty) {
            jetty.write(buffer); // blocks until written
            buffer.position(buffer.limit()); // all of it is written, whether or not Jetty moved the position
        } else {
            byte[] copy = new byte[n];
            buffer.get(copy);
            out.write(copy);
        }
        return n;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
