package org.pressdav.dav.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locks {@link DiskLockSystem} keeps, one small JSON file each, named after the lock's token:
 * parallel locks on different files never rewrite one shared file, and a damaged file costs one
 * lock. A file is replaced whole, written under a temporary name and then moved over the old one
 * atomically, so that a crash mid-write leaves the old version (or none), never half a lock.
 */
final class LockFiles {
    private static final Logger log = LoggerFactory.getLogger(LockFiles.class);
    private static final String SUFFIX = ".lock";
    private static final String PARTIAL = ".tmp";

    private final Path dir;

    LockFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /*
     * No fsync: what must survive is a restart or a crash of the process, which the page cache
     * survives; a power cut may lose the last few lock changes, and a lock lasts an hour at most.
     */
    void write(LockSystem.Lock lock) throws IOException {
        Path partial = Files.createTempFile(dir, ".", PARTIAL);
        try {
            Files.write(partial, LockJson.write(lock).getBytes(StandardCharsets.UTF_8));
            Files.move(partial, fileOf(lock.token()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    void delete(String token) throws IOException {
        Files.deleteIfExists(fileOf(token));
    }

    /**
     * Every lock kept. A file that cannot be read is logged and removed, and pressdav starts
     * without that lock rather than not at all: refusing to start would take the drive from every
     * user over one lock of at most an hour, and the lock lost leaves that one file as open as it
     * was before locks were kept. What a crash left half-written is removed: its lock's previous
     * version is whole beside it.
     */
    List<LockSystem.Lock> readAll() throws IOException {
        List<LockSystem.Lock> locks = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.endsWith(PARTIAL)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    try {
                        locks.add(read(file));
                    } catch (IOException | RuntimeException e) {
                        log.warn("the lock file {} cannot be read ({}); it is removed, and the lock it held is lost", file, e.getMessage());
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
        return locks;
    }

    private LockSystem.Lock read(Path file) throws IOException {
        LockSystem.Lock lock = LockJson.read(Files.readString(file));
        if (!fileOf(lock.token()).equals(file)) {
            throw new IllegalArgumentException("it holds the lock " + lock.token() + ", whose file has another name");
        }
        return lock;
    }

    private Path fileOf(String token) {
        return dir.resolve(Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + SUFFIX);
    }
}
