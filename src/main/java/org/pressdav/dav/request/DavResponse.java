package org.pressdav.dav.request;

import io.milton.http.AbstractResponse;
import io.milton.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavErrors;

/** A servlet response as Milton sees it; no thread-locals, no cookies. */
public final class DavResponse extends AbstractResponse {
    private final HttpServletResponse servlet;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Status status;

    public DavResponse(HttpServletResponse servlet) {
        this.servlet = servlet;
    }

    public HttpServletResponse servletResponse() {
        return servlet;
    }

    @Override
    protected void setAnyDateHeader(Header name, Date date) {
        if (date != null) {
            servlet.setDateHeader(name.code, date.getTime());
        }
    }

    @Override
    public String getNonStandardHeader(String name) {
        return headers.get(name);
    }

    @Override
    public void setNonStandardHeader(String name, String value) {
        headers.put(name, value);
        servlet.setHeader(name, value);
    }

    @Override
    public Map<String, String> getHeaders() {
        return Map.copyOf(headers);
    }

    @Override
    public void setStatus(Status status) {
        this.status = status;
        servlet.setStatus(status.code);
    }

    @Override
    public Status getStatus() {
        return status;
    }

    @Override
    public OutputStream getOutputStream() {
        try {
            return servlet.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            servlet.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing is left to tell it
        }
    }

    @Override
    public void sendError(Status status, String message) {
        DavErrors.write(servlet, status.code, message == null ? "" : message.replaceAll("<[^>]*>", " ").strip());
    }

    @Override
    public void sendRedirect(String url) {
        servlet.setStatus(302);
        servlet.setHeader("Location", url);
    }

    @Override
    public void setAuthenticateHeader(List<String> challenges) {
        for (String challenge : challenges) {
            servlet.addHeader("WWW-Authenticate", challenge);
        }
    }

    @Override
    public Cookie setCookie(Cookie cookie) {
        return cookie;
    }

    @Override
    public Cookie setCookie(String name, String value) {
        return null;
    }
}
