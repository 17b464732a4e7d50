package org.pressdav.dav.request;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;

/**
 * The {@code Destination} and {@code Overwrite} headers of a MOVE or COPY (RFC 4918 §10.3, §10.6).
 * A Destination on another server (another scheme, host or port than the request's own, as Jetty
 * sees it: behind a proxy with {@code --trust-forwarded-headers}, the proxy's) is 502 (§9.9.4,
 * §9.8.5): pressdav does not move or copy to other servers, and doing it here instead would
 * surprise the client. A Destination of a path alone is this server's.
 */
public final class Destination {
    private Destination() {
    }

    /** The Destination header's path inside the drive. */
    public static DavPath of(HttpServletRequest request, String method, DavPath prefix) {
        String header = request.getHeader("Destination");
        if (header == null || header.isBlank()) {
            throw new DavError.BadRequest(method + " needs a Destination header");
        }
        URI uri;
        try {
            uri = new URI(header.strip());
        } catch (URISyntaxException e) {
            throw new DavError.BadRequest("The Destination header is not a URL: " + header);
        }
        if (uri.getRawAuthority() != null && !sameServer(uri, request)) {
            throw new DavError.BadGateway("The Destination " + header.strip() + " is on another server than this drive ("
                    + origin(request) + "): nothing was " + ("COPY".equals(method) ? "copied" : "moved"));
        }
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            raw = "/";
        }
        DavPath full = DavPath.parseEncoded(raw);
        if (!full.startsWith(prefix)) {
            throw new DavError.BadGateway("The Destination is outside this drive");
        }
        return full.relativeTo(prefix);
    }

    /** {@code Overwrite}: T unless the client says F (RFC 4918 §10.6; Finder never sends it). */
    public static boolean overwrite(HttpServletRequest request) {
        return !"F".equalsIgnoreCase(String.valueOf(request.getHeader("Overwrite")).strip());
    }

    private static boolean sameServer(URI destination, HttpServletRequest request) {
        String scheme = destination.getScheme() == null ? request.getScheme() : destination.getScheme();
        String host = destination.getHost();
        int port = destination.getPort();
        if (host == null) {
            // java.net.URI takes a host it finds no server name in (dav_1, a Compose service) as a bare authority: split it here.
            String authority = destination.getRawAuthority().substring(destination.getRawAuthority().lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon > 0 && !authority.endsWith("]") && authority.substring(colon + 1).matches("[0-9]{1,5}");
            host = hasPort ? authority.substring(0, colon) : authority;
            port = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : -1;
        }
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        return scheme.equalsIgnoreCase(request.getScheme()) && port == request.getServerPort()
                && bare(host).equalsIgnoreCase(bare(request.getServerName()));
    }

    /** A host without the brackets of an IPv6 address. */
    private static String bare(String host) {
        return host == null ? "" : host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String origin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }
}
