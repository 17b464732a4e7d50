package org.pressdav.wordpress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, as PHP's {@code hash('sha256', ...)} writes it: of bytes, or of a range of a file. */
final class Sha256 {
    private Sha256() {
    }

    static String of(byte[] bytes) {
        MessageDigest digest = digest();
        digest.update(bytes);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Of {@code length} bytes of {@code file} from {@code offset}, read a block at a time. */
    static String of(Path file, long offset, long length) {
        MessageDigest digest = digest();
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        try (FileChannel in = FileChannel.open(file)) {
            for (long at = offset, end = offset + length; at < end; ) {
                block.clear().limit((int) Math.min(block.capacity(), end - at));
                int read = in.read(block, at);
                if (read < 0) {
                    throw new IOException(file + " ends before byte " + end);
                }
                digest.update(block.flip());
                at += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
