package org.pressdav.dav;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;

/**
 * Milton's last filter: checks the request against the locks ({@link LockGuard}), hands it to
 * the method's handler, and sends any failure through {@link DavErrors}, so that what WordPress
 * refused reaches the client with its own status and message (Milton's own filter would turn it
 * into a bare 500).
 */
public final class DispatchFilter implements Filter {
    private final LockGuard guard;
    private final LockStore locks;

    public DispatchFilter(LockGuard guard, LockStore locks) {
        this.guard = guard;
        this.locks = locks;
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        HttpManager manager = chain.getHttpManager();
        DavRequest davRequest = (DavRequest) request;
        DavResponse davResponse = (DavResponse) response;
        boolean anonymous = davRequest.session().isAnonymous();
        try {
            Handler handler = manager.getMethodHandler(request.getMethod());
            if (handler == null) {
                DavErrors.write(davResponse.servletResponse(), 501, request.getMethod().code + " is not supported");
                return;
            }
            guard.check(davRequest);
            handler.process(manager, request, response);
            forgetLocksOfWhatIsGone(davRequest, davResponse.servletResponse().getStatus());
            if (response.getEntity() != null) {
                manager.sendResponseEntity(response);
            }
            response.close();
        } catch (java.io.UncheckedIOException e) {
            DavErrors.send(davResponse.servletResponse(), e.getCause(), anonymous);
        } catch (Exception e) {
            DavErrors.send(davResponse.servletResponse(), e, anonymous);
        }
    }

    /** A deleted or moved resource takes its locks with it (RFC 4918 §9.6, §9.9). */
    private void forgetLocksOfWhatIsGone(DavRequest request, int status) {
        boolean gone = request.getMethod() == Request.Method.DELETE || request.getMethod() == Request.Method.MOVE;
        if (gone && status >= 200 && status < 300) {
            locks.forget(request.path());
        }
    }
}
