package org.pressdav.dav.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.node.TextFile;

class FieldBodiesTest {
    /** A field of some kind that holds at most 10 bytes, whatever its name. */
    private static final TextFile TEN_BYTES = new TextFile("content.html", "", Instant.EPOCH, Instant.EPOCH, text -> null,
            new TextFile.Access("books/1", () -> true, null), 10);

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileHoldsWhatItsFieldDeclaresNotWhatItsNameSuggests() throws Exception {
        assertEquals("0123456789", FieldBodies.text(TEN_BYTES, body("0123456789")));
        DavError.TooLarge read = assertThrows(DavError.TooLarge.class, () -> FieldBodies.text(TEN_BYTES, body("0123456789!")));
        assertEquals("content.html holds at most 10 bytes", read.getMessage());

        assertNull(FieldBodies.tooLarge(TEN_BYTES, 10));
        assertEquals("content.html holds at most 10 bytes; this body has 11", FieldBodies.tooLarge(TEN_BYTES, 11));
        FieldBodies bodies = new FieldBodies(1 << 30);
        assertThrows(DavError.TooLarge.class, () -> bodies.hold(TEN_BYTES, 11));
        try (FieldBodies.Held held = bodies.hold(TEN_BYTES, 10)) {
            assertEquals(10, TEN_BYTES.maxBytes());
        }
    }
}
