package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.TestBed;

/** Listings of more than one page, on a test bed with 250 more posts (reset afterwards). */
class PagingIT {
    private static TestBed bed;

    @BeforeAll
    static void addPosts() {
        bed = TestBed.get();
        bed.script("seed", "--posts", "250");
    }

    @AfterAll
    static void reset() {
        bed.script("reset");
    }

    @Test
    void aListingReturnsExactlyTheTotalWordPressReports() {
        OkHttpWordPressClient client = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());
        Listing<Post> listing = client.list(bed.credentials("admin"), Endpoint.POSTS,
                ListQuery.all().withFields("id", "slug").with("status", "any").withContext(Context.EDIT));

        List<Long> ids = listing.items().stream().map(Post::id).toList();
        int seeded = bed.seedData().get("posts").size() + 1; // + WordPress's "Hello world!"
        assertEquals(seeded + 250, listing.total());
        assertEquals(listing.total(), ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no post twice");
        assertEquals(ids.stream().sorted().toList(), ids, "in id order across pages");
    }
}
