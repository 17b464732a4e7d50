package org.pressdav.dav.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one shelf of a kind's folder lists ({@code path} empty: the folder itself): the objects standing
 * on it, or, where they are more than {@code limit}, the shelves one level below (always so above a
 * kind's fixed levels: {@code posts/2024/} lists months, never posts). The last level, ranges of ids
 * {@code limit} wide, never holds more than the limit, so every folder a client opens lists at most
 * {@code limit} entries. A {@code limit} of 0 never splits.
 */
final class ShelfListing {
    /** Shelves in the order a person reads them: numbers by their value ({@code 900-999} before {@code 1000-1999}), then names. */
    private static final Comparator<String> ORDER = Comparator.comparingLong(ShelfListing::leadingNumber).thenComparing(Comparator.naturalOrder());

    private ShelfListing() {
    }

    static <T> List<Node> at(KindFolder<T> folder, Shelving shelving, int limit, List<String> path, List<ObjectFolder<T>> objects) {
        int level = path.size();
        List<ObjectFolder<T>> here = on(shelving, limit, path, objects);
        if (!splits(shelving, limit, level, here.size())) {
            return new ArrayList<>(here);
        }
        Map<String, List<ObjectFolder<T>>> shelves = new TreeMap<>(ORDER);
        for (ObjectFolder<T> object : here) {
            shelves.computeIfAbsent(nameAt(shelving, limit, level, object), name -> new ArrayList<>()).add(object);
        }
        List<Node> listed = new ArrayList<>(shelves.size());
        shelves.forEach((name, members) -> listed.add(new ShelfFolder<>(folder, ShelfFolder.below(path, name), datesOf(members))));
        return listed;
    }

    /**
     * Whether a shelf at {@code level} holding {@code count} objects lists shelves: always just below the folder, down to
     * the kind's fixed levels ({@code posts/2024/} lists months), elsewhere where the objects are more than the limit
     * and a level is left to split them by.
     */
    static boolean splits(Shelving shelving, int limit, int level, int count) {
        if (limit <= 0 || level >= shelving.depth()) {
            return false;
        }
        return level > 0 && level < shelving.fixedLevels() || count > limit;
    }

    /** The objects standing on the shelf at {@code path}, at any depth below it. */
    static <T> List<ObjectFolder<T>> on(Shelving shelving, int limit, List<String> path, List<ObjectFolder<T>> objects) {
        if (path.isEmpty()) {
            return objects;
        }
        List<ObjectFolder<T>> here = new ArrayList<>();
        for (ObjectFolder<T> object : objects) {
            List<String> own = shelving.levels(object);
            boolean on = true;
            for (int level = 0; level < path.size() && on; level++) {
                on = shelving.nameAt(level, own, object.id(), limit).equals(path.get(level));
            }
            if (on) {
                here.add(object);
            }
        }
        return here;
    }

    /** The newest change and the oldest object among them: a shelf changes when anything on it does. */
    static ObjectKind.Dates datesOf(List<? extends Node> members) {
        Instant modified = null;
        Instant created = null;
        for (Node member : members) {
            if (member.modified() != null && (modified == null || member.modified().isAfter(modified))) {
                modified = member.modified();
            }
            if (member.created() != null && (created == null || member.created().isBefore(created))) {
                created = member.created();
            }
        }
        return new ObjectKind.Dates(modified, created);
    }

    private static String nameAt(Shelving shelving, int limit, int level, ObjectFolder<?> object) {
        return shelving.nameAt(level, shelving.levels(object), object.id(), limit);
    }

    private static long leadingNumber(String name) {
        int end = 0;
        while (end < name.length() && end < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE : Long.parseLong(name.substring(0, end));
    }
}
