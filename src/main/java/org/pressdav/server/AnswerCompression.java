package org.pressdav.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;

/**
 * gzip for the answers that are the drive's own text, to a client that asks for it
 * ({@code Accept-Encoding: gzip}, with {@code Vary: Accept-Encoding}): the 207 of PROPFIND and
 * PROPPATCH (a listing of 10,000 posts shrinks about twentyfold) and a folder's HTML page. A file's
 * GET is never compressed: its bytes, Content-Length, ETag and byte ranges stay exactly the
 * file's (a folder's page is always asked at a path ending in {@code /}, a file never is). Streamed
 * as written: a 50,000-entry listing is never held whole. Request bodies are left as sent.
 */
final class AnswerCompression extends GzipHandler {
    /** Below this an answer is sent as it is: gzip's header and a round of deflate cost more than they save. */
    static final int MIN_BYTES = 512;

    AnswerCompression(Handler handler) {
        super(handler);
        setIncludedMethods("GET", "PROPFIND", "PROPPATCH");
        setIncludedMimeTypes("application/xml", "text/html");
        setMinGzipSize(MIN_BYTES);
        setInflateBufferSize(-1);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if ("GET".equals(request.getMethod()) && !request.getHttpURI().getPath().endsWith("/")) {
            return getHandler().handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }
}
