package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Failures that are no DAV refusal and no WordPress error, and the status each becomes. */
class DavErrorsTest {
    /** What the JDK throws when a write finds the disk full: Linux's {@code /dev/full} answers every write with ENOSPC. */
    private static IOException realDiskFull() {
        return assertThrows(IOException.class, () -> {
            try (OutputStream full = Files.newOutputStream(Path.of("/dev/full"))) {
                full.write(new byte[1]);
                full.flush();
            }
        });
    }

    @Test
    void aFullDiskIsInsufficientStorageWhereverTheWriteStopped() {
        assertEquals(507, DavErrors.classify(realDiskFull(), false).status(), "a write into a spool or scratch file");
        assertEquals(507, DavErrors.classify(new UncheckedIOException("the lock could not be kept", realDiskFull()), false).status(),
                "a lock file, wrapped");
        assertEquals(507, DavErrors.classify(new FileSystemException("data/scratch/user-1/.pressdav-1.part", null, "No space left on device"),
                false).status(), "creating or moving a file");
        assertEquals(507, DavErrors.classify(new IOException("Disk quota exceeded"), false).status(), "a quota on pressdav's user");
    }

    @Test
    void anyOtherFailureOfTheDiskIsStillTheServersOwn() {
        assertEquals(500, DavErrors.classify(new FileSystemException("data/locks", null, "Permission denied"), false).status());
    }

    @Test
    void jettysOwnRefusalOfABodyKeepsItsStatus() {
        RuntimeException slow = new org.eclipse.jetty.http.BadMessageException(408, "Request content data rate < 512 B/s");
        assertEquals(408, DavErrors.classify(new java.io.UncheckedIOException(new java.io.IOException(slow)), false).status());
    }
}
