package org.pressdav.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What operators and orchestrators ask, outside the drive and without a WordPress login:
 * {@code /health} (liveness: pressdav answers), {@code /health/ready} (readiness: WordPress answers
 * too, else 503 with the reason) and the Prometheus metrics at their configured path, behind a
 * bearer token when one is set.
 */
public final class OperationsServlet extends HttpServlet {
    public static final String HEALTH = "/health";
    public static final String READY = "/health/ready";

    private final transient Metrics metrics;
    private final String metricsPath;
    private final byte[] token;
    private final transient Supplier<Health> wordpressProblem;

    /**
     * {@code wordpressProblem}: whether WordPress answers now, and with several sites each one's state (a
     * {@link Readiness}, which asks them seldom).
     */
    public OperationsServlet(Metrics metrics, String metricsPath, String token, Supplier<Health> wordpressProblem) {
        this.metrics = metrics;
        this.metricsPath = metricsPath;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.wordpressProblem = wordpressProblem;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            answer(resp, 405, "text/plain", "GET only\n");
            return;
        }
        String path = req.getRequestURI();
        if (path.equals(HEALTH)) {
            answer(resp, 200, "application/json", "{\"status\":\"up\"}\n");
        } else if (path.equals(READY)) {
            Health health = wordpressProblem.get();
            answer(resp, health.problem() == null ? 200 : 503, "application/json", ready(health));
        } else if (path.equals(metricsPath)) {
            if (token != null && !bearer(req)) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"pressdav metrics\"");
                answer(resp, 401, "text/plain", "the metrics need the token set with --metrics-token\n");
                return;
            }
            answer(resp, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus());
        } else {
            answer(resp, 404, "text/plain", "Not found\n");
        }
    }

    /** {@code {"status":"ready"}}, or not ready with the reason; with several sites each one's state under {@code sites}. */
    private static String ready(Health health) {
        StringBuilder json = new StringBuilder(state(health.problem()));
        if (!health.sites().isEmpty()) {
            json.setLength(json.length() - 1);
            json.append(",\"sites\":{");
            String comma = "";
            for (Map.Entry<String, String> site : health.sites().entrySet()) {
                json.append(comma).append(quoted(site.getKey())).append(':').append(state(site.getValue()));
                comma = ",";
            }
            json.append("}}");
        }
        return json.append('\n').toString();
    }

    private static String state(String problem) {
        return problem == null ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\",\"reason\":" + quoted(problem) + "}";
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private boolean bearer(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpServletResponse resp, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
