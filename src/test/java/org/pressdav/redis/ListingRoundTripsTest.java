package org.pressdav.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.testbed.RedisClients;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * What a listing's batch reads cost Redis, counted by the server itself (INFO commandstats, every
 * command it ran, those inside scripts too), for a folder of 10 children and one of 1,000: each
 * read is at most one call (one round trip) and the same few commands whatever the number of children;
 * the locks, dead properties, hidden files and names a listing shows come from this instance's copies, warm: none.
 * A store that sent a command per child would cost 1,000 and more for the large folder.
 */
class ListingRoundTripsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Pattern CALLS = Pattern.compile("calls=(\\d+)");
    /** What the counting connection and Redisson's connections send of their own, not the stores'. */
    private static final Set<String> NOT_THE_STORES = Set.of("info", "ping", "hello", "select", "client|setname", "client|setinfo");

    @RegisterExtension
    static final RedisClients redis = new RedisClients();

    /** Redis commands of each of a listing's reads. */
    record Costs(long locks, long properties, long hidden, long names, long firstSeen) {
    }

    @Test
    void aListingsReadsCostOneRoundTripAndTheSameFewCommandsFor10And1000Children() {
        RedisBackend counter = redis.fresh();
        Costs ten = costsOfAListingOf(10, counter);
        Costs thousand = costsOfAListingOf(1000, counter);
        assertEquals(ten, thousand, "the commands of a listing of 10 (expected) and of 1,000 children");
        // locks, properties, hidden files, names: none (this instance's copies); first seen: EVAL, HMGET.
        // What a listing reads was just written, so its use is not written again (it would be past a tenth of its time to live).
        assertEquals(new Costs(0, 0, 0, 0, 2), ten);
    }

    private static Costs costsOfAListingOf(int children, RedisBackend counter) {
        RedisBackend backend = redis.fresh();
        RedisLockSystem locks = new RedisLockSystem(backend);
        RedisDeadProperties properties = new RedisDeadProperties(backend, Duration.ofHours(24), CLOCK);
        RedisHiddenFiles hidden = new RedisHiddenFiles(backend, Duration.ofMinutes(10), CLOCK);
        RedisFolderNames names = new RedisFolderNames(backend, Duration.ofMinutes(10), CLOCK);
        RedisFirstSeen firstSeen = new RedisFirstSeen(backend, CLOCK);

        ResourceKey folderKey = ResourceKey.ROOT.child("posts");
        DavPath folder = DavPath.parseDecoded("/posts");
        List<ResourceKey> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        QName win32 = new QName("urn:schemas-microsoft-com:", "Win32LastModifiedTime");
        for (int i = 0; i < children; i++) {
            ResourceKey key = folderKey.child("#posts/" + i);
            keys.add(key);
            ids.add((long) i);
            assertNull(properties.replace("user-1", key, Map.of(win32, "Thu, 09 Oct 2025 17:54:43 GMT")));
            hidden.hide("user-1", folder.child(i + "-post.txt"));
            names.put("user-1", "posts", "folder " + i, i);
        }
        locks.create(NOW, keys.get(0), folder.child("0-post"), false, false, null, "user-1", Duration.ofMinutes(10));
        locks.create(NOW, folderKey, folder, false, true, null, "user-2", Duration.ofMinutes(10));
        firstSeen.of("posts", ids);

        Costs costs = new Costs(
                commandsOf(counter, backend, 0, () -> locks.onForRead(NOW, keys), found -> found.size() == children),
                commandsOf(counter, backend, 0, () -> properties.ofForRead("user-1", keys), found -> found.size() == children),
                commandsOf(counter, backend, 0, () -> hidden.hiddenInForRead("user-1", folder), found -> found.size() == children),
                commandsOf(counter, backend, 0, () -> names.namesForRead("user-1", "posts"), found -> found.size() == children),
                commandsOf(counter, backend, 1, () -> firstSeen.of("posts", ids), found -> found.values().stream().allMatch(NOW::equals)));
        assertEquals(2, locks.on(NOW, keys.get(0)).size(), "the lock on the child and the folder's depth-infinity one");
        assertTrue(locks.on(NOW, keys).values().stream().allMatch(held -> held.stream().anyMatch(LockSystem.Lock::infinite)));
        return costs;
    }

    private interface Check<T> {
        boolean holds(T found);
    }

    /**
     * The commands Redis runs for one {@code read}, after one read before (scripts cached, copies made), which must find
     * every child in {@code calls} calls to Redis.
     */
    private static <T> long commandsOf(RedisBackend counter, RedisBackend backend, int calls, Supplier<T> read, Check<T> complete) {
        read.get();
        long callsBefore = backend.calls();
        long before = commands(counter);
        T found = read.get();
        long after = commands(counter);
        assertTrue(complete.holds(found), "the read found what the listing holds: " + found);
        assertEquals(calls, backend.calls() - callsBefore, "calls to Redis");
        return after - before;
    }

    /** Every command Redis ran so far, but the INFO calls that ask it and connections' own. */
    private static long commands(RedisBackend counter) {
        Map<String, String> stats = counter.redisson().getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.COMMANDSTATS);
        long commands = 0;
        for (Map.Entry<String, String> stat : stats.entrySet()) {
            Matcher calls = CALLS.matcher(stat.getValue());
            if (!NOT_THE_STORES.contains(stat.getKey().replace("cmdstat_", "")) && calls.find()) {
                commands += Long.parseLong(calls.group(1));
            }
        }
        return commands;
    }
}
