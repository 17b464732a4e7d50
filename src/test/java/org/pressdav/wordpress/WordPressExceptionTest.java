package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which of WordPress's answers deny a view and which hide an object: the drive asks these, never the status. */
class WordPressExceptionTest {
    private static WordPressException answered(int status) {
        return new WordPressException(status, "rest_code", "WordPress's words");
    }

    @Test
    void aMissingOrRefusedLoginDeniesAccessAndHidesTheObject() {
        for (int status : new int[] {401, 403}) {
            assertEquals(true, answered(status).deniesAccess(), "deniesAccess " + status);
            assertEquals(true, answered(status).hidesObject(), "hidesObject " + status);
        }
    }

    @Test
    void aMissingObjectIsHiddenWithoutDenyingAnything() {
        assertEquals(false, answered(404).deniesAccess());
        assertEquals(true, answered(404).hidesObject());
    }

    @Test
    void otherRefusalsAndWordPressFailingAreNeither() {
        for (int status : new int[] {400, 409, 410, 500, 502, 504}) {
            assertEquals(false, answered(status).deniesAccess(), "deniesAccess " + status);
            assertEquals(false, answered(status).hidesObject(), "hidesObject " + status);
        }
    }
}
