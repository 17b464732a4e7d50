package org.pressdav.dav.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.pressdav.dav.DavError;

/**
 * Where upload bodies wait on disk while they are relayed to WordPress ({@code data-dir/incoming}):
 * one file at most {@code maxFileBytes}, all of them together at most {@code maxTotalBytes}. A body
 * that passes either is stopped where it is and its file removed; what a crash left behind is
 * removed at start.
 */
public final class IncomingSpool {
    private final Path dir;
    private final long maxFileBytes;
    private final long maxTotalBytes;
    private final AtomicLong inUse = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder received = new java.util.concurrent.atomic.LongAdder();

    public IncomingSpool(Path dir, long maxFileBytes, long maxTotalBytes) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Creates the folder and removes the leftovers of an earlier run. */
    public IncomingSpool clean() throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir)) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file);
            }
        }
        return this;
    }

    /** Every byte of every body spooled since start (the metrics' upload bytes). */
    public long received() {
        return received.sum();
    }

    /** Why a body of this declared length is refused before it is read (413), or null. */
    public String tooLarge(long declaredLength) {
        return declaredLength > maxFileBytes
                ? "A file may have at most " + maxFileBytes + " bytes on this server (--max-upload-mb); this one has " + declaredLength
                : null;
    }

    /** A body on disk; close it to remove the file and give its room back. */
    public final class Spooled implements AutoCloseable {
        private final Path file;
        private long length;

        private Spooled(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        public long length() {
            return length;
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
            inUse.addAndGet(-length);
        }
    }

    /** Copies the body to a new file, counting every chunk against both limits. */
    public Spooled take(InputStream body) throws IOException {
        try (InputStream in = body) {
            return take(in::transferTo);
        }
    }

    /** What writes a body: a request's, or a file of the drive read from WordPress. */
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Spools what {@code writer} writes to a new file, counting every chunk against both limits. */
    public Spooled take(BodyWriter writer) throws IOException {
        Files.createDirectories(dir);
        Spooled spooled = new Spooled(Files.createTempFile(dir, "upload-", ".part"));
        try (OutputStream file = Files.newOutputStream(spooled.file)) {
            writer.writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] buffer, int offset, int n) throws IOException {
                    if (spooled.length + n > maxFileBytes) {
                        throw new DavError.TooLarge("A file may have at most " + maxFileBytes + " bytes on this server (--max-upload-mb)");
                    }
                    if (inUse.addAndGet(n) > maxTotalBytes) {
                        inUse.addAndGet(-n);
                        throw new DavError.InsufficientStorage("pressdav's room for uploads in progress is full; try again when others have finished");
                    }
                    spooled.length += n;
                    received.add(n);
                    file.write(buffer, offset, n);
                }
            });
        } catch (IOException | RuntimeException e) {
            spooled.close();
            throw e;
        }
        return spooled;
    }
}
