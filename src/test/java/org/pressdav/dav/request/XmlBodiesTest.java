package org.pressdav.dav.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;

class XmlBodiesTest {
    @Test
    void aMalformedBodyIsA400AndPrintsNothingToStandardError() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            DavError refused = assertThrows(DavError.class,
                    () -> XmlBodies.document("<D:propfind xmlns:D=\"DAV:\"><D:prop></D:propfind>".getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, refused.status());
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "the parser's own [Fatal Error] line is not printed");
    }

    @Test
    void aDoctypeIsRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>";
        assertEquals(400, assertThrows(DavError.class, () -> XmlBodies.document(bomb.getBytes(StandardCharsets.UTF_8))).status());
    }
}
