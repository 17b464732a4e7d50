package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.function.BiFunction;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.ResourceKey;
import org.pressdav.testbed.Await;

/** What every {@link DeadPropertyStore} must do; a backend's test extends this. */
abstract class DeadPropertyStoreContract {
    static final Duration TTL = Duration.ofHours(24);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** A store that keeps a resource's properties {@code ttl} after their last use, by {@code clock}. */
    abstract DeadPropertyStore newStore(Clock clock, Duration ttl);

    /** Another client of the same store, as a second instance of the drive has: in memory, the same object. */
    DeadPropertyStore secondClientOf(DeadPropertyStore first, Clock clock, Duration ttl) {
        return first;
    }

    private DeadPropertyStore newStore() {
        return newStore(clock, TTL);
    }

    private static final ResourceKey FILE = ResourceKey.ROOT.child("posts").child("#posts/12").child("content.html");
    private static final QName WIN32 = new QName("urn:schemas-microsoft-com:", "Win32LastModifiedTime");

    @Test
    void propertiesRoundTripPerUserAndResourceAndAreReplacedWhole() {
        DeadPropertyStore store = newStore();
        assertNull(store.replace("user-1", FILE, Map.of(WIN32, "Thu, 09 Oct 2025 17:54:43 GMT", new QName("", "plain"), "v")));
        assertEquals("v", store.of("user-1", FILE).get(new QName("", "plain")));
        assertTrue(store.of("user-2", FILE).isEmpty());
        assertTrue(store.of("user-1", FILE.child("other")).isEmpty());
        assertNull(store.replace("user-1", FILE, Map.of(WIN32, "later")));
        assertEquals(Map.of(WIN32, "later"), store.of("user-1", FILE));
        assertNull(store.replace("user-1", FILE, Map.of()));
        assertTrue(store.of("user-1", FILE).isEmpty());
    }

    @Test
    void aListingsPropertiesAreReadInOneCall() {
        DeadPropertyStore store = newStore();
        ResourceKey other = FILE.parent().child("title.txt");
        ResourceKey bare = FILE.parent().child("slug.txt");
        assertNull(store.replace("user-1", FILE, Map.of(WIN32, "a")));
        assertNull(store.replace("user-1", other, Map.of(WIN32, "b")));
        assertNull(store.replace("user-2", bare, Map.of(WIN32, "c")));
        Map<ResourceKey, Map<QName, String>> read = store.of("user-1", java.util.List.of(FILE, other, bare));
        assertEquals(Map.of(FILE, Map.of(WIN32, "a"), other, Map.of(WIN32, "b")), read, "this user's, each as of() tells it; none for the bare one");
    }

