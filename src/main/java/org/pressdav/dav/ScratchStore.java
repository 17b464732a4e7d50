package org.pressdav.dav;

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

/**
 * Where temporary files live ({@link TemporaryNames}): a folder per user in pressdav's data
 * directory, laid out like the drive, never sent to WordPress. Each user may keep at most
 * {@code maxBytes}; a file untouched for {@code ttl} is removed.
 */
public final class ScratchStore {
    private final Path root;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, AtomicLong> usage = new ConcurrentHashMap<>();

    public ScratchStore(Path root, long maxBytes, Duration ttl, Clock clock) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    public ScratchFile find(DavSession session, DavPath path) {
        Path file = fileOf(session, path);
        if (!Files.isRegularFile(file) || expired(file)) {
            return null;
        }
        return new ScratchFile(file, path.name());
    }

    /** The temporary files kept in this folder of the drive. */
    public List<ScratchFile> list(DavSession session, DavPath folder) {
        Path dir = fileOf(session, folder);
        List<ScratchFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry) && !name.startsWith(".pressdav-") && !expired(entry)) {
                    files.add(new ScratchFile(entry, name));
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
    public boolean write(DavSession session, DavPath path, InputStream body) throws IOException {
        Path file = fileOf(session, path);
        boolean created = !Files.isRegularFile(file);
        Files.createDirectories(file.getParent());
        AtomicLong used = usageOf(session);
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

    public boolean delete(DavSession session, DavPath path) throws IOException {
        Path file = fileOf(session, path);
        long size = sizeOf(file);
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            usageOf(session).addAndGet(-size);
        }
        return deleted;
    }

    /** Renames a temporary file to another name of the same user. */
    public void move(DavSession session, DavPath from, DavPath to) throws IOException {
        Path target = fileOf(session, to);
        long replaced = sizeOf(target);
        Files.createDirectories(target.getParent());
        Files.move(fileOf(session, from), target, StandardCopyOption.REPLACE_EXISTING);
        usageOf(session).addAndGet(-replaced);
    }

    /** The bytes this user's files take, counted from disk once, then kept up to date by every change. */
    private AtomicLong usageOf(DavSession session) {
        return usage.computeIfAbsent(session.userKey(), user -> new AtomicLong(diskUsage(userDir(session))));
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
                    .mapToLong(ScratchStore::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path userDir(DavSession session) {
        return root.resolve(session.userKey());
    }

    private Path fileOf(DavSession session, DavPath path) {
        Path file = userDir(session);
        for (String segment : path.segments()) {
            if (segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new DavPath.BadPathException("a name may be at most 255 bytes long");
            }
            file = file.resolve(segment);
        }
        return file;
    }
}
