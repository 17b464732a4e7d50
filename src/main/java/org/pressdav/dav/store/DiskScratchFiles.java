package org.pressdav.dav.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.TemporaryNames;
import org.pressdav.dav.store.ScratchIndex.Entries;
import org.pressdav.dav.store.ScratchIndex.Entry;

/**
 * {@link ScratchFiles} on disk: a folder per user in pressdav's data directory, laid out like the
 * drive. Each user who may upload keeps at most {@code maxBytes}, anyone else {@code smallMaxBytes},
 * and all users together {@code totalMaxBytes}; a file untouched for {@code ttl} is removed.
 * What each user keeps is known from memory ({@link ScratchIndex}, read from disk at start), as the
 * drive asks on every request for a name WordPress does not have: a lookup or a listing never asks
 * the disk, only a client reading a file's bytes does. Every change of the disk changes the index
 * under the user's lock. Folder moves under way are noted in {@code .moves/} beside the users'
 * folders ({@link FolderMoveNotes}).
 */
public final class DiskScratchFiles implements ScratchFiles {
    /** What a folder of the user's own counts against their share: a block of the disk, so that empty folders are bounded too. */
    static final long FOLDER_BYTES = 4096;

    private final Path root;
    private final long maxBytes;
    private final long smallMaxBytes;
    private final long totalMaxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final ScratchIndex index;
    /** What each user's files take: counted from the index at start, then kept up to date with every change. */
    private final Map<String, AtomicLong> usage = new ConcurrentHashMap<>();
    private final FolderMoveNotes moves;
    /** What all users' files take. */
    private final AtomicLong total = new AtomicLong();

