package org.pressdav.dav.node;

import io.milton.resource.DeletableResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pressdav.dav.store.ScratchFile;
import org.pressdav.dav.store.ScratchFiles;

/** A user's own file on the drive: what the scratch store keeps for them, theirs to change and delete. */
public final class OwnFile extends FileNode implements UserFile, DeletableResource {
    private final ScratchFile file;
    private final ScratchFiles store;

    OwnFile(ScratchFile file, ScratchFiles store) {
        super(file.path().name(), file.modified(), file.modified());
        this.file = file;
        this.store = store;
    }

    @Override
    public Path content() {
        return file.content();
    }

    @Override
    public void delete() {
        deleteFrom(store, file.user(), file.path());
    }

    /** Removes a file or folder of the user's from the store. */
    static void deleteFrom(ScratchFiles store, String user, org.pressdav.dav.DavPath path) {
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
        return file.length();
    }

    @Override
    public String etag() {
        return file.etag();
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public void write(OutputStream out, long offset, long count) throws IOException {
        try (InputStream in = Files.newInputStream(file.content())) {
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
