package org.pressdav.dav;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/** How WordPress values become file names, and what a file name says about its type. */
public final class Names {
    private Names() {
    }

    public static String nfc(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x300) {
                return Normalizer.normalize(name, Normalizer.Form.NFC);
            }
        }
        return name; // nothing below U+0300 composes or decomposes: already NFC (most names, and every ASCII one)
    }

    /**
     * A name that can stand in any file system: no slash, backslash, control character or
     * character Windows forbids; NFC. Empty stays empty for the caller to replace.
     */
    public static String safe(String text) {
        if (isSafe(text)) {
            return nfc(text);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7F || "/\\:*?\"<>|".indexOf(c) >= 0 ? '-' : c);
        }
        return nfc(out.toString().strip());
    }

    /** Whether {@link #safe} would change nothing but the normal form: no character to replace, no space to strip. */
    private static boolean isSafe(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return text.isEmpty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || "/\\:*?\"<>|".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a name the user gives cannot name a file or folder on every client (what Windows forbids:
     * {@code \ : * ? " < > |}, control characters, a dot or space at its end; {@code .} and
     * {@code ..}; over 255 bytes), or null when it can.
     */
    public static String refusal(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "\"" + name + "\" cannot be a name";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            return "A name is at most 255 bytes long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || "/\\:*?\"<>|".indexOf(c) >= 0) {
                return "\"" + name + "\" cannot be a name on every computer: no \\ / : * ? \" < > | or control characters";
            }
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return "\"" + name + "\" cannot be a name on every computer: it ends with a dot or a space";
        }
        return null;
    }

    /**
     * WordPress stores non-ASCII slugs percent-encoded in lower case ({@code %e6%97%a5}); a
     * name shows the characters themselves.
     */
    public static String slug(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw == null ? "" : nfc(raw);
        }
        try {
            return nfc(java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    public static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (lower.endsWith(".json")) {
            return "application/json; charset=utf-8";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
