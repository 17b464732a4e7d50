package org.pressdav.wordpress;

/**
 * What WordPress refused, or why it could not be reached: the HTTP status, WordPress's error
 * {@code code} (for example {@code rest_cannot_edit}) and its human-readable message.
 * Statuses 502 and 504 stand for "WordPress did not answer" and "WordPress took too long".
 */
public class WordPressException extends RuntimeException {
    public static final String UNREACHABLE = "pressdav_wordpress_unreachable";
    public static final String TIMEOUT = "pressdav_wordpress_timeout";
    public static final String BAD_RESPONSE = "pressdav_bad_response";
    /** An answer larger than pressdav reads ({@code --max-wordpress-answer-mb}), a 502. */
    public static final String TOO_LARGE = "pressdav_answer_too_large";

    private final int status;
    private final String code;

    public WordPressException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public WordPressException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status WordPress answered with, or 502/504 when it did not answer. */
    public int status() {
        return status;
    }

    /**
     * WordPress will not show this to this caller as asked (401, 403): for a read in
     * {@code context=edit}, the caller may not edit it, and may still see it in {@code context=view}.
     */
    public boolean deniesAccess() {
        return status == 401 || status == 403;
    }

    /**
     * The object is not there for this caller: WordPress answers 401, 403 or 404 alike for one
     * that does not exist and one the caller may not see, and a drive shows neither.
     */
    public boolean hidesObject() {
        return deniesAccess() || status == 404;
    }

    /**
     * WordPress did not take a value it was sent (400: {@code rest_invalid_param}, or one of its schema's refusals such as
     * {@code rest_invalid_type}, whose message names the value: "meta.pages is not of type integer.").
     */
    public boolean refusesValue() {
        return status == 400;
    }

    /** WordPress's error code, or one of this class's {@code pressdav_*} codes. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "WordPress " + status + " " + code + ": " + getMessage();
    }
}
