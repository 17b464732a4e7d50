package org.pressdav.dav.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.ResourceKey;
import org.pressdav.testbed.Await;

/** What every {@link LockSystem} must do, with the time passed in; a backend's test extends this. */
abstract class LockSystemContract {
    abstract LockSystem newSystem();

    /** Another client of the same locks, as a second instance of the drive has: in memory, the same object. */
    LockSystem secondClientOf(LockSystem first) {
        return first;
    }

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final ResourceKey FOLDER = ResourceKey.ROOT.child("posts").child("#posts/12");
    private static final ResourceKey FILE = FOLDER.child("content.html");
    private static final DavPath PATH = DavPath.parseDecoded("/posts/12-x/content.html");

    private static LockSystem.Lock exclusive(LockSystem locks, ResourceKey key, boolean infinite, String user) {
        return locks.create(T0, key, PATH, true, infinite, null, user, Duration.ofMinutes(10));
    }

    @Test
    void theLocksOfManyKeysAreToldInOneCall() {
        LockSystem locks = newSystem();
        LockSystem.Lock deep = exclusive(locks, FOLDER, true, "user-1");
        ResourceKey title = FOLDER.child("title.txt");
        ResourceKey elsewhere = ResourceKey.ROOT.child("pages").child("#pages/9");
        LockSystem.Lock shallow = exclusive(locks, elsewhere, false, "user-2");
        LockSystem.Lock brief = locks.create(T0, elsewhere.child("x"), PATH, true, false, null, "user-2", Duration.ofSeconds(1));
        var held = locks.on(T0.plusSeconds(5), List.of(FOLDER, title, elsewhere, elsewhere.child("x"), elsewhere.child("y")));
        assertEquals(List.of(deep), held.get(FOLDER));
        assertEquals(List.of(deep), held.get(title), "a depth-infinity lock covers what is below it");
        assertEquals(List.of(shallow), held.get(elsewhere));
        assertTrue(!held.containsKey(elsewhere.child("y")), "a depth-0 lock covers nothing below it");
        assertTrue(!held.containsKey(elsewhere.child("x")), "an expired lock is not told: " + brief);
        for (ResourceKey key : List.of(FOLDER, title, elsewhere)) {
            assertEquals(locks.on(T0.plusSeconds(5), key), held.get(key), "as on() tells " + key);
        }
    }

    @Test
    void anExclusiveLockExcludesAndASharedOneShares() {
        LockSystem locks = newSystem();
        exclusive(locks, FILE, false, "user-1");
        assertThrows(DavError.Locked.class, () -> exclusive(locks, FILE, false, "user-2"));
        assertThrows(DavError.Locked.class, () -> locks.create(T0, FILE, PATH, false, false, null, "user-2", Duration.ofMinutes(1)));
        locks.create(T0, FOLDER.child("title.txt"), PATH, false, false, null, "user-1", Duration.ofMinutes(1));
        locks.create(T0, FOLDER.child("title.txt"), PATH, false, false, null, "user-2", Duration.ofMinutes(1));
        assertEquals(2, locks.on(T0, FOLDER.child("title.txt")).size());
    }

    @Test
    void aDepthInfinityLockCoversWhatIsBelowAndCannotBeTakenOverALockBelow() {
        LockSystem locks = newSystem();
        LockSystem.Lock folder = exclusive(locks, FOLDER, true, "user-1");
        assertEquals(List.of(folder), locks.on(T0, FILE));
        assertThrows(DavError.Locked.class, () -> exclusive(locks, FILE, false, "user-2"));
        LockSystem other = newSystem();
        exclusive(other, FILE, false, "user-2");
        assertThrows(DavError.Locked.class, () -> exclusive(other, FOLDER, true, "user-1"));
        exclusive(other, FOLDER, false, "user-1");
    }

    @Test
    void confirmNeedsTheOwnersTokenAndForAFolderTheTokensBelowIt() {
        LockSystem locks = newSystem();
        LockSystem.Lock lock = exclusive(locks, FILE, false, "user-1");
        locks.confirm(T0, "user-1", Set.of(lock.token()), FILE, false);
        assertThrows(DavError.Locked.class, () -> locks.confirm(T0, "user-1", Set.of(), FILE, false));
        assertThrows(DavError.Locked.class, () -> locks.confirm(T0, "user-2", Set.of(lock.token()), FILE, false), "a token is its owner's");
        locks.confirm(T0, "user-2", Set.of(), FOLDER, false);
        assertThrows(DavError.Locked.class, () -> locks.confirm(T0, "user-2", Set.of(), FOLDER, true), "deleting the folder takes the file");
        locks.confirm(T0, "user-1", Set.of(lock.token()), FOLDER, true);
        locks.confirm(T0, "user-2", Set.of(), FOLDER.child("title.txt"), true);
    }

