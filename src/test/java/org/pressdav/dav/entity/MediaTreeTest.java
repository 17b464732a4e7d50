package org.pressdav.dav.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pressdav.cache.CachingWordPressClient;
import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.SiteTypes;

/** The media library's folders are made once per listing of it, and made again when the library changes. */
class MediaTreeTest {
    private static final Instant MAY = Instant.parse("2024-05-02T10:00:00Z");

    @Test
    void aTreeIsMadeOncePerListingAndAgainWhenTheLibraryChanges() {
        InMemoryWordPress origin = new InMemoryWordPress().withPlugin();
        origin.addMedia(ADMIN.id(), "2024/05/a.jpg", MAY, MAY, new byte[] {1});
        origin.addMedia(ADMIN.id(), "2024/05/b.jpg", MAY, MAY, new byte[] {2});
        origin.addMedia(ADMIN.id(), "2023/01/c.jpg", MAY, MAY, new byte[] {3});
        CachingWordPressClient wordpress = new CachingWordPressClient(origin, SiteTypes.CORE, Duration.ofMinutes(5), Ticker.systemTicker());
        Credentials admin = Credentials.of(ADMIN.login(), ADMIN.password());
        DavSession session = new DavSession(wordpress, admin, wordpress.me(admin));
        MediaLibrary library = new MediaLibrary(true, true, true, false, 0);

        MediaTree first = library.tree(session);
        assertSame(first, library.tree(session), "the same listing: the same tree, not made again per request");
        assertEquals(List.of("a.jpg", "b.jpg"), first.in(List.of("2024", "05")).stream().map(e -> e.getKey()).toList());
        assertNotNull(first.child(List.of("2023"), "01"), "a folder its files' paths make");
        assertNull(first.child(List.of("2024", "05"), "c.jpg"));

        origin.addMedia(ADMIN.id(), "2024/05/d.jpg", MAY, MAY, new byte[] {4});
        wordpress.invalidate(Endpoint.MEDIA.route(), 0); // what the change feed does when the library changes
        MediaTree second = library.tree(session);
        assertNotSame(first, second, "a new listing: a new tree");
        assertNotNull(second.child(List.of("2024", "05"), "d.jpg"));
    }
}
