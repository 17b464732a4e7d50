package org.pressdav.dav.node;

import org.pressdav.dav.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A field file: exactly the UTF-8 bytes of a WordPress value, no newline added. Its length is
 * the byte count and its ETag a hash of the bytes, so both change exactly when the value does.
 * A writable one takes new text ({@link #save}); the body of a request becomes text in the
 * request layer, which bounds and decodes it.
 */
public class TextFile extends FileNode {
    /** Where a writable file's new text goes; it returns the file as WordPress then holds it. */
    @FunctionalInterface
    public interface Writer {
        TextFile write(String text);
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
    private final int maxBytes;

    /** A read-only file. */
    public TextFile(String name, String value, Instant modified, Instant created) {
        this(name, value, modified, created, null, NOBODY, Field.LINE_BYTES);
    }

    /** {@code writer} null: read-only; else writable by those {@code access} allows, at most {@code maxBytes} at a time. */
    public TextFile(String name, String value, Instant modified, Instant created, Writer writer, Access access, int maxBytes) {
        super(name, modified, created);
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        this.writer = writer;
        this.access = access;
        this.maxBytes = maxBytes;
    }

    /** The most a write of this file may hold: what its field can sensibly hold. */
    public int maxBytes() {
        return maxBytes;
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
     * Hands the new text to WordPress; this file never changes. Returns the file as WordPress
     * answered the save (its new ETag), or null where this user can no longer see the value.
     */
    public TextFile save(String text) {
        if (writer == null) {
            throw new IllegalStateException(getName() + " is read-only");
        }
        return writer.write(text);
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