    @Test
    void refreshAndUnlockAreTheOwnersAndAnAdministratorsOverride() {
        LockSystem locks = newSystem();
        LockSystem.Lock lock = exclusive(locks, FILE, false, "user-1");
        assertTrue(locks.refresh(T0, lock.token(), FILE, "user-2", Duration.ofMinutes(5)).isEmpty());
        assertEquals(T0.plus(Duration.ofMinutes(5)), locks.refresh(T0, lock.token(), FILE, "user-1", Duration.ofMinutes(5)).get().expires());
        assertEquals(LockSystem.Unlocked.NOT_YOURS, locks.unlock(T0, FILE, lock.token(), "user-2", false));
        assertEquals(LockSystem.Unlocked.NO_SUCH_LOCK, locks.unlock(T0, FOLDER, lock.token(), "user-1", false), "the token covers the file only");
        assertEquals(LockSystem.Unlocked.DONE, locks.unlock(T0, FILE, lock.token(), "user-2", true));
        assertEquals(LockSystem.Unlocked.NO_SUCH_LOCK, locks.unlock(T0, FILE, lock.token(), "user-1", false));
    }

    @Test
    void locksExpireByTheTimeGivenAndTimeoutsAreBounded() {
        LockSystem locks = newSystem();
        exclusive(locks, FILE, false, "user-1");
        assertEquals(1, locks.on(T0.plus(Duration.ofMinutes(9)), FILE).size());
        assertTrue(locks.on(T0.plus(Duration.ofMinutes(11)), FILE).isEmpty());
        exclusive(locks, FILE, false, "user-2");
        LockSystem.Lock forever = locks.create(T0, FOLDER.child("x"), PATH, true, false, null, "user-1", Duration.ofDays(365));
        assertEquals(T0.plus(LockSystem.MAX_TIMEOUT), forever.expires());
    }

    @Test
    void aLockGoesWithTheResourceToItsNewKey() {
        LockSystem locks = newSystem();
        ResourceKey object = FOLDER.child("#media/7");
        LockSystem.Lock lock = exclusive(locks, FILE, false, "user-1");
        locks.rekey(FILE, object);
        assertTrue(locks.on(T0, FILE).isEmpty());
        assertEquals(List.of(lock.token()), locks.on(T0, object).stream().map(LockSystem.Lock::token).toList());
        assertEquals(LockSystem.Unlocked.DONE, locks.unlock(T0, object, lock.token(), "user-1", false));
    }

    @Test
    void aLockTakenThroughOneClientHoldsThroughAnother() {
        LockSystem first = newSystem();
        LockSystem second = secondClientOf(first);
        LockSystem.Lock lock = exclusive(first, FILE, false, "user-1");
        assertEquals(List.of(lock), second.on(T0, FILE));
        assertEquals(Map.of(FILE, List.of(lock)), second.on(T0, List.of(FILE, FOLDER)));
        assertEquals(1, second.held(T0));
        DavError.Locked refused = assertThrows(DavError.Locked.class, () -> exclusive(second, FILE, false, "user-2"));
        assertEquals(423, refused.status());
        assertThrows(DavError.Locked.class, () -> second.confirm(T0, "user-2", Set.of(), FILE, false));
        second.confirm(T0, "user-1", Set.of(lock.token()), FILE, false);
        assertEquals(LockSystem.Unlocked.DONE, second.unlock(T0, FILE, lock.token(), "user-1", false));
        assertTrue(first.on(T0, FILE).isEmpty(), "unlocked through the other");
        exclusive(first, FILE, false, "user-2");
    }

    @Test
    void ofManyExclusiveLocksAskedAtOnceThroughTwoClientsOneIsGranted() throws Exception {
        LockSystem first = newSystem();
        LockSystem second = secondClientOf(first);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> asked = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                LockSystem through = i % 2 == 0 ? first : second;
                String user = "user-" + i;
                Callable<Boolean> take = () -> {
                    try {
                        exclusive(through, FILE, false, user);
                        return true;
                    } catch (DavError.Locked refused) {
                        return false;
                    }
                };
                asked.add(pool.submit(take));
            }
            int granted = 0;
            for (Future<Boolean> answer : asked) {
                granted += answer.get() ? 1 : 0;
            }
            assertEquals(1, granted);
            assertEquals(1, first.on(T0, FILE).size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void whatIsGoneTakesItsLocksAlong() {
        LockSystem locks = newSystem();
        exclusive(locks, FILE, false, "user-1");
        locks.forget(FOLDER);
        assertTrue(locks.on(T0, FILE).isEmpty());
        exclusive(locks, FILE, false, "user-2");
    }

    @Test
    void whatLockDiscoveryShowsFollowsALockThroughAnotherClientAndAClientsOwnAtOnce() {
        LockSystem first = newSystem();
        LockSystem second = secondClientOf(first);
        List<ResourceKey> listing = List.of(FOLDER, FILE);
        assertEquals(Map.of(), first.onForRead(T0, listing));
        LockSystem.Lock deep = exclusive(second, FOLDER, true, "user-2");
        Await.within(Duration.ofSeconds(5), () -> first.onForRead(T0, listing).equals(Map.of(FOLDER, List.of(deep), FILE, List.of(deep))),
                "locked through the other client");
        assertEquals(LockSystem.Unlocked.DONE, first.unlock(T0, FOLDER, deep.token(), "user-2", false));
        assertEquals(Map.of(), first.onForRead(T0, listing), "its own change, at once");
        LockSystem.Lock brief = second.create(T0, FILE, PATH, true, false, null, "user-2", Duration.ofSeconds(30));
        Await.within(Duration.ofSeconds(5), () -> first.onForRead(T0, listing).equals(Map.of(FILE, List.of(brief))), "locked again");
        assertEquals(Map.of(), first.onForRead(T0.plusSeconds(31), listing), "a lock whose time is up is not shown");
    }
}
