package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pressdav.wordpress.Media;

/**
 * The media library as folders, each with its entries by name: made once from one listing of the
 * library (and of the folders made on the drive), so that a folder finds a child by name and lists
 * its own entries without going over the whole library ({@link MediaLibrary#tree}).
 */
final class MediaTree {
    /** One entry of a folder: a file (its attachment) or a folder (the dates of the files in it; null for a folder without files). */
    record Entry(Media file, Dates dates) {
        boolean isFolder() {
            return file == null;
        }
    }

    /**
     * A folder's own dates, as Finder shows a folder's: made when its first file was uploaded,
     * changed when the newest file inside it, at any depth, last changed. WordPress keeps no dates of folders.
     */
    record Dates(Instant created, Instant modified) {
        static Dates of(Media media) {
            Instant created = media.dateGmt() != null ? media.dateGmt() : media.modifiedGmt();
            Instant modified = media.modifiedGmt() != null ? media.modifiedGmt() : created;
            return new Dates(created, modified);
        }

        Dates with(Dates other) {
            return new Dates(earliest(created, other.created), latest(modified, other.modified));
        }

        static Instant earliest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }
    }

    private final Map<List<String>, Map<String, Entry>> folders;
    /** Each attachment's path, for what names one by its id (a post's featured image). */
    private final Map<Long, List<String>> paths;
    private final Set<List<String>> made;
    /** The listing of made folders this tree was built from, to tell when it changed. */
    private final List<String> madeFrom;

    private MediaTree(Map<List<String>, Map<String, Entry>> folders, Map<Long, List<String>> paths, Set<List<String>> made,
            List<String> madeFrom) {
        this.folders = folders;
        this.paths = paths;
        this.made = made;
        this.madeFrom = madeFrom;
    }

    /**
     * Every attachment at its path (files first, in the library's order, then the folders their
     * paths make, then the folders made on the drive that hold nothing); a file's name wins over a
     * folder's of the same name.
     */
    static MediaTree of(Map<List<String>, Media> byPath, List<List<String>> madeFolders, List<String> madeFrom) {
        Map<List<String>, Map<String, Media>> files = new HashMap<>();
        Map<List<String>, Map<String, Dates>> inner = new HashMap<>();
        Map<Long, List<String>> paths = new HashMap<>();
        for (Map.Entry<List<String>, Media> file : byPath.entrySet()) {
            List<String> path = file.getKey();
            paths.put(file.getValue().id(), List.copyOf(path));
            Dates dates = Dates.of(file.getValue());
            for (int depth = 0; depth < path.size(); depth++) {
                List<String> folder = List.copyOf(path.subList(0, depth));
                String name = path.get(depth);
                if (depth == path.size() - 1) {
                    files.computeIfAbsent(folder, f -> new LinkedHashMap<>()).putIfAbsent(name, file.getValue());
                } else {
                    inner.computeIfAbsent(folder, f -> new LinkedHashMap<>()).merge(name, dates, Dates::with);
                }
            }
        }
        Map<List<String>, Map<String, Entry>> folders = new HashMap<>();
        files.forEach((folder, named) -> named.forEach((name, media) ->
                folders.computeIfAbsent(folder, f -> new LinkedHashMap<>()).put(name, new Entry(media, null))));
        inner.forEach((folder, named) -> named.forEach((name, dates) ->
                folders.computeIfAbsent(folder, f -> new LinkedHashMap<>()).putIfAbsent(name, new Entry(null, dates))));
        Set<List<String>> made = new HashSet<>();
        for (List<String> folder : madeFolders) {
            made.add(List.copyOf(folder));
            for (int depth = 0; depth < folder.size(); depth++) {
                folders.computeIfAbsent(List.copyOf(folder.subList(0, depth)), f -> new LinkedHashMap<>())
                        .putIfAbsent(folder.get(depth), new Entry(null, null));
            }
        }
        return new MediaTree(folders, paths, made, madeFrom);
    }

    boolean builtFrom(List<String> madeFolders) {
        return madeFrom == madeFolders;
    }

    /** The entries of a folder, in listing order; empty for a folder that holds nothing (or is not there). */
    List<Map.Entry<String, Entry>> in(List<String> folder) {
        return new ArrayList<>(folders.getOrDefault(folder, Map.of()).entrySet());
    }

    /** One entry of a folder by its name, or null. */
    Entry child(List<String> folder, String name) {
        return folders.getOrDefault(folder, Map.of()).get(name);
    }

    /** The path of the attachment with this id, as its folders show it; null for one this tree does not hold. */
    List<String> pathOf(long id) {
        return paths.get(id);
    }

    /** The attachment at this path, or null where there is no file (a folder, or nothing). */
    Media fileAt(List<String> path) {
        if (path.isEmpty()) {
            return null;
        }
        Entry entry = child(List.copyOf(path.subList(0, path.size() - 1)), path.get(path.size() - 1));
        return entry == null ? null : entry.file();
    }

    /** Whether the folder was made on the drive (and so is the plugin's to delete), not only by its files' paths. */
    boolean isMade(List<String> folder) {
        return made.contains(folder);
    }
}