    @Test
    void whatCannotBeKeptIsRefusedAndChangesNothing() {
        DeadPropertyStore store = newStore();
        store.replace("user-1", FILE, Map.of(WIN32, "kept"));
        assertTrue(store.replace("user-1", FILE, Map.of(WIN32, "x".repeat(1 << 20))) != null, "a value of a megabyte");
        Map<QName, String> many = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            many.put(new QName("urn:many", "p" + i), "v");
        }
        assertTrue(store.replace("user-1", FILE, many) != null, "a thousand properties on one file");
        assertEquals(Map.of(WIN32, "kept"), store.of("user-1", FILE));
        int refused = 0;
        for (int i = 0; i < 200 && refused == 0; i++) {
            refused += store.replace("user-1", FILE.child("f" + i), Map.of(WIN32, "x".repeat(10_000))) == null ? 0 : 1;
        }
        assertEquals(1, refused, "each user's total is bounded");
        assertNull(store.replace("user-2", FILE, Map.of(WIN32, "another user's room is their own")));
    }

    @Test
    void whatOneClientKeepsTheOtherReads() {
        DeadPropertyStore first = newStore();
        DeadPropertyStore second = secondClientOf(first, clock, TTL);
        assertNull(first.replace("user-1", FILE, Map.of(WIN32, "through the first")));
        assertEquals(Map.of(WIN32, "through the first"), second.of("user-1", FILE));
        assertEquals(Map.of(FILE, Map.of(WIN32, "through the first")), second.of("user-1", List.of(FILE, FILE.parent())));
        assertNull(second.replace("user-1", FILE, Map.of()));
        assertTrue(first.of("user-1", FILE).isEmpty(), "removed through the second");
    }

    /**
     * Sets properties on {@link #FILE} and on its sibling {@code title.txt}, then lists the sibling alone every 10 h with
     * {@code listing} for 30 h: the sibling's are kept, answered each time; the file's, unused, are gone. Answers the sibling.
     */
    private ResourceKey listedEveryTenHours(DeadPropertyStore store, BiFunction<String, List<ResourceKey>, Map<ResourceKey, Map<QName, String>>> listing) {
        ResourceKey read = FILE.parent().child("title.txt");
        assertNull(store.replace("user-1", FILE, Map.of(WIN32, "set once")));
        assertNull(store.replace("user-1", read, Map.of(WIN32, "read every so often")));
        for (int hour = 0; hour < 30; hour += 10) {
            clock.advance(Duration.ofHours(10));
            assertEquals(Map.of(read, Map.of(WIN32, "read every so often")), listing.apply("user-1", List.of(read)), hour + 10 + " h in");
        }
        assertTrue(store.of("user-1", FILE).isEmpty(), "unused for 30 h: gone");
        return read;
    }

    @Test
    void propertiesLastADayAfterTheirLastUse() {
        DeadPropertyStore store = newStore();
        ResourceKey read = listedEveryTenHours(store, store::of);
        assertEquals(Map.of(WIN32, "read every so often"), store.of("user-1", read), "read in a listing every 10 h: kept");
        clock.advance(TTL.minusSeconds(1));
        assertEquals(Map.of(WIN32, "read every so often"), store.of("user-1", read), "a second before a day without use");
        clock.advance(TTL);
        assertTrue(store.of("user-1", read).isEmpty(), "a day without use: gone");
    }

    @Test
    void aUsersBoundHoldsWhenTwoClientsWriteAtOnce() throws Exception {
        DeadPropertyStore first = newStore();
        DeadPropertyStore second = secondClientOf(first, clock, TTL);
        List<ResourceKey> resources = new ArrayList<>();
        List<Future<String>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 160; i++) {
                ResourceKey resource = FILE.child("f" + i);
                DeadPropertyStore through = i % 2 == 0 ? first : second;
                resources.add(resource);
                answers.add(pool.submit(() -> through.replace("user-1", resource, Map.of(WIN32, "x".repeat(10_000)))));
            }
            int refused = 0;
            for (Future<String> answer : answers) {
                refused += answer.get() == null ? 0 : 1;
            }
            long kept = 0;
            for (Map<QName, String> props : first.of("user-1", resources).values()) {
                kept += DeadPropertyBounds.weight(props);
            }
            assertTrue(kept <= DeadPropertyBounds.MAX_PER_USER_CHARS, kept + " characters kept");
            assertEquals(160 - refused, first.of("user-1", resources).size(), "what was not refused is kept");
            assertTrue(refused > 0 && kept > DeadPropertyBounds.MAX_PER_USER_CHARS - 20_000, "refused only when full: " + kept);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void whatAListingShowsFollowsAChangeThroughAnotherClientAndAClientsOwnAtOnce() {
        DeadPropertyStore first = newStore();
        DeadPropertyStore second = secondClientOf(first, clock, TTL);
        ResourceKey bare = FILE.parent().child("slug.txt");
        List<ResourceKey> listing = List.of(FILE.parent(), FILE, bare);
        assertEquals(Map.of(), first.ofForRead("user-1", listing));
        assertNull(second.replace("user-1", FILE, Map.of(WIN32, "through the second")));
        Await.within(Duration.ofSeconds(5), () -> first.ofForRead("user-1", listing).equals(Map.of(FILE, Map.of(WIN32, "through the second"))),
                "set through the other client");
        assertNull(first.replace("user-1", bare, Map.of(WIN32, "through the first")));
        assertEquals(Map.of(FILE, Map.of(WIN32, "through the second"), bare, Map.of(WIN32, "through the first")),
                first.ofForRead("user-1", listing), "its own change, at once");
        assertEquals(Map.of(), first.ofForRead("user-2", listing), "another user's");
        assertNull(second.replace("user-1", FILE, Map.of()));
        Await.within(Duration.ofSeconds(5), () -> !first.ofForRead("user-1", listing).containsKey(FILE), "removed through the other client");
    }

    @Test
    void whatAPropfindShowsIsAUseAsAnyOtherRead() {
        DeadPropertyStore store = newStore();
        ResourceKey read = listedEveryTenHours(store, store::ofForRead);
        assertEquals(Map.of(), store.ofForRead("user-1", List.of(FILE)), "unused for 30 h: not shown either");
        assertEquals(Map.of(WIN32, "read every so often"), store.of("user-1", read), "shown every 10 h: kept");
    }
}
