package org.pressdav.dav.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.slf4j.LoggerFactory;

/** The lock contract kept on disk, plus what the disk adds: a restart (a new instance over the same folder) holds the same locks. */
class DiskLockSystemTest extends LockSystemContract {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final ResourceKey FOLDER = ResourceKey.ROOT.child("posts").child("#posts/12");
    private static final ResourceKey FILE = FOLDER.child("content.html");
    private static final DavPath PATH = DavPath.parseDecoded("/posts/12-x/content.html");

    private final Path dir = temporaryDir();

    @Override
    LockSystem newSystem() {
        return restartedAt(T0, temporaryDir());
    }

    private static LockSystem restartedAt(Instant now, Path dir) {
        try {
            return DiskLockSystem.open(dir, Clock.fixed(now, ZoneOffset.UTC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDir() {
        try {
            return Files.createTempDirectory("locks").resolve("locks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long files() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    @Test
    void aRestartHoldsEveryLiveLockAsItWas() {
        LockSystem before = restartedAt(T0, dir);
        LockSystem.Lock folder = before.create(T0, FOLDER, PATH.parent(), true, true, "<D:href>mailto:ana@example.org</D:href>", "user-1",
                Duration.ofMinutes(10));
        LockSystem.Lock shared = before.create(T0, ResourceKey.ROOT.child("media").child("#caf\u00e9/7"), DavPath.parseDecoded("/media/caf\u00e9 100%/x y.png"), false,
                false, null, "user-2", Duration.ofMinutes(30));
        LockSystem.Lock refreshed = before.refresh(T0.plusSeconds(60), shared.token(), shared.root(), "user-2", Duration.ofMinutes(20)).orElseThrow();

        LockSystem after = restartedAt(T0.plusSeconds(120), dir);
        assertEquals(List.of(folder), after.on(T0.plusSeconds(120), FILE), "token, owner, depth, user and timeout all kept");
        assertEquals(List.of(refreshed), after.on(T0.plusSeconds(120), shared.root()), "the refresh is what is kept");
        assertThrows(DavError.Locked.class, () -> after.confirm(T0.plusSeconds(120), "user-2", Set.of(), FILE, false));
        after.confirm(T0.plusSeconds(120), "user-1", Set.of(folder.token()), FILE, false);
        assertEquals(2, after.held(T0.plusSeconds(120)));
    }

    @Test
    void whatTimedOutUnlockedOrWentIsGoneAfterARestartAndWhatMovedStaysMoved() throws IOException {
        LockSystem before = restartedAt(T0, dir);
        before.create(T0, FOLDER.child("short"), PATH, true, false, null, "user-1", Duration.ofMinutes(1));
        LockSystem.Lock unlocked = before.create(T0, FOLDER.child("unlocked"), PATH, true, false, null, "user-1", Duration.ofMinutes(10));
        before.create(T0, FOLDER.child("deleted").child("x"), PATH, true, false, null, "user-1", Duration.ofMinutes(10));
        LockSystem.Lock moved = before.create(T0, FOLDER.child("name"), PATH, true, false, null, "user-1", Duration.ofMinutes(10));
        before.unlock(T0, unlocked.root(), unlocked.token(), "user-1", false);
        before.forget(FOLDER.child("deleted"));
        before.rekey(FOLDER.child("name"), FOLDER.child("#media/7"));

        Instant later = T0.plus(Duration.ofMinutes(5));
        LockSystem after = restartedAt(later, dir);
        assertEquals(1, after.held(later));
        assertEquals(List.of(moved.token()), after.on(later, FOLDER.child("#media/7")).stream().map(LockSystem.Lock::token).toList());
        assertEquals(1, files(), "the timed-out lock's file is removed at start");
    }

    @Test
    void theFilesOfTimedOutLocksDoNotPileUpWhileRunning() throws IOException {
        LockSystem locks = restartedAt(T0, dir);
        for (int i = 0; i < 5; i++) {
            locks.create(T0, FOLDER.child("f" + i), PATH, true, false, null, "user-1", Duration.ofMinutes(1));
        }
        locks.create(T0.plus(Duration.ofMinutes(2)), FILE, PATH, true, false, null, "user-1", Duration.ofMinutes(1));
        assertEquals(1, files());
    }

    @Test
    void anUnreadableLockFileIsLoggedAndRemovedAndTheOthersHold() throws IOException {
        LockSystem before = restartedAt(T0, dir);
        LockSystem.Lock lock = before.create(T0, FILE, PATH, true, false, null, "user-1", Duration.ofMinutes(10));
        Files.writeString(dir.resolve("b3BhcXVlbG9ja3Rva2VuOmJyb2tlbg.lock"), "{\"token\": \"opaquelocktoken:bro");
        Files.writeString(dir.resolve("other.lock"), "{\"token\":\"" + lock.token() + "\"}");
        Files.writeString(dir.resolve(".12345.tmp"), "{\"tok", java.nio.charset.StandardCharsets.UTF_8);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(LockFiles.class);
        logger.addAppender(logged);
        logged.start();
        try {
            LockSystem after = restartedAt(T0, dir);
            assertEquals(List.of(lock), after.on(T0, FILE));
        } finally {
            logger.detachAppender(logged);
        }
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("b3BhcXVlbG9ja3Rva2VuOmJyb2tlbg.lock") && line.contains("cannot be read")), lines.toString());
        assertEquals(1, files(), "the unreadable files and what a crash left half-written are removed");
    }

    @Test
    void manyLocksTakenAndReleasedInParallelAreKeptExactly() throws Exception {
        LockSystem before = restartedAt(T0, dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> taken = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                ResourceKey key = FOLDER.child("f" + i);
                boolean release = i % 2 == 0;
                taken.add(pool.submit(() -> {
                    LockSystem.Lock lock = before.create(T0, key, PATH, true, false, null, "user-1", Duration.ofMinutes(10));
                    if (release) {
                        before.unlock(T0, key, lock.token(), "user-1", false);
                        return null;
                    }
                    return lock.token();
                }));
            }
            List<String> held = new ArrayList<>();
            for (Future<String> lock : taken) {
                if (lock.get() != null) {
                    held.add(lock.get());
                }
            }
            LockSystem after = restartedAt(T0, dir);
            assertEquals(100, after.held(T0));
            for (int i = 1; i < 200; i += 2) {
                assertEquals(List.of(held.get(i / 2)), after.on(T0, FOLDER.child("f" + i)).stream().map(LockSystem.Lock::token).toList());
            }
        } finally {
            pool.shutdown();
        }
    }
}
