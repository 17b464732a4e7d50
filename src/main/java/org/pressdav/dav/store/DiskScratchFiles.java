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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;

/**
 * {@link ScratchFiles} on disk: a folder per user in pressdav's data directory, laid out like the
 * drive. Each user may keep at most {@code maxBytes}; a file untouched for {@code ttl} is removed.
 */
public final class DiskScratchFiles implements ScratchFiles {
    private final Path root;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, AtomicLong> usage = new ConcurrentHashMap<>();

    public DiskScratchFiles(Path root, long maxBytes, Duration ttl, Clock clock) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public ScratchFile find(String user, DavPath path) {
        Path file = fileOf(user, path);
        if (!Files.isRegularFile(file) || expired(file)) {
            return null;
        }
        return new ScratchFile(file, this, user, path);
    }

    /** The temporary files kept in this folder of the drive. */
    @Override
    public List<ScratchFile> list(String user, DavPath folder) {
        Path dir = fileOf(user, folder);
        List<ScratchFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry) && !name.startsWith(".pressdav-") && !expired(entry)) {
                    files.add(new ScratchFile(entry, this, user, folder.child(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Stores the body; returns whether the file is new. The old content stays until the new is
     * complete. Every chunk is reserved against the user's share before it is written, so that
     * parallel writes can never take a user past it together.
     */
    @Override
    public boolean write(String user, DavPath path, InputStream body) throws IOException {
        Path file = fileOf(user, path);
        boolean created = !Files.isRegularFile(file);
        Files.createDirectories(file.getParent());
        AtomicLong used = usageOf(user);
        long replaced = created ? 0 : sizeOf(file);
        Path partial = Files.createTempFile(file.getParent(), ".pressdav-", ".part");
        long reserved = 0;
        try {
            try (InputStream in = body; var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (!reserve(used, n, replaced)) {
                        throw new DavError.InsufficientStorage("Temporary files may take " + maxBytes + " bytes per user on this server");
                    }
                    reserved += n;
                    out.write(buffer, 0, n);
                }
            }
            long before = created ? 0 : sizeOf(file);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            used.addAndGet(-before);
            reserved = 0;
            return created;
        } finally {
            used.addAndGet(-reserved);
            Files.deleteIfExists(partial);
        }
    }

    /** Adds {@code n} bytes to the user's use if that stays within the share ({@code credit}: the bytes of the file being replaced). */
    private boolean reserve(AtomicLong used, long n, long credit) {
        while (true) {
            long now = used.get();
            if (now + n > maxBytes + credit) {
                return false;
            }
            if (used.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    @Override
    public boolean delete(String user, DavPath path) throws IOException {
        Path file = fileOf(user, path);
        long size = sizeOf(file);
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            usageOf(user).addAndGet(-size);
        }
        return deleted;
    }

    /** Renames a temporary file to another name of the same user. */
    @Override
    public void move(String user, DavPath from, DavPath to) throws IOException {
        Path target = fileOf(user, to);
        long replaced = sizeOf(target);
        Files.createDirectories(target.getParent());
        Files.move(fileOf(user, from), target, StandardCopyOption.REPLACE_EXISTING);
        usageOf(user).addAndGet(-replaced);
    }

    /** The bytes this user's files take, counted from disk once, then kept up to date by every change. */
    @Override
    public long bytes() {
        return usage.values().stream().mapToLong(AtomicLong::get).sum();
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
                    AtomicLong used = usage.get(root.relativize(file).getName(0).toString());
                    if (used != null) {
                        used.addAndGet(-size);
                    }
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

    private long diskUsage(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".pressdav-"))
                    .mapToLong(DiskScratchFiles::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
