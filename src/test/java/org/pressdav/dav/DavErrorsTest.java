package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures that are no DAV refusal and no WordPress error, the status each becomes, and how the vocabulary's own are answered. */
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

    @Test
    void aBrokenPreconditionIsAnsweredWithItsDavErrorBody() {
        Recorded answer = new Recorded();
        DavErrors.send(answer.response(), new DavError.InfiniteDepthRefused(), false);
        assertEquals(403, answer.values.get("status"));
        assertEquals("application/xml; charset=utf-8", answer.values.get("contentType"));
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>\n",
                answer.body.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRefusalWithoutAPreconditionIsItsMessageAsText() {
        Recorded answer = new Recorded();
        DavErrors.send(answer.response(), new DavError.NotImplemented("PATCH is not supported"), false);
        assertEquals(501, answer.values.get("status"));
        assertEquals("text/plain; charset=utf-8", answer.values.get("contentType"));
        assertEquals("PATCH is not supported\n", answer.body.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRefusalIsAFourHundredAndOnlyWordPressNotAnsweringIsUnanswered() {
        assertEquals(true, new DavErrors.Failure(409, "in use").refused());
        assertEquals(false, new DavErrors.Failure(409, "in use").unanswered());
        assertEquals(false, new DavErrors.Failure(500, "pressdav failed").refused());
        assertEquals(false, new DavErrors.Failure(500, "pressdav failed").unanswered());
        for (int status : new int[] {502, 504}) {
            assertEquals(false, new DavErrors.Failure(status, "WordPress").refused(), "refused " + status);
            assertEquals(true, new DavErrors.Failure(status, "WordPress").unanswered(), "unanswered " + status);
        }
    }

    @Test
    void theStatusLinesOfA207AreHttpsOwn() {
        assertEquals("HTTP/1.1 404 Not Found", DavErrors.PROPERTY_NOT_FOUND);
        assertEquals("HTTP/1.1 403 Forbidden", DavErrors.PROPERTY_PROTECTED);
        assertEquals("HTTP/1.1 507 Insufficient Storage", DavErrors.PROPERTIES_NOT_STORED);
        assertEquals("HTTP/1.1 424 Failed Dependency", DavErrors.FAILED_DEPENDENCY);
        assertEquals("HTTP/1.1 424 Failed Dependency", DavErrors.Failure.of(new DavError.FailedDependency("Not copied")).statusLine());
    }

    /** A servlet response that keeps what is set on it: status, content type and body. */
    private static final class Recorded {
        final Map<String, Object> values = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> values.put("status", args[0]);
                        case "setContentType" -> values.put("contentType", args[0]);
                        case "getOutputStream" -> out;
                        case "isCommitted" -> false;
                        default -> null;
                    });
        }
    }
}
