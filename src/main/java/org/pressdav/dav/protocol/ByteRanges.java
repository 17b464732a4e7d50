package org.pressdav.dav.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Range} header of a GET (RFC 9110 §14): single ranges, several, and suffixes
 * ({@code bytes=-500}), clipped to the file.
 */
public final class ByteRanges {
    /** More ranges than this in one request are answered with the whole file. */
    static final int MAX_RANGES = 32;

    private ByteRanges() {
    }

    /** One satisfiable range: {@code first} to {@code last}, inclusive. */
    public record Slice(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** What to send: the whole file (header absent or unusable), 416, or these slices. */
    public sealed interface Answer permits Whole, Unsatisfiable, Slices {
    }

    public record Whole() implements Answer {
    }

    public record Unsatisfiable() implements Answer {
    }

    public record Slices(List<Slice> slices) implements Answer {
    }

    public static Answer parse(String header, long length) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String[] specs = header.substring(6).split(",");
        if (specs.length > MAX_RANGES) {
            return new Whole();
        }
        List<Slice> slices = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Whole();
            }
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            try {
                if (from.isEmpty()) {
                    long suffix = Long.parseLong(to);
                    if (suffix < 0) {
                        return new Whole();
                    }
                    if (suffix > 0 && length > 0) {
                        slices.add(new Slice(Math.max(0, length - suffix), length - 1));
                    }
                } else {
                    long first = Long.parseLong(from);
                    long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
                    if (first < 0 || last < first) {
                        return new Whole();
                    }
                    if (first < length) {
                        slices.add(new Slice(first, Math.min(last, length - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return new Whole();
            }
        }
        return slices.isEmpty() ? new Unsatisfiable() : new Slices(coalesced(slices));
    }

    /**
     * Overlapping and adjacent ranges merged (RFC 9110 §14.2 allows it): twenty {@code 0-} ranges
     * are one, so the answer is never larger than the file, nor read from WordPress twenty times.
     */
    static List<Slice> coalesced(List<Slice> slices) {
        List<Slice> sorted = new ArrayList<>(slices);
        sorted.sort(java.util.Comparator.comparingLong(Slice::first));
        List<Slice> merged = new ArrayList<>();
        for (Slice next : sorted) {
            Slice last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Slice(last.first(), Math.max(last.last(), next.last())));
            } else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }
}
