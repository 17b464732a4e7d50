package org.pressdav.server;

import org.pressdav.ops.OperationsServlet;
import org.pressdav.ops.RequestLine;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 with one servlet at the root: it answers OPTIONS on every path (Windows asks
 * the host root) and places everything else under the configured prefix itself. Jetty decodes
 * chunked bodies; stopping waits for requests in flight.
 */
public final class DavServer {
    private final Server server;
    private final ServerConnector connector;

    /** A body slower than this is cut off (400): a client cannot hold a thread by trickling bytes. */
    static final long MIN_BODY_BYTES_PER_SECOND = 512;

    public DavServer(String host, int port, boolean trustForwardedHeaders, Path dataDir, java.time.Duration idleTimeout,
            HttpServlet servlet, Operations operations) throws java.io.IOException {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("pressdav");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(idleTimeout.toMillis());
        http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
        if (trustForwardedHeaders) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
        context.setTempDirectory(tmp.toFile());
        context.addServlet(new ServletHolder("dav", servlet), "/*");
        // Health and metrics: exact paths, which win over the drive's /*.
        ServletHolder ops = new ServletHolder("operations", operations.servlet());
        context.getServletHandler().addServletWithMapping(ops, OperationsServlet.HEALTH);
        context.getServletHandler().addServletMapping(mapping("operations", OperationsServlet.READY));
        if (operations.metricsPath() != null) {
            context.getServletHandler().addServletMapping(mapping("operations", operations.metricsPath()));
        }
        GracefulHandler graceful = new GracefulHandler(context);
        server.setHandler(graceful);
        server.setRequestLog(operations.requestLog());
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(true);
    }

    /** The operations side: health and metrics, where the metrics are served (null: nowhere), and the request log. */
    public record Operations(OperationsServlet servlet, String metricsPath, RequestLine requestLog) {
    }

    private static org.eclipse.jetty.ee10.servlet.ServletMapping mapping(String servlet, String path) {
        org.eclipse.jetty.ee10.servlet.ServletMapping mapping = new org.eclipse.jetty.ee10.servlet.ServletMapping();
        mapping.setServletName(servlet);
        mapping.setPathSpecs(new String[] {path});
        return mapping;
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
