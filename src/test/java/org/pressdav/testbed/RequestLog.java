package org.pressdav.testbed;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** pressdav's request log ({@code org.pressdav.requests}) as a test reads it: the lines one request wrote. */
public final class RequestLog {
    private RequestLog() {
    }

    /**
     * Sends {@code request} and returns the log lines that start with {@code start} (the method and
     * path, for example {@code "GET /media/2025/01/a.png 200 "}), waiting up to five seconds for one:
     * Jetty writes the line once the answer is complete, which the client may see first.
     */
    public static List<String> linesOf(Runnable request, String start) {
        Logger requests = (Logger) LoggerFactory.getLogger("org.pressdav.requests");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        requests.addAppender(lines);
        try {
            request.run();
            long until = System.nanoTime() + 5_000_000_000L;
            List<String> found;
            do {
                found = List.copyOf(lines.list).stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.startsWith(start)).toList();
            } while (found.isEmpty() && System.nanoTime() < until && pause());
            return found;
        } finally {
            requests.detachAppender(lines);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
