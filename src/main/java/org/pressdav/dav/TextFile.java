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
    private final byte[] bytes;
    private final String etag;

    public TextFile(String name, String value, Instant modified, Instant created) {
        super(name, modified, created);
        this.bytes = value.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
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
