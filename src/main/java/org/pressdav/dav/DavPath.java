package org.pressdav.dav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path inside the drive: decoded, NFC-normalised segments. It cannot name anything outside the
 * tree: {@code .} and {@code ..} segments, and segments that decode to a slash or a NUL, are refused.
 */
public final class DavPath {
    public static final DavPath ROOT = new DavPath(List.of());
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final List<String> segments;

    private DavPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** A request path as sent, percent-encoded: {@code /posts/12-caf%C3%A9/}. */
    public static DavPath parseEncoded(String raw) {
        List<String> decoded = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (!segment.isEmpty()) {
                decoded.add(checked(percentDecode(segment)));
            }
        }
        return new DavPath(decoded);
    }

    /** A path whose segments are already decoded, separated by slashes. */
    public static DavPath parseDecoded(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(checked(segment));
            }
        }
        return new DavPath(segments);
    }

    private static String checked(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            throw new LeavesTree(segment);
        }
        if (segment.indexOf('/') >= 0 || segment.indexOf('\0') >= 0) {
            throw new BadPathException("a path segment may not contain a slash or NUL");
        }
        return Normalizer.normalize(segment, Normalizer.Form.NFC);
    }

    private static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new BadPathException("a % in the path is not followed by two hex digits");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadPathException("a % in the path is not followed by two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadPathException("the path is not UTF-8");
        }
    }

    public List<String> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    public DavPath parent() {
        return segments.isEmpty() ? this : new DavPath(segments.subList(0, segments.size() - 1));
    }

    public DavPath child(String name) {
        List<String> more = new ArrayList<>(segments);
        more.add(checked(name));
        return new DavPath(more);
    }

    /** This path followed by {@code other}: {@code /dav} resolving {@code /posts} is {@code /dav/posts}. */
    public DavPath resolve(DavPath other) {
        List<String> joined = new ArrayList<>(segments);
        joined.addAll(other.segments);
        return new DavPath(joined);
    }

    public boolean startsWith(DavPath prefix) {
        return segments.size() >= prefix.segments.size() && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** This path below {@code prefix}: {@code /dav/posts} relative to {@code /dav} is {@code /posts}. */
    public DavPath relativeTo(DavPath prefix) {
        if (!startsWith(prefix)) {
            throw new IllegalArgumentException(this + " is not below " + prefix);
        }
        return new DavPath(segments.subList(prefix.segments.size(), segments.size()));
    }

    /** Percent-encoded with upper-case escapes, every segment as UTF-8: what goes in an href. */
    public String encoded() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(encodeSegment(segment));
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    public static String encodeSegment(String segment) {
        if (needsNoEscape(segment)) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length() + 16);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Whether every character of the segment is one an href carries as it is (most names on the drive). */
    private static boolean needsNoEscape(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DavPath p && segments.equals(p.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segments);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }

    /**
     * A path pressdav will not read: one that does not decode is a bad request; one that tries to
     * leave the tree is {@link LeavesTree}. Either way its status is the vocabulary's, not the thrower's.
     */
    public static sealed class BadPathException extends DavError permits LeavesTree {
        public BadPathException(String message) {
            super(new DavError.BadRequest(message));
        }

        private BadPathException(DavError answeredAs) {
            super(answeredAs);
        }
    }

    /** A '.' or '..' segment, a way out of the tree: forbidden to everyone, whatever follows it. */
    public static final class LeavesTree extends BadPathException {
        LeavesTree(String segment) {
            super(new DavError.Forbidden("'" + segment + "' segments are not allowed in a path"));
        }
    }
}
