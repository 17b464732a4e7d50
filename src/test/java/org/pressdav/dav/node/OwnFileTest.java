package org.pressdav.dav.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.store.ScratchFile;

/** A user's own file serves any slice of its bytes (a ranged GET), and its ETag is the store's. */
class OwnFileTest {
    @Test
    void aSliceIsTheBytesAtItsOffset(@TempDir Path dir) throws Exception {
        Path content = Files.write(dir.resolve("x"), new byte[] {10, 11, 12, 13, 14});
        ScratchFile stored = new ScratchFile("user-1", DavPath.parseDecoded("/posts/._x"), content, 5, Instant.parse("2026-12-02T10:00:00Z"));
        OwnFile file = new OwnFile(stored, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.write(out, 1, 3);
        assertArrayEquals(new byte[] {11, 12, 13}, out.toByteArray());
        assertEquals(stored.etag(), file.etag());
        assertEquals("._x", file.getName());
    }
}
