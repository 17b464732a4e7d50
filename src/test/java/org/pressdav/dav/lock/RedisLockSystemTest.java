package org.pressdav.dav.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.redis.RedisBackend;
import org.pressdav.redis.RedisLockSystem;
import org.pressdav.testbed.RedisClients;

/** The lock contract on a real redis-server, plus what Redis adds: a restart of Redis from its append-only file keeps the locks. */
class RedisLockSystemTest extends LockSystemContract {
    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    @Override
    LockSystem newSystem() {
        return redis.fresh(RedisLockSystem::new);
    }

    @Override
    LockSystem secondClientOf(LockSystem first) {
        return redis.secondClientOf(first, RedisLockSystem::new);
    }

    @Test
    void locksHoldThroughARestartOfRedisFromItsAppendOnlyFile() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        ResourceKey file = ResourceKey.ROOT.child("posts").child("#posts/12").child("content.html");
        LockSystem locks = newSystem();
        LockSystem.Lock lock = locks.create(now, file, DavPath.parseDecoded("/posts/12-x/content.html"), true, false, "<D:href>ana</D:href>",
                "user-1", Duration.ofMinutes(10));
        RedisBackend backend = redis.backendOf(locks);
        redis.server().kill();
        redis.restartFor(backend);
        assertNull(backend.problem());
        assertEquals(List.of(lock), locks.on(now, file));
        assertEquals(List.of(lock), secondClientOf(locks).on(now, file), "and through another instance");
        locks.confirm(now, "user-1", Set.of(lock.token()), file, false);
    }
}
