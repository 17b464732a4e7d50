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

    public ScratchStore(Path root, long maxBytes, Duration ttl, Clock clock) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A write that would take a user past their share: 507. */
    public static final class Full extends Exception {
        Full(String message) {
            super(message);
        }
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

    /** Stores the body; returns whether the file is new. The old content stays until the new is complete. */
    public boolean write(DavSession session, DavPath path, InputStream body) throws IOException, Full {
        Path file = fileOf(session, path);
        boolean created = !Files.isRegularFile(file);
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".pressdav-", ".part");
        try {
            long used = usage(session) - (created ? 0 : Files.size(file));
            try (InputStream in = body; var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                long written = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    written += n;
                    if (used + written > maxBytes) {
                        throw new Full("Temporary files may take " + maxBytes + " bytes per user on this server");
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return created;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public boolean delete(DavSession session, DavPath path) throws IOException {
        return Files.deleteIfExists(fileOf(session, path));
    }

    /** Renames a temporary file to another temporary name. */
    public void move(DavSession session, DavPath from, DavPath to) throws IOException {
        Path target = fileOf(session, to);
        Files.createDirectories(target.getParent());
        Files.move(fileOf(session, from), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean expired(Path file) {
        try {
            if (Files.getLastModifiedTime(file).toInstant().plus(ttl).isBefore(clock.instant())) {
                Files.deleteIfExists(file);
                return true;
            }
            return false;
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long usage(DavSession session) throws IOException {
        Path dir = userDir(session);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !expired(f)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private Path userDir(DavSession session) {
        return root.resolve(session.credentials().cacheKey().substring(0, Math.min(32, session.credentials().cacheKey().length())));
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
