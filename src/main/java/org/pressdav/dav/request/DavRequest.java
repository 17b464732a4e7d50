package org.pressdav.dav.request;

import io.milton.http.AbstractRequest;
import io.milton.http.Auth;
import io.milton.http.Cookie;
import io.milton.http.FileItem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.Target;

/**
 * A servlet request as Milton sees it. Unlike Milton's own adapter it keeps no thread-locals and
 * never parses a body as a form, whatever its Content-Type: a PUT's bytes stay the PUT's bytes.
 * It carries the {@link DavSession} the front servlet authenticated, the drive path it decoded, and
 * what that path (and a MOVE's or COPY's Destination) reaches, resolved once for every step of the
 * request ({@link #target}).
 */
public final class DavRequest extends AbstractRequest {
    private final HttpServletRequest servlet;
    private final Method method;
    private final DavSession session;
    private final DavPath prefix;
    private final DavPath path;
    private final InputStream body;
    private Auth auth;
    private Target target;
    private Target destination;

    public DavRequest(HttpServletRequest servlet, Method method, DavSession session, DavPath prefix, DavPath path, InputStream body) {
        this.servlet = servlet;
        this.method = method;
        this.session = session;
        this.prefix = prefix;
        this.path = path;
        this.body = body;
    }

    public DavSession session() {
        return session;
    }

    /** Where the drive starts in the URL ({@code /} or a configured prefix such as {@code /dav}). */
    public DavPath prefix() {
        return prefix;
    }

    /** The path inside the drive, prefix removed. */
    public DavPath path() {
        return path;
    }

    /** What the path reaches, as resolved when the request began (or after it waited its turn to write). */
    public Target target() {
        if (target == null) {
            throw new IllegalStateException("the request's path has not been resolved");
        }
        return target;
    }

    /** What a MOVE's or COPY's Destination reaches ({@link Destination}). */
    public Target destination() {
        if (destination == null) {
            throw new IllegalStateException("the request has no resolved Destination");
        }
        return destination;
    }

    /** Sets what the path and Destination (null where there is none) reach. */
    public void resolved(Target target, Target destination) {
        this.target = target;
        this.destination = destination;
    }

    public HttpServletRequest servletRequest() {
        return servlet;
    }

    @Override
    public String getRequestHeader(Header header) {
        return servlet.getHeader(header.code);
    }

    @Override
    public Map<String, String> getHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(servlet.getHeaderNames())) {
            headers.put(name, servlet.getHeader(name));
        }
        return headers;
    }

    @Override
    public Method getMethod() {
        return method;
    }

    @Override
    public Auth getAuthorization() {
        return auth;
    }

    @Override
    public void setAuthorization(Auth auth) {
        this.auth = auth;
    }

    @Override
    public String getAbsoluteUrl() {
        StringBuffer url = servlet.getRequestURL();
        return url.toString();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return body;
    }

    @Override
    public void parseRequestParameters(Map<String, String> params, Map<String, FileItem> files) {
        // Deliberately nothing: a WebDAV body is content, never form fields.
    }

    @Override
    public String getFromAddress() {
        return servlet.getRemoteAddr();
    }

    @Override
    public String getRemoteAddr() {
        return servlet.getRemoteAddr();
    }

    @Override
    public Cookie getCookie(String name) {
        return null;
    }

    @Override
    public List<Cookie> getCookies() {
        return List.of();
    }
}
