package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PutContentTypeTest {
    @Test
    void aDeclaredMediaTypeIsKept() {
        assertEquals("image/png", PutHandler.contentType("image/png", "x.jpg"));
        assertEquals("text/plain; charset=utf-8", PutHandler.contentType("text/plain; charset=utf-8", "x.bin"));
    }

    @Test
    void aTypeThatSaysNothingIsGuessedFromTheName() {
        for (String useless : new String[] {null, "", "ISO-8859-1", "application/octet-stream", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            assertEquals("image/png", PutHandler.contentType(useless, "photo.png"), String.valueOf(useless));
        }
        assertEquals("application/octet-stream", PutHandler.contentType(null, "no-extension"));
    }
}
