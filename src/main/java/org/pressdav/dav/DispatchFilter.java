package org.pressdav.dav;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;

/**
 * Milton's last filter: hands the request to the method's handler, and sends any failure through
 * {@link DavErrors}, so that what WordPress refused reaches the client with its own status and
 * message (Milton's own filter would turn it into a bare 500).
 */
public final class DispatchFilter implements Filter {
    @Override
    public void process(FilterChain chain, Request request, Response response) {
        HttpManager manager = chain.getHttpManager();
        DavResponse davResponse = (DavResponse) response;
        boolean anonymous = ((DavRequest) request).session().isAnonymous();
        try {
            Handler handler = manager.getMethodHandler(request.getMethod());
            if (handler == null) {
                DavErrors.write(davResponse.servletResponse(), 501, request.getMethod().code + " is not supported");
                return;
            }
            handler.process(manager, request, response);
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
}
