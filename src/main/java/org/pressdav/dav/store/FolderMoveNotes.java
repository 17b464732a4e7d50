package org.pressdav.dav.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pressdav.dav.DavPath;

/**
 * The folder moves {@link DiskScratchFiles} notes before WordPress is asked to make them: a file
 * each in {@code dir}, written whole (synced, then renamed into place) before the move starts and
 * removed when the users' files have followed or the move did not happen. The notes a stopped
 * process left are read back at start; one this process made counts as unfinished only once the
 * move has had longer than any WordPress answer takes. A note lapses with the files' time to live.
 */
final class FolderMoveNotes {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FolderMoveNotes.class);

    /** How long a move this process noted may wait for WordPress before it counts as unfinished: past any WordPress timeout. */
    static final Duration MOVE_UNDER_WAY = Duration.ofMinutes(5);

    private final Path dir;
    private final Duration ttl;
    private final Clock clock;
    private final Map<FolderMove, Path> noted = new ConcurrentHashMap<>();
    private final Set<Path> leftByEarlierProcess = ConcurrentHashMap.newKeySet();

    FolderMoveNotes(Path dir, Duration ttl, Clock clock) {
        this.dir = dir;
        this.ttl = ttl;
        this.clock = clock;
        readLeftBehind();
    }

    void note(FolderMove move) throws IOException {
        Files.createDirectories(dir);
        Path note = dir.resolve(UUID.randomUUID() + ".move");
        Path written = dir.resolve(note.getFileName() + ".part");
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((move.from().encoded() + "\n" + move.to().encoded() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.setLastModifiedTime(written, FileTime.from(clock.instant()));
        Files.move(written, note, StandardCopyOption.ATOMIC_MOVE);
        Path earlier = noted.put(move, note);
        if (earlier != null) {
            Files.deleteIfExists(earlier);
        }
    }

    void drop(FolderMove move) throws IOException {
        Path note = noted.remove(move);
        if (note != null) {
            Files.deleteIfExists(note);
        }
    }

    List<FolderMove> unfinished() {
        if (noted.isEmpty()) {
            return List.of();
        }
        noted.entrySet().removeIf(entry -> lapsed(entry.getValue()));
        return noted.entrySet().stream().filter(entry -> !underWay(entry.getValue())).map(Map.Entry::getKey).toList();
    }

    /** A note older than the files' time to live is dropped: the files it would have carried are gone too. */
    private boolean lapsed(Path note) {
        try {
            if (Files.getLastModifiedTime(note).toInstant().plus(ttl).isBefore(clock.instant())) {
                Files.deleteIfExists(note);
                return true;
            }
            return false;
        } catch (IOException gone) {
            return true;
        }
    }

    /** A note this process made lately belongs to a move still waiting for WordPress's answer. */
    private boolean underWay(Path note) {
        try {
            Instant made = Files.getLastModifiedTime(note).toInstant();
            return !leftByEarlierProcess.contains(note) && made.plus(MOVE_UNDER_WAY).isAfter(clock.instant());
        } catch (IOException gone) {
            return false;
        }
    }

    /** The notes a process that stopped left behind; a note cut short (.part) was never acted on. */
    private void readLeftBehind() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> notes = Files.list(dir)) {
            for (Path note : notes.toList()) {
                FolderMove move = read(note);
                if (move != null) {
                    noted.put(move, note);
                    leftByEarlierProcess.add(note);
                } else {
                    if (note.toString().endsWith(".move")) {
                        log.warn("a folder move's note {} cannot be read: dropped (the users' own files of that folder may stay where they were)", note);
                    }
                    Files.deleteIfExists(note);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FolderMove read(Path note) {
        try {
            List<String> lines = note.toString().endsWith(".move") ? Files.readAllLines(note, StandardCharsets.UTF_8) : List.of();
            return lines.size() == 2 ? new FolderMove(DavPath.parseEncoded(lines.get(0)), DavPath.parseEncoded(lines.get(1))) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
