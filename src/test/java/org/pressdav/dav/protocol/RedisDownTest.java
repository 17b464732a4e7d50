package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RedisServer;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * The Redis the instances share stops (as a crash would, {@code kill -9}) and comes back: writes are
 * refused with 503 saying why, readiness says why, reads of what is cached go on, nothing is kept in
 * this instance's memory meanwhile; when Redis is back everything works without a restart, and a
 * lock taken before is still held (Redis read its append-only file back).
 */
class RedisDownTest {
    private RedisServer redis;
    private final InMemoryWordPress wordpress = new InMemoryWordPress();
    private InProcessDrive drive;
    private String folder;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        drive = new InProcessDrive(wordpress, "--redis-url", redis.url());
        folder = drive.folderOf(wordpress.addPost("post", AUTHOR.id(), "publish", "A story", "Body."));
    }

    @AfterEach
    void stop() {
        drive.close();
        redis.close();
    }

    @Test
    void withoutRedisWritesAreRefusedReadsGoOnAndItAllComesBackWithItsLocks() throws Exception {
        var locked = drive.send(EDITOR, "LOCK", folder + "excerpt.txt", Map.of("Timeout", "Second-600"),
                "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                        + "<D:locktype><D:write/></D:locktype></D:lockinfo>");
        assertEquals(200, locked.status());
        assertEquals("Body.", drive.send(EDITOR, "GET", folder + "content.html", Map.of(), null).text());
        redis.kill();
        try {
            var refused = drive.send(EDITOR, "PUT", folder + "content.html", Map.of(), "lost?");
            assertEquals(503, refused.status());
            assertTrue(refused.text().contains("Redis at 127.0.0.1:" + redis.port() + " does not answer"), refused.text());
            assertEquals("Body.", wordpress.post(wordpress.posts(p -> true).get(0).id()).content().raw(), "nothing written");
            assertEquals(503, drive.send(EDITOR, "MKCOL", "posts/New story/", Map.of(), null).status());
            var read = drive.send(EDITOR, "GET", folder + "content.html", Map.of(), null);
            assertEquals(200, read.status(), "a cached object is still read");
            assertEquals("Body.", read.text());
            var ready = eventually(() -> drive.send(null, "GET", "health/ready", Map.of(), null), r -> r.status() == 503);
            assertTrue(ready.text().contains("Redis at 127.0.0.1:" + redis.port()), ready.text());
        } finally {
            redis.restart();
        }
        var written = eventually(() -> drive.send(EDITOR, "PUT", folder + "content.html", Map.of(), "After Redis came back."),
                r -> r.status() != 503);
        assertEquals(204, written.status(), "no restart of pressdav needed");
        assertEquals(423, drive.send(EDITOR, "PUT", folder + "excerpt.txt", Map.of(), "the lock was kept").status(),
                "the lock taken before Redis stopped still holds");
        assertEquals(200, eventually(() -> drive.send(null, "GET", "health/ready", Map.of(), null), r -> r.status() == 200).status());
    }

    private static RunningDrive.Answer eventually(Supplier<RunningDrive.Answer> ask, java.util.function.Predicate<RunningDrive.Answer> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        RunningDrive.Answer answer = ask.get();
        while (!until.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = ask.get();
        }
        return answer;
    }
}
