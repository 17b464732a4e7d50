package org.pressdav.wordpress;

import java.io.Closeable;
import java.io.InputStream;
import okhttp3.Response;

/**
 * A media file's bytes as WordPress's web server sends them, streamed: close it to give the
 * connection back. {@code status} is 200, 206 (a range) or 304.
 */
public final class MediaContent implements Closeable {
    private final Response response;

    MediaContent(Response response) {
        this.response = response;
    }

    /** Bytes already in hand, answered as a web server would (for an in-memory WordPress). */
    public static MediaContent of(String url, int status, java.util.Map<String, String> headers, byte[] body) {
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
        return response.code();
    }

    /** The length of this body (the range's, for a 206), or -1 when the server did not say. */
    public long contentLength() {
        return response.body().contentLength();
    }

    public String header(String name) {
        return response.header(name);
    }

    public InputStream body() {
        return response.body().byteStream();
    }

    @Override
    public void close() {
        response.close();
    }
}
