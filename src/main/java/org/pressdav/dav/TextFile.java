package org.pressdav.dav;

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
 */
public class TextFile extends FileNode {
    /** Where a writable file's new text goes. */
    @FunctionalInterface
    public interface Writer {
        void write(String text);
    }

    private final byte[] bytes;
    private final String etag;
    private final Writer writer;

    public TextFile(String name, String value, Instant modified, Instant created) {
        this(name, value, modified, created, null);
    }

    public TextFile(String name, String value, Instant modified, Instant created, Writer writer) {
        super(name, modified, created);
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
        this.writer = writer;
    }

    public boolean writable() {
        return writer != null;
    }

    /** Hands the new text to WordPress; the file itself never changes (a new read shows the result). */
    public void write(String text) {
        if (writer == null) {
            throw new IllegalStateException(getName() + " is read-only");
        }
        writer.write(text);
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
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
