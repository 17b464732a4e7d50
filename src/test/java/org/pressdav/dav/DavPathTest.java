package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DavPathTest {
    @Test
    void decodesUtf8AndNormalisesToNfc() {
        DavPath path = DavPath.parseEncoded("/posts/10-cafe%CC%81/title.txt");
        assertEquals(List.of("posts", "10-caf\u00e9", "title.txt"), path.segments());
    }

    @Test
    void trailingAndDoubleSlashesNameTheSameFolder() {
        assertEquals(DavPath.parseEncoded("/posts"), DavPath.parseEncoded("//posts/"));
        assertTrue(DavPath.parseEncoded("/").isRoot());
    }

    @Test
    void dotSegmentsCannotLeaveTheTree() {
        for (String raw : new String[] {"/posts/../etc", "/posts/%2e%2e/etc", "/./posts", "/posts/%2E%2E"}) {
            DavPath.BadPathException e = assertThrows(DavPath.BadPathException.class, () -> DavPath.parseEncoded(raw), raw);
            assertEquals(403, e.status());
        }
    }

    @Test
    void anEncodedSlashOrNulIsNotASegment() {
        assertEquals(400, assertThrows(DavPath.BadPathException.class, () -> DavPath.parseEncoded("/posts%2F..%2Fetc")).status());
        assertEquals(400, assertThrows(DavPath.BadPathException.class, () -> DavPath.parseEncoded("/a%00b")).status());
    }

    @Test
    void aLiteralPercentIsDecodedOnceAndEncodedBackTheSame() {
        for (String raw : new String[] {"/media/100%25%20done.txt", "/media/a%252Fb.jpg", "/media/%252e%252e", "/media/..%252F"}) {
            DavPath path = DavPath.parseEncoded(raw);
            assertEquals(2, path.segments().size(), raw);
            assertEquals(raw, path.encoded());
        }
        assertEquals("a%2Fb.jpg", DavPath.parseEncoded("/media/a%252Fb.jpg").name());
        assertEquals("%2e%2e", DavPath.parseEncoded("/media/%252e%252e").name(), "a name, not a way up");
    }

    @Test
    void malformedEscapesAreRefused() {
        assertEquals(400, assertThrows(DavPath.BadPathException.class, () -> DavPath.parseEncoded("/a%zz")).status());
        assertEquals(400, assertThrows(DavPath.BadPathException.class, () -> DavPath.parseEncoded("/a%C3")).status());
    }

    @Test
    void encodingUsesUpperCaseEscapesOfUtf8() {
        assertEquals("/posts/7-emoji-%F0%9F%8E%89-party/a%20b", DavPath.parseDecoded("/posts/7-emoji-🎉-party/a b").encoded());
    }

    @Test
    void thePrefixIsRemoved() {
        DavPath prefix = DavPath.parseDecoded("/dav");
        assertEquals(DavPath.parseDecoded("/posts"), DavPath.parseDecoded("/dav/posts").relativeTo(prefix));
        assertTrue(DavPath.parseDecoded("/dav").relativeTo(prefix).isRoot());
    }
}
