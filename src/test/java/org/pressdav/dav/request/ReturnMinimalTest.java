package org.pressdav.dav.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Prefer: return=minimal} as RFC 7240 writes it: among other preferences, with parameters, quoted, in any case. */
class ReturnMinimalTest {
    private static boolean asked(String... headers) {
        return ReturnMinimal.asked(Collections.enumeration(List.of(headers)));
    }

    @Test
    void foundWhereverItIsWritten() {
        assertTrue(asked("return=minimal"));
        assertTrue(asked("respond-async, return=minimal"));
        assertTrue(asked("wait=10", "Return = \"minimal\"; foo=bar"));
    }

    @Test
    void briefIsMicrosoftsWordForIt() {
        assertTrue(ReturnMinimal.briefAsked("t"));
        assertTrue(ReturnMinimal.briefAsked(" T "));
        assertFalse(ReturnMinimal.briefAsked("f"));
        assertFalse(ReturnMinimal.briefAsked(null));
    }

    @Test
    void notOtherwise() {
        assertFalse(asked());
        assertFalse(asked("return=representation"));
        assertFalse(asked("return-minimal, minimal"));
        assertFalse(ReturnMinimal.asked(null));
    }
}
