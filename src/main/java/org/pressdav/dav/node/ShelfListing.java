package org.pressdav.dav.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which objects stand on a shelf of a kind's folder ({@code path} empty: the folder itself), and whether
 * it lists them or the shelves one level below: always just below the folder down to the kind's fixed
 * levels ({@code posts/2024/} lists months, never posts), elsewhere where they are more than the limit.
 * Ranges of ids come last and always end within the limit ({@link IdRange}), so no folder a client opens
 * lists more than the limit. A limit of 0 never splits.
 */
final class ShelfListing {
    /** Shelves in the order a person reads them: numbers by their value ({@code 900-999} before {@code 1000-1999}), then names. */
    private static final Comparator<String> ORDER = Comparator.comparingLong(ShelfListing::leadingNumber).thenComparing(Comparator.naturalOrder());

    /** One object as shelving sees it: its id, its dates, and its folder name where the shelving goes by names (else null). */
    record Placed<T>(T item, long id, ObjectKind.Dates dates, String name) {
    }

    private ShelfListing() {
    }

    /** Whether the shelf at {@code path}, with {@code count} objects on it, lists shelves rather than objects. */
    static boolean splits(Shelving shelving, int limit, List<String> path, int count) {
        int level = path.size();
        if (limit <= 0) {
            return false;
        }
        if (level > 0 && level < shelving.fixedLevels()) {
            return true;
        }
        if (count <= limit) {
            return false;
        }
        if (level <= shelving.ownLevels()) {
            return true; // a level of the kind's own is left, or the first ranges of ids
        }
        IdRange above = IdRange.parse(path.get(level - 1), limit);
        return above != null && above.width() > limit;
    }

    /** The objects standing on the shelf at {@code path}, at any depth below it. */
    static <T> List<Placed<T>> on(Shelving shelving, int limit, List<String> path, List<Placed<T>> objects) {
        if (path.isEmpty()) {
            return objects;
        }
        List<Placed<T>> here = new ArrayList<>();
        for (Placed<T> object : objects) {
            if (stands(shelving, limit, path, object)) {
                here.add(object);
            }
        }
        return here;
    }

    private static boolean stands(Shelving shelving, int limit, List<String> path, Placed<?> object) {
        List<String> own = shelving.ownLevels() == 0 ? List.of() : shelving.levels(object.name(), object.dates().created());
        for (int level = 0; level < path.size(); level++) {
            if (level < own.size()) {
                if (!own.get(level).equals(path.get(level))) {
                    return false;
                }
            } else {
                IdRange range = IdRange.parse(path.get(level), limit);
                if (range == null || !range.holds(object.id())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The objects on the shelf at {@code path} ({@code here}) by the shelf one level below each stands on, in reading order. */
    static <T> Map<String, List<Placed<T>>> below(Shelving shelving, int limit, List<String> path, List<Placed<T>> here) {
        int level = path.size();
        Function<Placed<T>, String> shelf;
        if (level < shelving.ownLevels()) {
            shelf = object -> shelving.levels(object.name(), object.dates().created()).get(level);
        } else {
            long width = level == shelving.ownLevels() ? IdRange.widthFor(here.stream().mapToLong(Placed::id).toArray(), limit)
                    : IdRange.parse(path.get(level - 1), limit).width() / 10;
            shelf = object -> IdRange.of(object.id(), width).name();
        }
        Map<String, List<Placed<T>>> shelves = new TreeMap<>(ORDER);
        for (Placed<T> object : here) {
            shelves.computeIfAbsent(shelf.apply(object), name -> new ArrayList<>()).add(object);
        }
        return shelves;
    }

    /** The objects on the deepest shelf the object {@code id} stands on: those a listing shows beside it (all of them where nothing splits). */
    static <T> List<Placed<T>> mates(Shelving shelving, int limit, List<Placed<T>> objects, long id) {
        List<String> path = new ArrayList<>();
        List<Placed<T>> here = objects;
        while (ShelfListing.splits(shelving, limit, path, here.size())) {
            Map.Entry<String, List<Placed<T>>> shelf = below(shelving, limit, path, here).entrySet().stream()
                    .filter(entry -> entry.getValue().stream().anyMatch(object -> object.id() == id)).findFirst().orElse(null);
            if (shelf == null) {
                return List.of();
            }
            path.add(shelf.getKey());
            here = shelf.getValue();
        }
        return here;
    }

    /** The newest change and the oldest object among them: a shelf changes when anything on it does. */
    static ObjectKind.Dates datesOf(List<? extends Placed<?>> members) {
        Instant modified = null;
        Instant created = null;
        for (Placed<?> member : members) {
            Instant changed = member.dates().modified();
            Instant made = member.dates().created() != null ? member.dates().created() : changed;
            if (changed != null && (modified == null || changed.isAfter(modified))) {
                modified = changed;
            }
            if (made != null && (created == null || made.isBefore(created))) {
                created = made;
            }
        }
        return new ObjectKind.Dates(modified, created);
    }

    private static long leadingNumber(String name) {
        int end = 0;
        while (end < name.length() && end < 18 && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE : Long.parseLong(name.substring(0, end));
    }
}
