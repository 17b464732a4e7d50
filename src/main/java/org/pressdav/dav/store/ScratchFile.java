package org.pressdav.dav.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.node.FileNode;
import org.pressdav.dav.node.UserFile;

/** A user's own file, kept on disk by {@link DiskScratchFiles}. */
public final class ScratchFile extends FileNode implements UserFile, io.milton.resource.DeletableResource {
    private final Path file;
    private final long length;
    private final ScratchFiles store;
    private final String user;
    private final DavPath path;

    ScratchFile(Path file, ScratchFiles store, String user, DavPath path) {
        super(path.name(), modifiedOf(file), modifiedOf(file));
        this.file = file;
        this.store = store;
        this.user = user;
        this.path = path;
        try {
            this.length = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When a file or folder of the store last changed. */
    static Instant modifiedOf(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Path content() {
        return file;
    }

    @Override
    public void delete() {
        deleteFrom(store, user, path);
    }

    /** Removes a file or folder of the user's from the store. */
    static void deleteFrom(ScratchFiles store, String user, DavPath path) {
        try {
            store.delete(user, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user's own temporary file: theirs to change. */
    @Override
    public boolean mayChange() {
        return true;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String etag() {
        return "\"scratch-" + length + "-" + modified().toEpochMilli() + "\"";
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public void write(OutputStream out, long offset, long count) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(getName() + " is shorter than it was");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
