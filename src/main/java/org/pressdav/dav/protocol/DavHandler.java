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
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Node;

/**
 * A method pressdav handles itself, registered with Milton through {@link PressdavProtocol}.
 * It sees our own request (the caller's session, the drive path) and the servlet response;
 * what it throws reaches {@link DispatchFilter}, and so {@link DavErrors}.
 */
public abstract class DavHandler implements Handler {
    protected final DriveResourceFactory drive;
    private final String[] methods;

    protected DavHandler(DriveResourceFactory drive, Request.Method... methods) {
        this.drive = drive;
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

    /** Now, by the drive's clock: what locks and stores are given. */
    protected java.time.Instant now() {
        return drive.stores().clock().instant();
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
