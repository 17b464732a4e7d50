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
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.lock.SerialWrites;
import org.pressdav.dav.node.DriveTree;
import org.pressdav.dav.node.Target;
import org.pressdav.dav.request.DavRequest;
import org.pressdav.dav.request.DavResponse;
import org.pressdav.dav.request.Destination;

/**
 * Milton's last filter: resolves the request's path (and a MOVE's or COPY's Destination) once,
 * into what every later step uses; lets a write wait its turn on what it writes; checks the
 * request against the locks ({@link LockGuard}); hands it to the method's handler; and sends any
 * failure through {@link DavErrors}, so that what WordPress refused reaches the client with its
 * own status and message (Milton's own filter would turn it into a bare 500).
 */
public final class DispatchFilter implements Filter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DispatchFilter.class);
    private static final Set<Request.Method> WRITES = Set.of(Request.Method.PUT, Request.Method.DELETE, Request.Method.MKCOL,
            Request.Method.PROPPATCH, Request.Method.MOVE, Request.Method.COPY, Request.Method.LOCK, Request.Method.UNLOCK, Request.Method.POST);

    /** How often a write looks again at what it writes, when others keep changing it, before it gives up (503). */
    private static final int MOST_LOOKS = 5;

    private final LockGuard guard;
    private final DriveTree tree;
    private final LockSystem locks;
    private final SerialWrites serial;
    private final UnfinishedMoves unfinished;

    DispatchFilter(LockGuard guard, DriveTree tree, LockSystem locks, SerialWrites serial, UnfinishedMoves unfinished) {
        this.guard = guard;
        this.tree = tree;
        this.locks = locks;
        this.serial = serial;
        this.unfinished = unfinished;
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
                throw new DavError.NotImplemented(request.getMethod().code + " is not supported");
            }
            if (WRITES.contains(request.getMethod())) {
                write(davRequest, davResponse, () -> handler.process(manager, request, response));
            } else {
                // A read may show what the stores' copies here say; a write resolves from their latest.
                davRequest.resolved(tree.resolveForRead(davRequest.session(), davRequest.path()), null);
                guard.check(davRequest);
                handler.process(manager, request, response);
            }
            if (response.getEntity() != null) {
                manager.sendResponseEntity(response);
            }
            response.close();
        } catch (java.io.UncheckedIOException | DavHandler.HandlerFailure e) {
            DavErrors.send(davResponse.servletResponse(), e.getCause(), anonymous);
        } catch (DavError e) {
            if (e.blamesTheRequest()) {
                log.info("{} {} refused: {}", request.getMethod().code, davRequest.path(), e.getMessage());
            }
            DavErrors.send(davResponse.servletResponse(), e, anonymous);
        } catch (Exception e) {
            DavErrors.send(davResponse.servletResponse(), e, anonymous);
        }
    }

    /** The handler's run, which may throw what Milton's handlers throw. */
    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    /**
     * A write runs in the turn of the objects it may change ({@link Target#turn}): the request's
     * resource and a MOVE's or COPY's destination. What it found before waiting is looked at again
     * if a turn on those objects ended meanwhile, so that ten MKCOLs of one name make one folder and
     * two users uploading one name make one file (the second finds the first's object); and if what
     * it finds then is another object, it waits for that object's turn instead.
     */
    private void write(DavRequest request, DavResponse response, Run handler) throws Exception {
        try (SerialWrites.Turn turn = turnFor(request)) {
            guard.check(request);
            ResourceKey gone = takesAway(request.getMethod()) ? request.target().key() : null;
            handler.run();
            int status = response.servletResponse().getStatus();
            if (gone != null && status >= 200 && status < 300) {
                // A deleted or moved resource takes its locks with it (RFC 4918 §9.6, §9.9).
                locks.forget(gone);
            }
        }
    }

    /** The turn of what the request writes, with what it writes resolved while the turn is held (or known unchanged since). */
    private SerialWrites.Turn turnFor(DavRequest request) {
        SerialWrites.Mark mark = serial.mark();
        resolve(request);
        for (int look = 0; look < MOST_LOOKS; look++) {
            List<String> turns = turnsOf(request);
            SerialWrites.Turn turn = serial.await(turns);
            if (!serial.endedSince(mark, turns)) {
                return turn;
            }
            mark = serial.mark();
            resolve(request);
            if (turnsOf(request).equals(turns)) {
                return turn;
            }
            turn.close();
        }
        throw new DavError.Busy("What " + request.path() + " is kept changing while this waited to write it; try again");
    }

    private void resolve(DavRequest request) {
        Target target = tree.resolve(request.session(), request.path());
        Target destination = null;
        if (request.getMethod() == Request.Method.MOVE || request.getMethod() == Request.Method.COPY) {
            destination = tree.resolve(request.session(), Destination.of(request.servletRequest(), request.getMethod().code, request.prefix()));
        }
        request.resolved(target, destination);
    }

    private static List<String> turnsOf(DavRequest request) {
        List<String> turns = new ArrayList<>();
        turns.add(request.target().turn());
        if (request.getMethod() == Request.Method.MOVE || request.getMethod() == Request.Method.COPY) {
            turns.add(request.destination().turn());
        }
        return turns;
    }

    private static boolean takesAway(Request.Method method) {
        return method == Request.Method.DELETE || method == Request.Method.MOVE;
    }
}