    public DiskScratchFiles(Path root, long maxBytes, long smallMaxBytes, long totalMaxBytes, Duration ttl, Clock clock) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.smallMaxBytes = smallMaxBytes;
        this.totalMaxBytes = totalMaxBytes;
        this.ttl = ttl;
        this.clock = clock;
        this.index = ScratchIndex.read(root);
        for (String user : index.users()) {
            long used = index.of(user).all().stream().mapToLong(DiskScratchFiles::bytesOf).sum();
            usage.put(user, new AtomicLong(used));
            total.addAndGet(used);
        }
        this.moves = new FolderMoveNotes(root.resolve(".moves"), ttl, clock);
    }

    @Override
    public ScratchFile find(String user, DavPath path) {
        Path file = fileOf(user, path);
        Entry entry = index.of(user).at(path);
        if (entry == null || entry.folder() || lapsed(user, entry)) {
            return null;
        }
        return new ScratchFile(user, path, file, entry.length(), entry.modified());
    }

    /** The temporary files kept in this folder of the drive. */
    @Override
    public List<ScratchFile> list(String user, DavPath folder) {
        List<ScratchFile> files = new ArrayList<>();
        for (Entry entry : index.of(user).in(folder)) {
            if (!entry.folder() && !lapsed(user, entry)) {
                files.add(new ScratchFile(user, entry.path(), fileOf(user, entry.path()), entry.length(), entry.modified()));
            }
        }
        return files;
    }

    /** A folder is the user's own where it, or a folder it is in, has a temporary folder's name. */
    private static boolean isOwnFolder(DavPath path) {
        return path.segments().stream().anyMatch(TemporaryNames::matches);
    }

    @Override
    public ScratchFolder folder(String user, DavPath path) {
        fileOf(user, path); // a name longer than the disk takes is refused here too, as before
        if (path.isRoot() || !isOwnFolder(path)) {
            return null;
        }
        Entry entry = index.of(user).at(path);
        return entry == null || !entry.folder() || lapsed(user, entry) ? null : new ScratchFolder(user, path, entry.modified());
    }

    @Override
    public List<ScratchFolder> folders(String user, DavPath folder) {
        List<ScratchFolder> found = new ArrayList<>();
        for (Entry entry : index.of(user).in(folder)) {
            if (entry.folder() && isOwnFolder(entry.path()) && !lapsed(user, entry)) {
                found.add(new ScratchFolder(user, entry.path(), entry.modified()));
            }
        }
        return found;
    }

    @Override
    public void makeFolder(Owner owner, DavPath path) throws IOException {
        if (!isOwnFolder(path)) {
            throw new IllegalArgumentException(path + " is not a temporary folder's name");
        }
        reserve(owner, FOLDER_BYTES, 0);
        Path dir = fileOf(owner.user(), path);
        Entries entries = index.of(owner.user());
        try {
            synchronized (entries) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);
                Instant now = clock.instant();
                entries.put(Entry.folder(path, now), now);
                Files.setLastModifiedTime(dir, FileTime.from(now)); // a restart reads the time the index had
            }
        } catch (IOException e) {
            release(owner.user(), FOLDER_BYTES);
            throw e;
        }
    }

    /**
     * Whether the file or folder {@code seen} is gone or has outlived the time to live untouched,
     * in which case it goes now; a folder outlives it only while it holds nothing.
     */
    private boolean lapsed(String user, Entry seen) {
        if (!seen.modified().plus(ttl).isBefore(clock.instant())) {
            return false;
        }
        Entries entries = index.of(user);
        synchronized (entries) {
            Entry now = entries.at(seen.path());
            if (now == null) {
                return true;
            }
            if (!now.modified().plus(ttl).isBefore(clock.instant()) || now.folder() && entries.holdsAnything(now.path())) {
                return false;
            }
            try {
                Files.deleteIfExists(fileOf(user, now.path()));
            } catch (DirectoryNotEmptyException writing) {
                return false; // a write into it is under way
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            forget(user, entries, now.path());
            return true;
        }
    }

    /**
     * Stores the body; returns whether the file is new. The old content stays until the new is
     * complete. Every chunk is reserved against the user's share and the total before it is
     * written, so that parallel writes can never take a user, or all users, past it together.
     */
    @Override
    public boolean write(Owner owner, DavPath path, InputStream body) throws IOException {
        String user = owner.user();
        Path file = fileOf(user, path);
        Entries entries = index.of(user);
        Entry old = entries.at(path);
        long replaced = old == null || old.folder() ? 0 : old.length();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ScratchIndex.PARTIAL, ".part");
        long reserved = 0;
        try {
            try (InputStream in = body; var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    reserve(owner, n, replaced);
                    reserved += n;
                    out.write(buffer, 0, n);
                }
            }
            synchronized (entries) {
                Entry before = entries.at(path);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Instant now = clock.instant();
                entries.put(Entry.file(path, reserved, now), now);
                release(user, before == null ? 0 : bytesOf(before));
                reserved = 0;
                Files.setLastModifiedTime(file, FileTime.from(now)); // a restart reads the time the index had
                return before == null;
            }
        } finally {
            release(user, reserved);
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Adds {@code n} bytes to the owner's use and to the total, or to neither if either would pass
     * its share (507); {@code credit}: the bytes of the file being replaced, which go when it does.
     */
    private void reserve(Owner owner, long n, long credit) {
        long share = owner.uploads() ? maxBytes : smallMaxBytes;
        AtomicLong used = usageOf(owner.user());
        if (!add(used, n, share + credit)) {
            throw new DavError.InsufficientStorage("Temporary files may take " + share + " bytes per user "
                    + (owner.uploads() ? "" : "who may not upload files ") + "on this server");
        }
        if (!add(total, n, totalMaxBytes + credit)) {
            used.addAndGet(-n);
            throw new DavError.InsufficientStorage("The room for all users' temporary files on this server is full; try again later");
        }
    }

    private static boolean add(AtomicLong used, long n, long limit) {
        while (true) {
            long now = used.get();
            if (now + n > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    /** Gives {@code n} bytes that have left the disk back to the user's share and the total. */
    private void release(String user, long n) {
        usageOf(user).addAndGet(-n);
        total.addAndGet(-n);
    }

    @Override
    public boolean delete(String user, DavPath path) throws IOException {
        Path file = fileOf(user, path);
        Entries entries = index.of(user);
        synchronized (entries) {
            Entry entry = entries.at(path);
            if (entry == null) {
                return false;
            }
            if (entry.folder() && isOwnFolder(path)) {
                deleteFolder(user, entries, path);
            } else {
                Files.deleteIfExists(file);
                forget(user, entries, path);
            }
            return true;
        }
    }

    /**
     * One of the user's folders with everything in it, deepest first, each freed from their share
     * as it leaves the disk; a write under way in it loses its partial file. The caller holds the
     * user's lock.
     */
    private void deleteFolder(String user, Entries entries, DavPath folder) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(fileOf(user, folder))) {
            all = new ArrayList<>(walk.toList());
        } catch (NoSuchFileException gone) {
            all = new ArrayList<>();
        }
        Collections.reverse(all);
        for (Path entry : all) {
            Files.deleteIfExists(entry);
            forget(user, entries, ScratchIndex.pathOf(userDir(user), entry));
        }
        forget(user, entries, folder); // what the disk had lost before
    }

    /** The entry at this path, and all in it, leave the index and give their room back. */
    private void forget(String user, Entries entries, DavPath path) {
        for (Entry gone : entries.remove(path, clock.instant())) {
            release(user, bytesOf(gone));
        }
    }

    /** The index follows a rename the disk made: what was at {@code to} gives its room back. */
    private void moved(String user, Entries entries, DavPath from, DavPath to) {
        if (!from.equals(to)) {
            forget(user, entries, to);
            entries.move(from, to, clock.instant());
        }
    }

    @Override
    public void carry(DavPath from, DavPath to) throws IOException {
        for (String user : List.copyOf(index.users())) {
            Entries entries = index.of(user);
            synchronized (entries) {
                carryFiles(user, entries, from, to);
            }
        }
        moves.drop(new FolderMove(from, to));
    }

    /** One user's files in {@code from} go to {@code to}: the folder whole where nothing is there yet, else file by file. */
    private void carryFiles(String user, Entries entries, DavPath from, DavPath to) throws IOException {
        Entry source = entries.at(from);
        if (source == null || !source.folder()) {
            return;
        }
        Path target = fileOf(user, to);
        Files.createDirectories(target.getParent());
        if (entries.at(to) == null) {
            Files.move(fileOf(user, from), target);
            entries.move(from, to, clock.instant());
            return;
        }
        for (Entry file : entries.below(from)) {
            if (!file.folder()) {
                DavPath movedTo = to.resolve(file.path().relativeTo(from));
                Path moved = fileOf(user, movedTo);
                Files.createDirectories(moved.getParent());
                Files.move(fileOf(user, file.path()), moved, StandardCopyOption.REPLACE_EXISTING);
                moved(user, entries, file.path(), movedTo);
            }
        }
        deleteFolder(user, entries, from);
    }

    @Override
    public void intendCarry(DavPath from, DavPath to) throws IOException {
        moves.note(new FolderMove(from, to));
    }

    @Override
    public void abandonCarry(DavPath from, DavPath to) throws IOException {
        moves.drop(new FolderMove(from, to));
    }

    @Override
    public List<FolderMove> unfinishedCarries() {
        return moves.unfinished();
    }

    /** Renames a temporary file to another name of the same user. */
    @Override
    public void move(String user, DavPath from, DavPath to) throws IOException {
        Path target = fileOf(user, to);
        Entries entries = index.of(user);
        synchronized (entries) {
            if (entries.at(from) == null) {
                throw new NoSuchFileException(from.toString());
            }
            Files.createDirectories(target.getParent());
            Files.move(fileOf(user, from), target, StandardCopyOption.REPLACE_EXISTING);
            moved(user, entries, from, to);
        }
    }

    /** The bytes all users' files take. */
    @Override
    public long bytes() {
        return total.get();
    }

    private AtomicLong usageOf(String user) {
        return usage.computeIfAbsent(user, u -> new AtomicLong());
    }

    /** What an entry counts against its user's share: a file its size, a folder of their own a block. */
    private static long bytesOf(Entry entry) {
        return !entry.folder() ? entry.length() : isOwnFolder(entry.path()) ? FOLDER_BYTES : 0;
    }

    private Path userDir(String user) {
        return root.resolve(user);
    }

    private Path fileOf(String user, DavPath path) {
        Path file = userDir(user);
        for (String segment : path.segments()) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new DavPath.BadPathException("a name may be at most 255 bytes long");
            }
            file = file.resolve(segment);
        }
        return file;
    }
}
