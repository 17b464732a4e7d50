package org.pressdav.dav.protocol;

import java.time.Instant;

/** The conditional request headers of RFC 9110 §13, for a file with a strong ETag and a date. */
final class Preconditions {
    private Preconditions() {
    }

    /** {@code If-Match}: absent, {@code *}, or a list holding this ETag (strong comparison). */
    static boolean matches(String ifMatch, String etag) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return true;
        }
        for (String tag : ifMatch.split(",")) {
            if (tag.strip().equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code If-None-Match}: {@code *}, or a list holding this ETag (weak comparison: W/ ignored). */
    static boolean matchesWeakly(String ifNoneMatch, String etag) {
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the file changed after {@code since} (epoch millis, -1 if absent), to the second. */
    static boolean modifiedSince(long since, Instant modified) {
        if (since < 0 || modified == null) {
            return false;
        }
        return modified.getEpochSecond() > since / 1000;
    }

    /** {@code If-Range}: the Range applies only if the client's copy is still this one. */
    static boolean rangeStillValid(String ifRange, String etag, Instant modified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        try {
            long date = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant().getEpochSecond();
            return modified != null && modified.getEpochSecond() == date;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
