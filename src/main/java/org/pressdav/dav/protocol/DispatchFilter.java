package org.pressdav.dav.protocol;

import io.milton.http.Filter;
import io.milton.http.FilterChain;
import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.protocol.LockGuard;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.lock.SerialWrites;
import org.pressdav.dav.node.DriveResourceFactory;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.TemporaryNames;

/**
 * Milton's last filter: checks the request against the locks ({@link LockGuard}), hands it to
 * the method's handler, and sends any failure through {@link DavErrors}, so that what WordPress
 * refused reaches the client with its own status and message (Milton's own filter would turn it
 * into a bare 500).
 */
public final class DispatchFilter implements Filter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DispatchFilter.class);
    private static final Set<Request.Method> WRITES = Set.of(Request.Method.PUT, Request.Method.DELETE, Request.Method.MKCOL,
            Request.Method.PROPPATCH, Request.Method.MOVE, Request.Method.COPY, Request.Method.LOCK, Request.Method.UNLOCK, Request.Method.POST);

    /** Reads take no turn: they never wait for writes. */
    private static final SerialWrites.Turn NO_TURN = () -> { };

    private final LockGuard guard;
    private final LockSystem locks;
    private final DriveResourceFactory drive;
    private final SerialWrites serial;
    private final UnfinishedMoves unfinished;

    public DispatchFilter(LockGuard guard, DriveResourceFactory drive) {
        this.guard = guard;
        this.locks = drive.stores().locks();
        this.drive = drive;
        this.serial = drive.stores().serial();
        this.unfinished = new UnfinishedMoves(drive);
    }

    @Override
    public void process(FilterChain chain, Request request, Response response) {
        HttpManager manager = chain.getHttpManager();
        DavRequest davRequest = (DavRequest) request;
        DavResponse davResponse = (DavResponse) response;
        boolean anonymous = davRequest.session().isAnonymous();
        try {
            unfinished.finish(davRequest.session());
            Handler handler = manager.getMethodHandler(request.getMethod());
            if (handler == null) {
                DavErrors.write(davResponse.servletResponse(), 501, request.getMethod().code + " is not supported");
                return;
            }
            try (SerialWrites.Turn turn = WRITES.contains(request.getMethod()) ? serial.await(objectsWritten(davRequest)) : NO_TURN) {
                guard.check(davRequest);
                ResourceKey gone = takesAway(request.getMethod()) ? drive.key(davRequest.session(), davRequest.path()) : null;
                handler.process(manager, request, response);
                int status = davResponse.servletResponse().getStatus();
                if (gone != null && status >= 200 && status < 300) {
                    // A deleted or moved resource takes its locks with it (RFC 4918 §9.6, §9.9).
                    locks.forget(gone);
                }
            }
            if (response.getEntity() != null) {
                manager.sendResponseEntity(response);
            }
            response.close();
        } catch (java.io.UncheckedIOException | DavHandler.HandlerFailure e) {
            DavErrors.send(davResponse.servletResponse(), e.getCause(), anonymous);
        } catch (DavError e) {
            if (e.status() == 400) {
                log.info("{} {} refused: {}", request.getMethod().code, davRequest.path(), e.getMessage());
            }
            DavErrors.send(davResponse.servletResponse(), e, anonymous);
        } catch (Exception e) {
            DavErrors.send(davResponse.servletResponse(), e, anonymous);
        }
    }

    /**
     * The objects a write may change, which it waits its turn on: the WordPress object of the
     * request's resource (and of a MOVE's destination), or, for a name that is not one yet (a new
     * folder, a new file), the name itself, whoever writes it, so that ten MKCOLs of one name make
     * one folder and two users uploading one name make one file (the second write finds the first's
     * object). A temporary name is each user's own, and so is its turn.
     */
    private List<String> objectsWritten(DavRequest request) {
        List<String> keys = new ArrayList<>();
        keys.add(objectOf(request.session(), request.path()));
        if (request.getMethod() == Request.Method.MOVE || request.getMethod() == Request.Method.COPY) {
            keys.add(objectOf(request.session(), MoveHandler.destination(request)));
        }
        return keys;
    }

    private String objectOf(DavSession session, DavPath path) {
        Node node = drive.find(session, path);
        if (node != null && node.objectKey() != null) {
            return node.objectKey();
        }
        boolean own = path.segments().stream().anyMatch(TemporaryNames::matches);
        return "path:" + (own ? session.userKey() + ":" : "") + path;
    }

    private static boolean takesAway(Request.Method method) {
        return method == Request.Method.DELETE || method == Request.Method.MOVE;
    }
}
