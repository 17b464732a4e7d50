package org.pressdav.dav.protocol;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.DavResponse;

/**
 * A method pressdav handles itself, registered with Milton through {@link PressdavProtocol}.
 * It sees our own request (the caller's session, and what its path reaches, resolved once:
 * {@link DavRequest#target}) and the servlet response; what it throws reaches
 * {@link DispatchFilter}, and so {@link DavErrors}. Each handler is given the stores it uses.
 */
public abstract class DavHandler implements Handler {
    private final String[] methods;

    protected DavHandler(Request.Method... methods) {
        this.methods = Arrays.stream(methods).map(m -> m.code).toArray(String[]::new);
    }

    /** Answers the request; a refusal is thrown ({@link DavError}, or Milton's exceptions) and answered by {@link DavErrors}. */
    protected abstract void handle(DavRequest request, HttpServletResponse response) throws Exception;

    /** A checked exception of a handler (Milton's NotAuthorizedException, ConflictException, …), carried to {@link DavErrors}. */
    static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }

    /** The request's resource, which must be there (else 404). */
    static Node existing(DavRequest request) {
        Node node = request.target().node();
        if (node == null) {
            throw new DavError.NotFound("Not found: " + request.path());
        }
        return node;
    }

    @Override
    public final String[] getMethods() {
        return methods.clone();
    }

    @Override
    public final boolean isCompatible(Resource resource) {
        return resource instanceof Node;
    }

    @Override
    public final void process(HttpManager manager, Request request, Response response) {
        try {
            handle((DavRequest) request, ((DavResponse) response).servletResponse());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }
}
