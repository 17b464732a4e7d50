package org.pressdav.server;

import org.pressdav.ops.OperationsServlet;
import org.pressdav.ops.RequestLine;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
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
    private final ServerConnector secure;
    private final Tls tls;

    /** A body slower than this is cut off (400): a client cannot hold a thread by trickling bytes. */
    static final long MIN_BODY_BYTES_PER_SECOND = 512;

    /**
     * Jetty's default, plus {@code %25} in a path: a name may hold a literal {@code %} ({@code 100% sure.txt}),
     * and the drive decodes each segment once itself ({@code DavPath}), from the raw request URI. The other
     * ambiguous forms ({@code %2F}, {@code %2e%2e}, {@code ;} parameters, empty segments) stay refused (400).
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("pressdav", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

    /**
     * {@code port}: plain HTTP, or -1 for none; {@code tls} and {@code httpsPort}: HTTPS (HTTP/2 and
     * HTTP/1.1, by ALPN), or null for none.
     */
    public DavServer(String host, int port, boolean trustForwardedHeaders, Path tmpDir, java.time.Duration idleTimeout,
            HttpServlet servlet, Operations operations, Tls tls, int httpsPort, long maxUploadBytes) throws java.io.IOException {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("pressdav");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(idleTimeout.toMillis());
        http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
        http.setUriCompliance(URI_COMPLIANCE);
        if (trustForwardedHeaders) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        this.tls = tls;
        connector = port < 0 ? null : connector(host, port, idleTimeout, new HttpConnectionFactory(http));
        if (tls != null) {
            HttpConfiguration https = new HttpConfiguration(http);
            // The certificate's name is not checked against the Host a client asks for: a LAN drive is reached by address too.
            https.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
            HttpConnectionFactory http11 = new HttpConnectionFactory(https);
            org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory h2 = new org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory(https);
            org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory alpn = new org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            secure = connector(host, httpsPort, idleTimeout, new org.eclipse.jetty.server.SslConnectionFactory(tls.context(), alpn.getProtocol()),
                    alpn, h2, http11);
        } else {
            secure = null;
        }

        ServletContextHandler context = new ServletContextHandler("/");
        Path tmp = Files.createDirectories(tmpDir);
        context.setTempDirectory(tmp.toFile());
        ServletHolder dav = new ServletHolder("dav", servlet);
        // The upload form of a folder's page (a browser's POST): parts on disk past 1 MB, the upload limit for the whole.
        dav.getRegistration().setMultipartConfig(new jakarta.servlet.MultipartConfigElement(tmp.toString(), maxUploadBytes, maxUploadBytes, 1 << 20));
        context.addServlet(dav, "/*");
        // Health and metrics: exact paths, which win over the drive's /*.
        ServletHolder ops = new ServletHolder("operations", operations.servlet());
        context.getServletHandler().addServletWithMapping(ops, OperationsServlet.HEALTH);
        context.getServletHandler().addServletMapping(mapping("operations", OperationsServlet.READY));
        if (operations.metricsPath() != null) {
            context.getServletHandler().addServletMapping(mapping("operations", operations.metricsPath()));
        }
        GracefulHandler graceful = new GracefulHandler(new AnswerCompression(context));
        server.setHandler(graceful);
        server.setRequestLog(operations.requestLog());
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(true);
    }

    private ServerConnector connector(String host, int port, java.time.Duration idleTimeout, org.eclipse.jetty.server.ConnectionFactory... factories) {
        ServerConnector made = new ServerConnector(server, factories);
        made.setHost(host);
        made.setPort(port);
        made.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(made);
        return made;
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

    /** The threads that answer requests: Jetty's pool, for its meters. */
    public org.eclipse.jetty.util.thread.ThreadPool threads() {
        return server.getThreadPool();
    }

    public void start() throws Exception {
        server.start();
    }

    /** The plain HTTP port actually listened on (useful with port 0), or -1 for none. */
    public int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    /** The HTTPS port actually listened on, or -1 for none. */
    public int httpsPort() {
        return secure == null ? -1 : secure.getLocalPort();
    }

    public void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
