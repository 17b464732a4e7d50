package org.pressdav.dav.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.ResourceKey;

/** What every {@link DeadPropertyStore} must do; a backend's test extends this. */
abstract class DeadPropertyStoreContract {
    abstract DeadPropertyStore newStore();

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
}
