package org.pressdav.dav.node;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the objects of a kind are put on shelves when their folder holds more than a client can take
 * in one answer (Windows refuses a PROPFIND answer over 1,000,000 bytes): the names of the shelves an
 * object stands on, outermost first. Below a kind's own levels come ranges of ids ({@link IdRange}),
 * which end every split within the limit. A shelf is known by its name's form.
 */
public enum Shelving {
    /** Posts, pages and custom types: {@code 2024/05/}, then {@code 17/} for a month over the limit. Dates are UTC, as WordPress's {@code date_gmt}. */
    BY_DATE(2, List.of(Pattern.compile("\\d{4}"), Pattern.compile("0[1-9]|1[0-2]"), Pattern.compile("0[1-9]|[12]\\d|3[01]"))) {
        @Override
        List<String> levels(String name, Instant created) {
            ZonedDateTime utc = (created != null ? created : Instant.EPOCH).atZone(ZoneOffset.UTC);
            int year = utc.getYear();
            return List.of(year >= 1000 && year <= 9999 ? String.valueOf(year) : "0000", two(utc.getMonthValue()), two(utc.getDayOfMonth()));
        }
    },
    /** Users and terms: {@code A/} … {@code Z/} by the first letter of the folder's name, {@code 0-9/} for a digit, {@code Other/} for the rest. */
    BY_INITIAL(1, List.of(Pattern.compile("[A-Z]|0-9|Other"))) {
        @Override
        List<String> levels(String name, Instant created) {
            char first = name.isEmpty() ? ' ' : name.charAt(0);
            if (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z') {
                return List.of(String.valueOf(Character.toUpperCase(first)));
            }
            return List.of(first >= '0' && first <= '9' ? "0-9" : "Other");
        }
    },
    /** Comments and any other kind: ranges of ids only. */
    BY_ID(1, List.of()) {
        @Override
        List<String> levels(String name, Instant created) {
            return List.of();
        }
    };

    private final int fixed;
    private final List<Pattern> forms;

    Shelving(int fixed, List<Pattern> forms) {
        this.fixed = fixed;
        this.forms = forms;
    }

    /** The kind's own shelf names of an object of this folder name, made on this date, outermost first. */
    abstract List<String> levels(String name, Instant created);

    /** Whether shelving needs an object's folder name (working out each is not free on a folder of 50,000). */
    boolean byName() {
        return this == BY_INITIAL;
    }

    /** How many levels every object stands on once its folder is split: shelves this shallow are always shelves of shelves. */
    int fixedLevels() {
        return fixed;
    }

    /** How many levels are the kind's own; ranges of ids come below them. */
    int ownLevels() {
        return forms.size();
    }

    /** Whether {@code name} has the form of a shelf at {@code level} of a folder split where it holds more than {@code limit}. */
    boolean isShelf(int level, String name, int limit) {
        return level < forms.size() ? forms.get(level).matcher(name).matches() : IdRange.parse(name, limit) != null;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
