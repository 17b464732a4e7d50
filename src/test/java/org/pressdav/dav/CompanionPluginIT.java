package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Changes;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.SiteTypes;
import org.pressdav.wordpress.WordPressException;

/**
 * The companion plugin on the real test bed: what it says of itself, its feed's argument checks
 * and visibility rules, and that it raises no PHP notice or deprecation (WP_DEBUG is on).
 */
class CompanionPluginIT {
    private final TestBed bed = TestBed.get();
    private final OkHttpWordPressClient wordpress = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());

    @Test
    void theStatusSaysWhatThePluginOffers() {
        Companion companion = wordpress.companion(Credentials.ANONYMOUS);
        assertEquals("pressdav", companion.plugin());
        assertTrue(companion.offers("changes"));
        assertTrue(companion.takesChunks(), "pressdav learns the largest chunk before any login");
        assertEquals(null, companion.version(), "the version is for logged-in users");
        Companion toAUser = wordpress.companion(bed.credentials("subscriber"));
        assertEquals(3, toAUser.schema());
        assertTrue(toAUser.version() != null && !toAUser.version().isBlank(), toAUser.toString());
        assertTrue(companion.keepsMediaFolders() && companion.replacesMedia(), companion.features().toString());
        for (Endpoint<?> endpoint : SiteTypes.CORE.endpoints()) {
            assertTrue(companion.indexes(endpoint), endpoint.route());
        }
    }

    @Test
    void theFeedChecksItsArgumentsAndShowsEachCallerOnlyWhatTheyMayRead() {
        WordPressException negative = org.junit.jupiter.api.Assertions.assertThrows(WordPressException.class,
                () -> wordpress.changes(Credentials.ANONYMOUS, -1, 10));
        assertEquals(400, negative.status());
        WordPressException tooMany = org.junit.jupiter.api.Assertions.assertThrows(WordPressException.class,
                () -> wordpress.changes(Credentials.ANONYMOUS, 0, 5000));
        assertEquals(400, tooMany.status());

        long head = wordpress.companion(Credentials.ANONYMOUS).head();
        long draft = bed.id("posts", "draft-no-slug");
        wordpress.update(bed.credentials("admin"), Endpoint.POSTS, draft, java.util.Map.of("excerpt", "touched by CompanionPluginIT"));
        Changes seenByAll = wordpress.changes(Credentials.ANONYMOUS, head, 100);
        Changes seenByAdmin = wordpress.changes(bed.credentials("admin"), head, 100);
        assertTrue(seenByAdmin.changes().stream().anyMatch(c -> c.type().equals("post") && c.id() == draft), seenByAdmin.toString());
        assertTrue(seenByAll.changes().stream().noneMatch(c -> c.id() == draft), "a draft's id is not the public's: " + seenByAll);
        assertTrue(seenByAll.changes().stream().anyMatch(c -> c.type().equals("post") && c.id() == 0), "that something changed is");
    }

    @Test
    void thePluginRaisesNoPhpNoticeOrDeprecation() throws Exception {
        assertTrue(Files.exists(bed.debugLog()), "WP_DEBUG_LOG is written to " + bed.debugLog());
        List<String> ours = Files.readAllLines(bed.debugLog()).stream().filter(line -> line.contains("/plugins/pressdav/")).toList();
        assertEquals(List.of(), ours);
    }
}
