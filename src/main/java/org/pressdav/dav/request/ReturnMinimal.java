package org.pressdav.dav.request;

import java.util.Enumeration;
import java.util.Locale;

/**
 * Whether a request asks for {@code Prefer: return=minimal} (RFC 7240 §4.2), or {@code Brief: t}, the
 * Microsoft header it grew from (Exchange and Office's WebDAV clients): a PROPFIND so marked is answered
 * without the 404 propstat of the properties not found (RFC 8144 §2.1), the largest part of an answer
 * to Office's and Explorer's 18-property request.
 */
public final class ReturnMinimal {
    /** The header that says the preference was honoured. */
    public static final String APPLIED = "return=minimal";

    private ReturnMinimal() {
    }

    /** Microsoft's {@code Brief} header: {@code t} asks for what {@code return=minimal} does. */
    public static boolean briefAsked(String brief) {
        return brief != null && brief.strip().equalsIgnoreCase("t");
    }

    /** The {@code Prefer} headers of a request: does one of them hold {@code return=minimal}? */
    public static boolean asked(Enumeration<String> prefer) {
        while (prefer != null && prefer.hasMoreElements()) {
            for (String preference : prefer.nextElement().split(",")) {
                String token = preference.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).replace(" ", "");
                if (token.equals("return=minimal") || token.equals("return=\"minimal\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
