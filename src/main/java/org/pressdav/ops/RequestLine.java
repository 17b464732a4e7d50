package org.pressdav.ops;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, on the logger {@code org.pressdav.requests}: method, path, status, bytes
 * sent, milliseconds, the WordPress user id (- when none) and how many calls the request made to
 * WordPress. It also counts and times the request in the metrics.
 */
public final class RequestLine implements RequestLog {
    /** The request attribute DavServlet keeps the request's {@link RequestStats} in. */
    public static final String STATS = "org.pressdav.stats";
    private static final Logger log = LoggerFactory.getLogger("org.pressdav.requests");

    private final Metrics metrics;

    public RequestLine(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void log(Request request, Response response) {
        int status = response.getStatus();
        long nanos = System.nanoTime() - request.getHeadersNanoTime();
        metrics.request(request.getMethod(), status, nanos);
        if (log.isInfoEnabled()) {
            RequestStats stats = request.getAttribute(STATS) instanceof RequestStats s ? s : null;
            long millis = nanos / 1_000_000;
            log.info("{} {} {} {}B {}ms user={} wordpress={}", request.getMethod(), request.getHttpURI().getPath(), status,
                    Response.getContentBytesWritten(response), millis, stats == null ? "-" : stats.user(), stats == null ? 0 : stats.wordpressCalls());
        }
    }
}
