package org.pressdav.dav.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.TemporaryNames;

/**
 * {@link ScratchFiles} on disk: a folder per user in pressdav's data directory, laid out like the
 * drive. Each user who may upload keeps at most {@code maxBytes}, anyone else {@code smallMaxBytes},
 * and all users together {@code totalMaxBytes}; a file untouched for {@code ttl} is removed.
 * Folder moves under way are noted in {@code .moves/} beside the users' folders ({@link FolderMoveNotes}).
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
    private final Map<String, AtomicLong> usage = new ConcurrentHashMap<>();
    private final FolderMoveNotes moves;
    /** What all users' files take: counted from disk at start, then kept up to date with every user's own count. */
    private final AtomicLong total;

    public DiskScratchFiles(Path root, long maxBytes, long smallMaxBytes, long totalMaxBytes, Duration ttl, Clock clock) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.smallMaxBytes = smallMaxBytes;
        this.totalMaxBytes = totalMaxBytes;
        this.ttl = ttl;
        this.clock = clock;
        this.total = new AtomicLong(usersOnDisk().stream().mapToLong(user -> diskUsage(userDir(user))).sum());
        this.moves = new FolderMoveNotes(root.resolve(".moves"), ttl, clock);
    }

    @Override
    public ScratchFile find(String user, DavPath path) {
        Path file = fileOf(user, path);
        if (!Files.isRegularFile(file) || expired(file)) {
            return null;
        }
        return fileAt(file, user, path);
    }

    /** The temporary files kept in this folder of the drive. */
    @Override
    public List<ScratchFile> list(String user, DavPath folder) {
        List<ScratchFile> files = new ArrayList<>();
        for (String name : names(user, folder, Files::isRegularFile)) {
            Path entry = fileOf(user, folder.child(name));
            if (!name.startsWith(".pressdav-") && !expired(entry)) {
                files.add(fileAt(entry, user, folder.child(name)));
            }
        }
        return files;
    }

    /** The names in this folder of the user's on disk that pass {@code filter}. */
    private List<String> names(String user, DavPath folder, DirectoryStream.Filter<Path> filter) {
        Path dir = fileOf(user, folder);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, filter)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A folder is the user's own where it, or a folder it is in, has a temporary folder's name. */
    private static boolean isOwnFolder(DavPath path) {
        return path.segments().stream().anyMatch(TemporaryNames::matches);
    }

    @Override
    public ScratchFolder folder(String user, DavPath path) {
        Path dir = fileOf(user, path);
        if (path.isRoot() || !isOwnFolder(path) || !Files.isDirectory(dir) || expiredFolder(user, dir)) {
            return null;
        }
        return new ScratchFolder(user, path, modifiedOf(dir));
    }

    @Override
    public List<ScratchFolder> folders(String user, DavPath folder) {
        List<ScratchFolder> found = new ArrayList<>();
        for (String name : names(user, folder, Files::isDirectory)) {
            ScratchFolder own = folder(user, folder.child(name));
            if (own != null) {
                found.add(own);
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
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (IOException e) {
            release(owner.user(), FOLDER_BYTES);
            throw e;
        }
    }

    /** An empty folder of the user's own untouched for the time to live goes, like a file. */
    private boolean expiredFolder(String user, Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent() || !Files.getLastModifiedTime(dir).toInstant().plus(ttl).isBefore(clock.instant())) {
                return false;
            }
            if (Files.deleteIfExists(dir)) {
                release(user, FOLDER_BYTES);
            }
            return true;
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        boolean created = !Files.isRegularFile(file);
        Files.createDirectories(file.getParent());
        long replaced = created ? 0 : sizeOf(file);
        Path partial = Files.createTempFile(file.getParent(), ".pressdav-", ".part");
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
            long before = created ? 0 : sizeOf(file);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            release(user, before);
            reserved = 0;
            return created;
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

    /**
     * Gives {@code n} bytes that have left the disk back to the user's share and the total. A
     * user's count not made yet will be made from the disk, without them; the total had them from the start.
     */
    private void release(String user, long n) {
        AtomicLong used = usage.get(user);
        if (used != null) {
            used.addAndGet(-n);
        }
        total.addAndGet(-n);
    }

    @Override
    public boolean delete(String user, DavPath path) throws IOException {
        Path file = fileOf(user, path);
        if (Files.isDirectory(file) && !path.isRoot() && isOwnFolder(path)) {
            return deleteFolder(user, file);
        }
        long size = sizeOf(file);
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            release(user, size);
        }
        return deleted;
    }

    /** One of the user's own folders with everything in it, deepest first, each freed from their share. */
    private boolean deleteFolder(String user, Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = new ArrayList<>(walk.toList());
        }
        java.util.Collections.reverse(all);
        for (Path entry : all) {
            long size = bytesOf(userDir(user), entry);
            if (Files.deleteIfExists(entry)) {
                release(user, size);
            }
        }
        return true;
    }

    @Override
    public void carry(DavPath from, DavPath to) throws IOException {
        carryFiles(from, to);
        moves.drop(new FolderMove(from, to));
    }

    private void carryFiles(DavPath from, DavPath to) throws IOException {
        for (String user : usersOnDisk()) {
            Path source = fileOf(user, from);
            if (!Files.isDirectory(source)) {
                continue;
            }
            Path target = fileOf(user, to);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                Files.move(source, target);
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                Path moved = target.resolve(source.relativize(file).toString());
                long replaced = Files.isRegularFile(moved) ? sizeOf(moved) : 0;
                Files.createDirectories(moved.getParent());
                Files.move(file, moved, StandardCopyOption.REPLACE_EXISTING);
                release(user, replaced);
            }
            deleteFolder(user, source);
        }
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
        long replaced = sizeOf(target);
        Files.createDirectories(target.getParent());
        Files.move(fileOf(user, from), target, StandardCopyOption.REPLACE_EXISTING);
        release(user, replaced);
    }

    /** The bytes all users' files take. */
    @Override
    public long bytes() {
        return total.get();
    }

    /** Every user's folder; not {@code .moves/}, whose notes are no user's. */
    private List<String> usersOnDisk() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AtomicLong usageOf(String user) {
        return usage.computeIfAbsent(user, u -> new AtomicLong(diskUsage(userDir(u))));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    private boolean expired(Path file) {
        try {
            if (Files.getLastModifiedTime(file).toInstant().plus(ttl).isBefore(clock.instant())) {
                long size = sizeOf(file);
                if (Files.deleteIfExists(file)) {
                    release(root.relativize(file).getName(0).toString(), size);
                }
                return true;
            }
            return false;
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScratchFile fileAt(Path file, String user, DavPath path) {
        return new ScratchFile(user, path, file, sizeOf(file), modifiedOf(file));
    }

    /** When a file or folder of the store last changed. */
    private static Instant modifiedOf(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long diskUsage(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(f -> bytesOf(dir, f)).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an entry of a user's folder counts against their share: a file its size, a folder of their own a block. */
    private static long bytesOf(Path userDir, Path entry) {
        if (Files.isDirectory(entry)) {
            return !entry.equals(userDir) && isOwnFolder(DavPath.parseDecoded("/" + userDir.relativize(entry).toString())) ? FOLDER_BYTES : 0;
        }
        return entry.getFileName().toString().startsWith(".pressdav-") ? 0 : sizeOf(entry);
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
