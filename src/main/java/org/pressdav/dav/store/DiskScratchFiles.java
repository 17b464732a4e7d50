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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * folders ({@link FolderMoveNotes}), in a folder per instance where several share the directory.
 * <p>
 * Several instances may share one data directory ({@link #shared}): what each user keeps is then
 * in {@link ScratchRecords} and what it takes in a {@link ScratchQuota} every instance counts in
 * (Redis), the user's lock is theirs too, and both are made again from the disk when an instance
 * opens the directory. A write stays atomic between instances: each writes its own partial file
 * and renames it into place.
 */
public final class DiskScratchFiles implements ScratchFiles {
    /** What a folder of the user's own counts against their share: a block of the disk, so that empty folders are bounded too. */
    static final long FOLDER_BYTES = 4096;
    /**
     * How much a write reserves ahead of its body where the quota is counted in another process (Redis): a call per
     * MiB, or per sixteenth of a smaller share, so that one write never holds a whole small share (1 MiB for who may
     * not upload) and a folder made beside it still fits.
     */
    static final long RESERVE_STEP = 1 << 20;

    private final Path root;
    private final long maxBytes;
    private final long smallMaxBytes;
    private final long totalMaxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final ScratchBook index;
    /** What each user's files take and all users' together: counted from the disk at start, then kept up to date with every change. */
    private final ScratchQuota quota;
    private final FolderMoveNotes moves;

    /** The data directory of one instance: what is in it known from memory. */
    public DiskScratchFiles(Path root, long maxBytes, long smallMaxBytes, long totalMaxBytes, Duration ttl, Clock clock) {
        this(root, maxBytes, smallMaxBytes, totalMaxBytes, ttl, clock, ScratchIndex.read(root), new InMemoryScratchQuota(), root.resolve(".moves"));
        Map<String, Long> used = new HashMap<>();
        for (String user : index.users()) {
            used.put(user, bytesOf(index.of(user)));
        }
        quota.recount(used);
    }

    private DiskScratchFiles(Path root, long maxBytes, long smallMaxBytes, long totalMaxBytes, Duration ttl, Clock clock, ScratchBook index,
            ScratchQuota quota, Path moveNotes) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.smallMaxBytes = smallMaxBytes;
        this.totalMaxBytes = totalMaxBytes;
        this.ttl = ttl;
        this.clock = clock;
        this.index = index;
        this.quota = quota;
        this.moves = new FolderMoveNotes(moveNotes, ttl, clock);
    }

    /**
     * A data directory several instances share (a shared volume): what each user keeps is in
     * {@code records} and what it takes in {@code quota}, both kept where every instance sees
     * them. Opening recounts both from the disk, user by user under the user's lock.
     * <p>
     * Each instance notes its folder moves in {@code .moves/<instance>/}: at start an instance
     * takes the notes it finds as left by a process that stopped, which only its own earlier
     * process can be; in a shared {@code .moves/} it would finish (and drop the half-written notes
     * of) moves other instances have under way. An instance restarted under the same name finishes
     * its own notes; another instance's notes are finished when that instance (the same
     * {@code --instance-name}) starts again, or lapse with the files' time to live.
     */
    public static DiskScratchFiles shared(Path root, long maxBytes, long smallMaxBytes, long totalMaxBytes, Duration ttl, Clock clock,
            String instance, ScratchRecords records, ScratchQuota quota) throws IOException {
        SharedScratchIndex index = new SharedScratchIndex(records);
        Set<String> users = new TreeSet<>(records.users());
        users.addAll(ScratchIndex.read(root).users());
        for (String user : users) {
            records.locked(user, () -> {
                Entries onDisk = new Entries();
                if (Files.isDirectory(root.resolve(user))) {
                    onDisk.read(root.resolve(user));
                }
                index.replace(user, onDisk);
                quota.recount(Map.of(user, bytesOf(onDisk)));
                return null;
            });
        }
        return new DiskScratchFiles(root, maxBytes, smallMaxBytes, totalMaxBytes, ttl, clock, index, quota, root.resolve(".moves").resolve(instance));
    }

    private static long bytesOf(Entries entries) {
        return entries.all().stream().mapToLong(DiskScratchFiles::bytesOf).sum();
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
    public Contents contents(String user, DavPath folder) {
        List<ScratchFolder> folders = new ArrayList<>();
        List<ScratchFile> files = new ArrayList<>();
        for (Entry entry : index.of(user).in(folder)) {
            if (lapsed(user, entry)) {
                continue;
            }
            if (!entry.folder()) {
                files.add(new ScratchFile(user, entry.path(), fileOf(user, entry.path()), entry.length(), entry.modified()));
            } else if (isOwnFolder(entry.path())) {
                folders.add(new ScratchFolder(user, entry.path(), entry.modified()));
            }
        }
        return new Contents(folders, files);
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
    public void makeFolder(Owner owner, DavPath path) throws IOException {
        if (!isOwnFolder(path)) {
            throw new IllegalArgumentException(path + " is not a temporary folder's name");
        }
        reserve(owner, FOLDER_BYTES, 0);
        Path dir = fileOf(owner.user(), path);
        try {
            index.change(owner.user(), entries -> {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);
                Instant now = clock.instant();
                entries.put(Entry.folder(path, now), now);
                Files.setLastModifiedTime(dir, FileTime.from(now)); // a restart reads the time the index had
                return null;
            });
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
        try {
            return index.change(user, entries -> lapsed(user, entries, seen));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, holding the user's lock: the entry is looked at again, as another request may have touched it. */
    private boolean lapsed(String user, Entries entries, Entry seen) throws IOException {
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
        }
        forget(user, entries, now.path());
        return true;
    }

    /**
     * Stores the body; returns whether the file is new. The old content stays until the new is
     * complete. Every chunk is reserved against the user's share and the total before it is
     * written, so that parallel writes can never take a user, or all users, past it together;
     * a quota counted elsewhere reserves ahead in steps ({@link #RESERVE_STEP}), the rest given
     * back when the body ends or fails.
     */
    @Override
    public boolean write(Owner owner, DavPath path, InputStream body) throws IOException {
        String user = owner.user();
        Path file = fileOf(user, path);
        Entry old = index.of(user).at(path);
        long replaced = old == null || old.folder() ? 0 : old.length();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ScratchIndex.PARTIAL, ".part");
        long reserved = 0; // written and reserved ahead
        long written = 0;
        try {
            try (InputStream in = body; var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (written + n > reserved) {
                        reserved += reserveAhead(owner, written + n - reserved, replaced);
                    }
                    written += n;
                    out.write(buffer, 0, n);
                }
            }
            long unused = reserved - written;
            reserved = written; // given back once, even where the call giving it back fails
            release(user, unused);
            long length = written;
            boolean made = index.change(user, entries -> {
                Entry before = entries.at(path);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Instant now = clock.instant();
                entries.put(Entry.file(path, length, now), now);
                release(user, before == null ? 0 : bytesOf(before));
                Files.setLastModifiedTime(file, FileTime.from(now)); // a restart reads the time the index had
                return before == null;
            });
            reserved = 0;
            return made;
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
        refuse(owner, share, quota.reserve(owner.user(), n, share + credit, totalMaxBytes + credit));
    }

    /** The same for {@code needed} bytes and, where the quota reserves ahead and the shares have room, up to a step: the bytes reserved. */
    private long reserveAhead(Owner owner, long needed, long credit) {
        long share = owner.uploads() ? maxBytes : smallMaxBytes;
        ScratchQuota.Reserved reserved = quota.reserveAhead(owner.user(), needed, Math.max(needed, Math.min(RESERVE_STEP, share / 16)), share + credit,
                totalMaxBytes + credit);
        refuse(owner, share, reserved.refusal());
        return reserved.bytes();
    }

    private static void refuse(Owner owner, long share, ScratchQuota.Refusal refusal) {
        switch (refusal) {
            case USER -> throw new DavError.InsufficientStorage("Temporary files may take " + share + " bytes per user "
                    + (owner.uploads() ? "" : "who may not upload files ") + "on this server");
            case TOTAL -> throw new DavError.InsufficientStorage("The room for all users' temporary files on this server is full; try again later");
            case NONE -> {
            }
        }
    }

    /** Gives {@code n} bytes that have left the disk back to the user's share and the total. */
    private void release(String user, long n) {
        if (n != 0) {
            quota.release(user, n);
        }
    }

    @Override
    public boolean delete(String user, DavPath path) throws IOException {
        Path file = fileOf(user, path);
        return index.change(user, entries -> {
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
        });
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
            index.change(user, entries -> {
                carryFiles(user, entries, from, to);
                return null;
            });
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
        index.change(user, entries -> {
            if (entries.at(from) == null) {
                throw new NoSuchFileException(from.toString());
            }
            Files.createDirectories(target.getParent());
            Files.move(fileOf(user, from), target, StandardCopyOption.REPLACE_EXISTING);
            moved(user, entries, from, to);
            return null;
        });
    }

    /** The bytes all users' files take. */
    @Override
    public long bytes() {
        return quota.total();
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
