package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pressdav.wordpress.Post;

/**
 * What the big-folder tests require of where a client found the site's posts ({@code post id → every path its folder
 * was listed at}, from any client): each post exactly once, and in the folder of its date as the README's layout files
 * it: year, month, then day and id range where a month or a day holds more than the threshold.
 */
final class FiledPosts {
    private FiledPosts() {
    }

    /** Every post of {@code expected} found exactly once, and nothing else found; {@code who} names the client in messages. */
    static void assertEachOnce(Set<Long> expected, Map<Long, List<List<String>>> found, String who) {
        Set<Long> missing = new TreeSet<>(expected);
        missing.removeAll(found.keySet());
        Set<Long> extra = new TreeSet<>(found.keySet());
        extra.removeAll(expected);
        Map<Long, List<String>> twice = new HashMap<>();
        found.forEach((id, paths) -> {
            if (paths.size() != 1) {
                twice.put(id, paths.stream().map(path -> String.join("/", path)).toList());
            }
        });
        assertTrue(missing.isEmpty(), who + " did not find " + missing.size() + " posts, first " + first(missing));
        assertTrue(extra.isEmpty(), who + " found " + extra.size() + " posts it should not see, first " + first(extra) + " at "
                + found.get(extra.stream().findFirst().orElse(0L)));
        assertTrue(twice.isEmpty(), who + " found " + twice.size() + " posts more than once: " + first(twice.entrySet()));
        assertEquals(expected.size(), found.size(), who);
    }

    /**
     * Each post under its date (UTC) and, in an id range, inside it; a range {@code max} wide (or that times a power of
     * ten) starting at a multiple of its width; at most {@code max} posts in a folder. Returns how many posts were found at each depth of shelves (2:
     * in a month, 3: in a day, 4: in an id range), so a test can say which levels it saw.
     */
    static Map<Integer, Integer> assertFiledByDate(Map<Long, Post> posts, Map<Long, List<List<String>>> found, int max) {
        Map<Integer, Integer> atDepth = new HashMap<>();
        Map<List<String>, Integer> perFolder = new HashMap<>();
        found.forEach((id, paths) -> {
            for (List<String> path : paths) {
                List<String> shelves = path.subList(1, path.size() - 1);
                String where = String.join("/", path);
                assertTrue(shelves.size() >= 2, "post " + id + " is listed at " + where + ", not in a month");
                ZonedDateTime date = posts.get(id).dateGmt().atZone(ZoneOffset.UTC);
                assertEquals(String.format("%04d/%02d", date.getYear(), date.getMonthValue()), shelves.get(0) + "/" + shelves.get(1),
                        "post " + id + " of " + date + " at " + where);
                for (String shelf : shelves.subList(2, shelves.size())) {
                    long[] range = PostsLayout.range(shelf);
                    if (range == null) {
                        assertEquals(String.format("%02d", date.getDayOfMonth()), shelf, "post " + id + " of " + date + " at " + where);
                    } else {
                        assertTrue(range[0] <= id && id <= range[1], "post " + id + " at " + where);
                        long width = range[1] - range[0] + 1;
                        // As wide as the threshold, or that times a power of ten where ids are sparse (README).
                        long widths = width;
                        while (widths > max && widths % 10 == 0) {
                            widths /= 10;
                        }
                        assertEquals(max, widths, "the width of " + where);
                        assertEquals(0, range[0] % width, "where " + where + " starts");
                    }
                }
                atDepth.merge(shelves.size(), 1, Integer::sum);
                perFolder.merge(path.subList(0, path.size() - 1), 1, Integer::sum);
            }
        });
        perFolder.forEach((folder, count) -> assertTrue(count <= max, String.join("/", folder) + "/ lists " + count + " posts, over " + max));
        return atDepth;
    }

    private static String first(java.util.Collection<?> items) {
        List<?> some = List.copyOf(items).subList(0, Math.min(10, items.size()));
        return some.toString();
    }
}
