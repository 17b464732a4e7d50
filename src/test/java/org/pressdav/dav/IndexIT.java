package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.WordPressException;

/**
 * The companion plugin's index against core REST, user by user over the seeded traps: the same
 * posts and pages, with the same slugs (a draft's generated one too), statuses and dates; and an
 * unchanged index answers 304 to its ETag.
 */
class IndexIT extends WritingIT {
    private static final List<String> ROLES = List.of("admin", "editor", "author", "subscriber");
    private static final List<String> STATUSES = List.of("publish", "future", "draft", "pending", "private");

    /** What core REST shows this user, status by status, with each draft's generated slug. */
    private static Map<Long, Post> coreRest(Credentials who, Endpoint<Post> endpoint) {
        Map<Long, Post> shown = new TreeMap<>();
        for (String status : STATUSES) {
            try {
                for (Post post : wordpress.list(who, endpoint, ListQuery.all().with("status", status)).items()) {
                    shown.put(post.id(), post);
                }
            } catch (WordPressException notForThem) {
                assertEquals(400, notForThem.status(), notForThem.toString());
            }
        }
        for (Post post : List.copyOf(shown.values())) {
            if (post.slug() == null || post.slug().isEmpty()) {
                shown.put(post.id(), wordpress.get(who, endpoint, post.id(), Context.EDIT));
            }
        }
        return shown;
    }

    @Test
    void theIndexShowsEachUserWhatCoreRestShowsThem() {
        for (String role : ROLES) {
            Credentials who = bed.credentials(role);
            for (Endpoint<Post> endpoint : List.of(Endpoint.POSTS, Endpoint.PAGES)) {
                Map<Long, Post> core = coreRest(who, endpoint);
                Map<Long, Post> index = new TreeMap<>();
                wordpress.postIndex(who, endpoint).forEach(post -> index.put(post.id(), post));
                String what = role + " " + endpoint.route();
                assertEquals(core.keySet(), index.keySet(), what);
                for (Post expected : core.values()) {
                    Post got = index.get(expected.id());
                    assertEquals(expected.slug(), got.slug(), what + " " + expected.id());
                    assertEquals(expected.status(), got.status(), what + " " + expected.id());
                    assertEquals(expected.modifiedGmt(), got.modifiedGmt(), what + " " + expected.id());
                    assertEquals(expected.dateGmt(), got.dateGmt(), what + " " + expected.id());
                    if (expected.slug() == null || expected.slug().isEmpty()) {
                        assertEquals(expected.generatedSlug(), got.generatedSlug(), what + " " + expected.id());
                    }
                }
            }
        }
    }

    @Test
    void anUnchangedIndexIsNotModifiedAndAChangeShows() throws Exception {
        OkHttpClient http = new OkHttpClient();
        String url = bed.url() + "?rest_route=/pressdav/v1/index&type=post";
        String etag;
        try (Response first = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, first.code());
            etag = first.header("ETag");
        }
        try (Response again = http.newCall(new Request.Builder().url(url).header("If-None-Match", etag).build()).execute()) {
            assertEquals(304, again.code());
        }
        wordpress.update(admin, Endpoint.POSTS, bed.id("posts", "emoji"), Map.of("slug", "emoji-renamed"));
        try (Response changed = http.newCall(new Request.Builder().url(url).header("If-None-Match", etag).build()).execute()) {
            assertEquals(200, changed.code());
            assertNotEquals(etag, changed.header("ETag"));
        }
    }
}
