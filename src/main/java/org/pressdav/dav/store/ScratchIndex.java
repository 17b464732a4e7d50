package org.pressdav.dav.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.pressdav.dav.DavPath;

/**
 * What each user keeps in {@link DiskScratchFiles} of one instance ({@link ScratchBook}), in memory, so that a lookup or a listing never
 * asks the disk (the drive asks on every request for a name WordPress does not have). Read from the
 * disk when the store opens; after that the store changes the disk and a user's {@link Entries}
 * together, holding that user's entries' lock, so that no lookup sees a file the disk has lost or
 * misses one it gained.
 */
final class ScratchIndex implements ScratchBook {
    /** A partial write's name: never one of the user's files, and never counted. */
    static final String PARTIAL = ".pressdav-";

    /** A file (with its length) or a folder under a user's folder, and when it last changed. */
    record Entry(DavPath path, boolean folder, long length, Instant modified) {
        static Entry file(DavPath path, long length, Instant modified) {
            return new Entry(path, false, length, modified);
        }

        static Entry folder(DavPath path, Instant modified) {
            return new Entry(path, true, 0, modified);
        }
    }

    private final Map<String, Entries> users = new ConcurrentHashMap<>();

    /** The index of what is under {@code root} now: a folder per user, as {@link DiskScratchFiles} lays it out. */
    static ScratchIndex read(Path root) {
        ScratchIndex index = new ScratchIndex();
        if (!Files.isDirectory(root)) {
            return index;
        }
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String user = dir.getFileName().toString();
                if (!user.startsWith(".")) { // .moves/ holds no user's files
                    index.of(user).read(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    /** The user's entries, empty for a user who keeps nothing yet. */
    @Override
    public Entries of(String user) {
        return users.computeIfAbsent(user, u -> new Entries());
    }

    /** The user's lock is their entries' own. */
    @Override
    public <T> T change(String user, Change<T> change) throws IOException {
        Entries entries = of(user);
        synchronized (entries) {
            return change.apply(entries);
        }
    }

    /** Every user the index knows. */
    @Override
    public Set<String> users() {
        return users.keySet();
    }

    /**
     * One user's files and folders, by the folder they are in. Every method holds the lock of
     * this object; the store holds it too around a change of the disk and of the entries.
     */
    static final class Entries {
        /** Each folder that exists (the user's own folder itself too, at the root) and what is in it, by name. */
        private final Map<DavPath, TreeMap<String, Entry>> folders = new HashMap<>();

        Entries() {
            folders.put(DavPath.ROOT, new TreeMap<>());
        }

        /** What is at this path, or null; the root is the user's own folder, not an entry. */
        synchronized Entry at(DavPath path) {
            Map<String, Entry> in = folders.get(path.parent());
            return path.isRoot() || in == null ? null : in.get(path.name());
        }

        /** What is directly in this folder, by name; nothing if it does not exist. */
        synchronized List<Entry> in(DavPath folder) {
            Map<String, Entry> in = folders.get(folder);
            return in == null ? List.of() : List.copyOf(in.values());
        }

        /** Whether something is in this folder. */
        synchronized boolean holdsAnything(DavPath folder) {
            Map<String, Entry> in = folders.get(folder);
            return in != null && !in.isEmpty();
        }

        /** Everything below this folder, deepest first, so that a folder comes after what is in it. */
        synchronized List<Entry> below(DavPath folder) {
            List<Entry> found = new ArrayList<>();
            collect(folder, found);
            return found;
        }

        private void collect(DavPath folder, List<Entry> found) {
            for (Entry entry : folders.getOrDefault(folder, new TreeMap<>()).values()) {
                if (entry.folder()) {
                    collect(entry.path(), found);
                }
                found.add(entry);
            }
        }

        /** Every file and folder of the user's. */
        synchronized List<Entry> all() {
            return below(DavPath.ROOT);
        }

        /**
         * Puts the entry in its place, replacing what was there (a folder with all in it), and the
         * folders it is in where they are missing, as the disk makes them; the folder it is put
         * in changed at {@code now}.
         */
        synchronized void put(Entry entry, Instant now) {
            DavPath parent = entry.path().parent();
            made(parent, now);
            Entry replaced = folders.get(parent).put(entry.path().name(), entry);
            if (replaced != null && replaced.folder() && !entry.folder()) {
                dropFolders(replaced.path());
            }
            if (entry.folder()) {
                folders.putIfAbsent(entry.path(), new TreeMap<>());
            }
            touch(parent, now);
        }

        /** Makes this folder and those it is in where missing, each as changed at {@code now}. */
        private void made(DavPath folder, Instant now) {
            if (folders.containsKey(folder)) {
                return;
            }
            made(folder.parent(), now);
            folders.get(folder.parent()).put(folder.name(), Entry.folder(folder, now));
            folders.put(folder, new TreeMap<>());
        }

        /** A folder changes when a name is added to or taken from it, as on disk. */
        private void touch(DavPath folder, Instant now) {
            Entry entry = at(folder);
            if (entry != null) {
                folders.get(folder.parent()).put(folder.name(), Entry.folder(folder, now));
            }
        }

        /** Takes the entry at this path away, a folder with all in it; what went, deepest first (nothing if nothing was there). */
        synchronized List<Entry> remove(DavPath path, Instant now) {
            Entry entry = at(path);
            if (entry == null) {
                return List.of();
            }
            List<Entry> gone = entry.folder() ? below(path) : new ArrayList<>();
            gone.add(entry);
            folders.get(path.parent()).remove(path.name());
            dropFolders(path);
            touch(path.parent(), now);
            return gone;
        }

        private void dropFolders(DavPath folder) {
            folders.keySet().removeIf(known -> known.startsWith(folder));
        }

        /**
         * The entry at {@code from}, and all in it if a folder, now at {@code to} in place of what
         * was there, each as changed when it was before.
         */
        synchronized void move(DavPath from, DavPath to, Instant now) {
            List<Entry> moving = remove(from, now);
            remove(to, now);
            made(to.parent(), now);
            for (int i = moving.size() - 1; i >= 0; i--) { // a folder before what is in it
                Entry entry = moving.get(i);
                add(new Entry(to.resolve(entry.path().relativeTo(from)), entry.folder(), entry.length(), entry.modified()));
            }
            touch(to.parent(), now);
        }

        /** Entries made of these (as {@link #all} gives them, in any order), each folder they are in among them. */
        static Entries of(Collection<Entry> all) {
            List<Entry> byDepth = new ArrayList<>(all);
            byDepth.sort(Comparator.comparingInt(entry -> entry.path().segments().size()));
            Entries entries = new Entries();
            for (Entry entry : byDepth) {
                if (entries.folders.containsKey(entry.path().parent())) { // one whose folder is missing was never whole: left out
                    entries.add(entry);
                }
            }
            return entries;
        }

        /** Reads a user's folder from the disk, a partial write left by a stopped process aside. */
        synchronized void read(Path userDir) throws IOException {
            Files.walkFileTree(userDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(userDir)) {
                        add(Entry.folder(pathOf(userDir, dir), attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(PARTIAL)) {
                        add(Entry.file(pathOf(userDir, file), attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        /** Adds an entry whose folder is known, keeping its time (read from disk, or moved). */
        private void add(Entry entry) {
            folders.get(entry.path().parent()).put(entry.path().name(), entry);
            if (entry.folder()) {
                folders.put(entry.path(), new TreeMap<>());
            }
        }
    }

    /** The drive's path of a file or folder under a user's folder on disk. */
    static DavPath pathOf(Path userDir, Path file) {
        DavPath path = DavPath.ROOT;
        for (Path name : userDir.relativize(file)) {
            path = path.child(name.toString());
        }
        return path;
    }
}
