package org.pressdav.dav.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shelf of ids, {@code 12000-12799}: every id from the first to the last. Ranges are as wide as the folder
 * limit or that times a power of ten, the narrowest for which a folder lists no more ranges than the limit
 * (ids are sparse: WordPress shares them between posts, revisions and attachments, and between taxonomies);
 * a range still holding more than the limit lists the ranges a tenth as wide inside it.
 */
record IdRange(long from, long to) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{1,18})");
    /** The widest range: wider would not fit a long. */
    private static final long WIDEST = 1_000_000_000_000_000L;

    /** The range {@code width} wide holding {@code id}. */
    static IdRange of(long id, long width) {
        long from = id / width * width;
        return new IdRange(from, from + width - 1);
    }

    /** The range a shelf's name says, if it is one of a folder split {@code limit} wide; null otherwise. */
    static IdRange parse(String name, int limit) {
        Matcher form = FORM.matcher(name);
        if (!form.matches()) {
            return null;
        }
        IdRange range = new IdRange(Long.parseLong(form.group(1)), Long.parseLong(form.group(2)));
        long width = range.width();
        if (width <= 0 || range.from % width != 0) {
            return null;
        }
        for (long allowed = limit; allowed <= WIDEST; allowed *= 10) {
            if (width == allowed) {
                return range;
            }
        }
        return null;
    }

    /** How wide ranges are where {@code limit} is the limit: the narrowest width that makes no more ranges than it of these ids. */
    static long widthFor(long[] ids, int limit) {
        long width = limit;
        while (width < WIDEST && ranges(ids, width) > limit) {
            width *= 10;
        }
        return width;
    }

    private static long ranges(long[] ids, long width) {
        return java.util.Arrays.stream(ids).map(id -> id / width).distinct().count();
    }

    long width() {
        return to - from + 1;
    }

    boolean holds(long id) {
        return id >= from && id <= to;
    }

    String name() {
        return from + "-" + to;
    }
}
