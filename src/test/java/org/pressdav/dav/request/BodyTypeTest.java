package org.pressdav.dav.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BodyTypeTest {
    @Test
    void aDeclaredMediaTypeIsKept() {
        assertEquals("image/png", BodyType.of("image/png", "x.jpg"));
        assertEquals("text/plain; charset=utf-8", BodyType.of("text/plain; charset=utf-8", "x.bin"));
    }

    @Test
    void aTypeThatSaysNothingIsGuessedFromTheName() {
        for (String useless : new String[] {null, "", "ISO-8859-1", "application/octet-stream", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            assertEquals("image/png", BodyType.of(useless, "photo.png"), String.valueOf(useless));
        }
        assertEquals("application/octet-stream", BodyType.of(null, "no-extension"));
    }
}
