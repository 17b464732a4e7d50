package org.pressdav.dav.node;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the objects of a kind are put on shelves when their folder holds more than a client can take
 * in one answer (Windows refuses a PROPFIND answer over 1,000,000 bytes): the names of the shelves an
 * object stands on, outermost first. After a kind's own levels comes one last level every kind has,
 * ranges of ids as wide as the folder limit ({@code 12000-12999}), which never holds more than the limit.
 * A shelf is found by its name's form alone, so a path to one never costs a listing.
 */
public enum Shelving {
    /** Posts, pages and custom types: {@code 2024/05/}, then {@code 17/} for a month over the limit. Dates are UTC, as WordPress's {@code date_gmt}. */
    BY_DATE(2, List.of(Pattern.compile("\\d{4}"), Pattern.compile("0[1-9]|1[0-2]"), Pattern.compile("0[1-9]|[12]\\d|3[01]"))) {
        @Override
        List<String> levels(Node object) {
            Instant when = object.created() != null ? object.created() : Instant.EPOCH;
            ZonedDateTime utc = when.atZone(ZoneOffset.UTC);
            int year = utc.getYear();
            String yyyy = year >= 1000 && year <= 9999 ? String.valueOf(year) : "0000";
            return List.of(yyyy, two(utc.getMonthValue()), two(utc.getDayOfMonth()));
        }
    },
    /** Users and terms: {@code A/} … {@code Z/} by the first letter of the folder's name, {@code 0-9/} for a digit, {@code Other/} for the rest. */
    BY_INITIAL(1, List.of(Pattern.compile("[A-Z]|0-9|Other"))) {
        @Override
        List<String> levels(Node object) {
            char first = object.getName().isEmpty() ? ' ' : object.getName().charAt(0);
            if (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z') {
                return List.of(String.valueOf(Character.toUpperCase(first)));
            }
            return List.of(first >= '0' && first <= '9' ? "0-9" : "Other");
        }
    },
    /** Comments and any other kind: ranges of ids only. */
    BY_ID(1, List.of()) {
        @Override
        List<String> levels(Node object) {
            return List.of();
        }
    };

    private static final Pattern RANGE = Pattern.compile("(\\d{1,18})-(\\d{1,18})");

    private final int fixed;
    private final List<Pattern> forms;

    Shelving(int fixed, List<Pattern> forms) {
        this.fixed = fixed;
        this.forms = forms;
    }

    /** The kind's own shelf names of an object, outermost first (the range of ids comes after them). */
    abstract List<String> levels(Node object);

    /** How many levels every object stands on once its folder is split: shelves this shallow are always shelves of shelves. */
    int fixedLevels() {
        return fixed;
    }

    /** How many levels there are in all: the kind's own and the ranges of ids. */
    int depth() {
        return forms.size() + 1;
    }

    /** The shelf an object with this id and these names of its own stands on at {@code level}. */
    String nameAt(int level, List<String> own, long id, int width) {
        if (level < own.size()) {
            return own.get(level);
        }
        long from = id / width * width;
        return from + "-" + (from + width - 1);
    }

    /** Whether {@code name} has the form of a shelf at {@code level} of a folder split {@code width} entries wide. */
    boolean isShelf(int level, String name, int width) {
        if (level < forms.size()) {
            return forms.get(level).matcher(name).matches();
        }
        if (level > forms.size()) {
            return false;
        }
        var range = RANGE.matcher(name);
        if (!range.matches()) {
            return false;
        }
        long from = Long.parseLong(range.group(1));
        return from % width == 0 && Long.parseLong(range.group(2)) == from + width - 1;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
