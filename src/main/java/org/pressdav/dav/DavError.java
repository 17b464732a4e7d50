package org.pressdav.dav;

/**
 * What the drive answers when it will not do what was asked: one type per status, thrown from
 * anywhere (a handler, a node, a store) and turned into a response in one place,
 * {@link DavErrors}, which also maps WordPress's own errors. The message is what the user reads.
 * No status is written anywhere else: a new refusal is a new type here, its status documented beside it.
 */
public abstract class DavError extends RuntimeException {
    private final int status;
    private final String condition;

    protected DavError(int status, String message) {
        this(status, message, null);
    }

    private DavError(int status, String message, String condition) {
        super(message);
        this.status = status;
        this.condition = condition;
    }

    /**
     * An error of a type of its own, answered as one of these: the path's errors
     * ({@link DavPath.BadPathException}) are answered as a {@link BadRequest} or a {@link Forbidden}.
     */
    protected DavError(DavError answeredAs) {
        this(answeredAs.status, answeredAs.getMessage(), answeredAs.condition);
    }

    public int status() {
        return status;
    }

    /** The request itself is wrong (400), whichever type says so: worth a line in the log, unlike a refusal. */
    public boolean blamesTheRequest() {
        return status == 400;
    }

    /**
     * The precondition of RFC 4918 §16 this breaks, as the local name of its {@code DAV:} element
     * (the body is then {@code <D:error>} naming it, not text), or null for none.
     */
    public String condition() {
        return condition;
    }

    /** 400: the request itself is wrong (malformed XML, a bad header, text that is not UTF-8). */
    public static final class BadRequest extends DavError {
        public BadRequest(String message) {
            super(400, message);
        }
    }

    /** 401: no login, or one WordPress does not accept; the answer carries the Basic challenge. */
    public static final class Unauthorized extends DavError {
        public Unauthorized(String message) {
            super(401, message);
        }
    }

    /** 429: too many failed logins; the answer says when to try again. */
    public static final class TooManyRequests extends DavError {
        public TooManyRequests(String message) {
            super(429, message);
        }
    }

    /** 403: this user may not, or nobody may (a read-only file, a top folder). */
    public static final class Forbidden extends DavError {
        public Forbidden(String message) {
            super(403, message);
        }
    }

    /**
     * 403 with the precondition {@code DAV:propfind-finite-depth} (RFC 4918 §9.1): a PROPFIND of
     * a whole tree ({@code Depth: infinity}) is refused; a client asks again one level at a time.
     */
    public static final class InfiniteDepthRefused extends DavError {
        public InfiniteDepthRefused() {
            super(403, "PROPFIND with Depth: infinity is not supported; ask with Depth: 1", "propfind-finite-depth");
        }
    }

    /** 404. */
    public static final class NotFound extends DavError {
        public NotFound(String message) {
            super(404, message);
        }
    }

    /** 405: not on this resource (a PUT on a folder, a MKCOL where something is). */
    public static final class NotAllowed extends DavError {
        public NotAllowed(String message) {
            super(405, message);
        }
    }

    /** 409: the state of the drive is in the way (a missing parent folder, a name in use). */
    public static final class Conflict extends DavError {
        public Conflict(String message) {
            super(409, message);
        }
    }

    /** 412: a condition of the request (If-Match, If, Overwrite: F) does not hold. */
    public static final class PreconditionFailed extends DavError {
        public PreconditionFailed(String message) {
            super(412, message);
        }
    }

    /** 413: a body larger than what it is for may hold. */
    public static final class TooLarge extends DavError {
        public TooLarge(String message) {
            super(413, message);
        }
    }

    /** 415: a body where none belongs, or a type WordPress refuses. */
    public static final class UnsupportedType extends DavError {
        public UnsupportedType(String message) {
            super(415, message);
        }
    }

    /** 416: a range outside the file. */
    public static final class RangeNotSatisfiable extends DavError {
        public RangeNotSatisfiable(String message) {
            super(416, message);
        }
    }

    /**
     * 422 Unprocessable Content: a file whose content the field cannot hold (a meta key's value of the wrong type, JSON
     * that is not JSON), with WordPress's words where it said why; what the field held is kept.
     */
    public static final class Unprocessable extends DavError {
        public Unprocessable(String message) {
            super(422, message);
        }
    }

    /** 423: locked, and the request did not submit the lock's token. */
    public static final class Locked extends DavError {
        public Locked(String message) {
            super(423, message);
        }
    }

    /**
     * 424 Failed Dependency: a member of a folder COPY that was not tried because the copy stopped
     * at another (RFC 4918 §9.8.8); only ever a part of a 207, beside the member that stopped it.
     */
    public static final class FailedDependency extends DavError {
        public FailedDependency(String message) {
            super(424, message);
        }
    }

    /** 507: a user's share of what pressdav keeps is full, or all users' together (the disk's own "no space" is 507 too, in {@link DavErrors}). */
    public static final class InsufficientStorage extends DavError {
        public InsufficientStorage(String message) {
            super(507, message);
        }
    }

    /** 501: a method pressdav knows but does not do (the request line alone decides). */
    public static final class NotImplemented extends DavError {
        public NotImplemented(String message) {
            super(501, message);
        }
    }

    /**
     * 502: what was asked cannot be reached through this drive: a destination on another server,
     * or a media file WordPress's web server would not hand over.
     */
    public static final class BadGateway extends DavError {
        public BadGateway(String message) {
            super(502, message);
        }
    }

    /** 503: too busy now (too many large saves, a write waiting too long for its turn); try again. */
    public static final class Busy extends DavError {
        public Busy(String message) {
            super(503, message);
        }
    }
}
