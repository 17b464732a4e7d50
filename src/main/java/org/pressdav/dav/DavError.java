package org.pressdav.dav;

/**
 * What the drive answers when it will not do what was asked: one type per status, thrown from
 * anywhere (a handler, a node, a store) and turned into a response in one place,
 * {@link DavErrors}, which also maps WordPress's own errors. The message is what the user reads.
 */
public abstract class DavError extends RuntimeException {
    private final int status;

    protected DavError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The DAV precondition this refusal names in its body ({@code DAV:error}, RFC 4918 §16), or null for a plain message. */
    public String precondition() {
        return null;
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

    /** 501: a method pressdav does not handle. */
    public static final class NotImplemented extends DavError {
        public NotImplemented(String message) {
            super(501, message);
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

    /** 403 for a PROPFIND of a folder with {@code Depth: infinity}, which the drive does not answer (RFC 4918 §9.1). */
    public static final class FiniteDepthOnly extends DavError {
        public FiniteDepthOnly(String message) {
            super(403, message);
        }

        @Override
        public String precondition() {
            return "propfind-finite-depth";
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

    /** 423: locked, and the request did not submit the lock's token. */
    public static final class Locked extends DavError {
        public Locked(String message) {
            super(423, message);
        }
    }

    /** 507: a user's share of what pressdav keeps is full, or all users' together (the disk's own "no space" is 507 too, in {@link DavErrors}). */
    public static final class InsufficientStorage extends DavError {
        public InsufficientStorage(String message) {
            super(507, message);
        }
    }

    /** 502: what was asked of the destination cannot be reached through this drive. */
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
