package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import io.milton.resource.ReplaceableResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.pressdav.dav.DavError;
import org.pressdav.dav.protocol.FieldBodies;
import org.pressdav.dav.protocol.PutHandler;

/**
 * A field file: exactly the UTF-8 bytes of a WordPress value, no newline added. Its length is
 * the byte count and its ETag a hash of the bytes, so both change exactly when the value does.
 */
public class TextFile extends FileNode implements ReplaceableResource {
    /** Where a writable file's new text goes. */
    @FunctionalInterface
    public interface Writer {
        void write(String text);
    }

    /**
     * Who may write the files of one object: its key ({@code posts/12}), whether this user may
     * edit it (asked once, when first needed) and what they are told if not.
     */
    public static final class Access {
        private final String objectKey;
        private final java.util.function.BooleanSupplier mayEdit;
        private final String refusal;
        private Boolean allowed;

        public Access(String objectKey, java.util.function.BooleanSupplier mayEdit, String refusal) {
            this.objectKey = objectKey;
            this.mayEdit = mayEdit;
            this.refusal = refusal;
        }

        synchronized boolean allowed() {
            if (allowed == null) {
                allowed = mayEdit.getAsBoolean();
            }
            return allowed;
        }
    }

    private static final Access NOBODY = new Access(null, () -> false, null);

    private final byte[] bytes;
    private final String etag;
    private final Writer writer;
    private final Access access;

    /** A read-only file. */
    public TextFile(String name, String value, Instant modified, Instant created) {
        this(name, value, modified, created, null, NOBODY);
    }

    /** {@code writer} null: read-only; else writable by those {@code access} allows. */
    public TextFile(String name, String value, Instant modified, Instant created, Writer writer, Access access) {
        super(name, modified, created);
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        this.writer = writer;
        this.access = access;
    }

    @Override
    public String objectKey() {
        return access.objectKey;
    }

    @Override
    public boolean mayChange() {
        return writer != null && access.allowed();
    }

    @Override
    public String changeRefusal() {
        return writer == null || access.refusal == null ? getName() + " is read-only: WordPress sets it" : access.refusal;
    }

    /**
     * A PUT of the file: the body, which must be UTF-8 and no longer than the field holds
     * ({@link FieldBodies#limit}), becomes the field's new value.
     */
    @Override
    public void replaceContent(InputStream in, Long length) {
        int limit = FieldBodies.limit(getName());
        try {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new DavError.TooLarge(getName() + " holds at most " + limit + " bytes");
            }
            write(PutHandler.utf8(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Hands the new text to WordPress; the file itself never changes (a new read shows the result). */
    public void write(String text) {
        if (writer == null) {
            throw new IllegalStateException(getName() + " is read-only");
        }
        writer.write(text);
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public String etag() {
        return etag;
    }

    @Override
    public String contentType() {
        return Names.contentType(getName());
    }

    @Override
    public void write(OutputStream out, long offset, long length) throws IOException {
        out.write(bytes, (int) offset, (int) length);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
