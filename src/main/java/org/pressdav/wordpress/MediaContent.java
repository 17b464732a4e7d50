package org.pressdav.wordpress;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.Response;

/**
 * A media file's bytes as WordPress's web server sends them, streamed, or read from the uploads
 * folder on a shared disk ({@link LocalUploads}): close it to give the connection or file back.
 * {@code status} is 200, 206 (a range) or 304.
 */
public final class MediaContent implements Closeable {
    /** A relay's piece: a few writes a megabyte to the client, not one per network segment read. */
    private static final int RELAY_PIECE = 256 * 1024;
    /** A piece of a file on disk, mapped and handed to the client's connection without a copy in Java. */
    private static final long MAPPED_PIECE = 16L << 20;

    private final int status;
    private final long length;
    private final UnaryOperator<String> headers;
    private final InputStream body;
    private final Closeable resource;
    private final FileChannel file;

    MediaContent(Response response) {
        this(response.code(), response.body().contentLength(), response::header, response.body().byteStream(), response, null);
    }

    private MediaContent(int status, long length, UnaryOperator<String> headers, InputStream body, Closeable resource,
            FileChannel file) {
        this.status = status;
        this.length = length;
        this.headers = headers;
        this.body = body;
        this.resource = resource;
        this.file = file;
    }

    /** {@code length} bytes of {@code file} from {@code position}, answered as a web server would. */
    static MediaContent fromDisk(FileChannel file, long position, long length, int status, Map<String, String> headers) throws IOException {
        InputStream body = Channels.newInputStream(file.position(position));
        return new MediaContent(status, length, name -> headerOf(headers, name), body, file, file);
    }

    private static String headerOf(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Bytes already in hand, answered as a web server would (for an in-memory WordPress). */
    public static MediaContent of(String url, int status, Map<String, String> headers, byte[] body) {
        Response.Builder response = new Response.Builder()
                .request(new okhttp3.Request.Builder().url(url).build())
                .protocol(okhttp3.Protocol.HTTP_1_1)
                .code(status)
                .message(status == 206 ? "Partial Content" : "OK")
                .body(okhttp3.ResponseBody.create(body, null));
        headers.forEach(response::header);
        return new MediaContent(response.build());
    }

    public int status() {
        return status;
    }

    /** The length of this body (the range's, for a 206), or -1 when the server did not say. */
    public long contentLength() {
        return length;
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public InputStream body() {
        return body;
    }

    /**
     * Writes the next {@code count} bytes of the body to {@code out}. From disk into a connection that
     * takes buffers ({@link WritableByteChannel}), the file is mapped and handed over as it is.
     */
    public void copyTo(OutputStream out, long count) throws IOException {
        if (file != null && out instanceof WritableByteChannel connection) {
            sendMapped(connection, count);
            return;
        }
        byte[] buffer = new byte[RELAY_PIECE];
        long left = count;
        while (left > 0) {
            int n = body.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
            if (n <= 0) {
                throw new IOException("WordPress sent " + (count - left) + " of " + count + " bytes");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private void sendMapped(WritableByteChannel connection, long count) throws IOException {
        long start = file.position();
        long at = start;
        long left = count;
        try {
            while (left > 0) {
                ByteBuffer piece = file.map(FileChannel.MapMode.READ_ONLY, at, Math.min(MAPPED_PIECE, left));
                while (piece.hasRemaining()) {
                    at += connection.write(piece);
                }
                left = count - (at - start);
            }
        } catch (InternalError e) {
            // the file was cut short under the mapping (another program truncated it in place)
            throw new IOException("the media file changed on disk while it was read", e);
        }
        file.position(at);
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (IOException ignored) {
            // a file only read, or a response whose connection OkHttp drops
        }
    }
}
