package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Companion;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.WordPressException;

/**
 * The companion plugin's index against core REST, user by user (and anonymous) over the seeded
 * traps and a few more: the same posts and pages, books and guides (the test bed's own types),
 * with the same slugs (a draft's generated one too), statuses and dates; the same media with the
 * same paths, sizes and types; the same terms (genres too), users and comments; and an unchanged
 * index answers 304 to its ETag.
 */
class IndexIT extends WritingIT {
    private static final List<String> ROLES = List.of("admin", "editor", "author", "contributor", "subscriber", "anonymous");
    /** The test bed's own types (its must-use plugin): a post type with capability_type post, a hierarchical one with page's, a taxonomy. */
    private static final Endpoint<Post> BOOKS = Endpoint.ofPostType("wp/v2", "books", "book");
    private static final Endpoint<Post> GUIDES = Endpoint.ofPostType("wp/v2", "guides", "guide");
    private static final Endpoint<Term> GENRES = Endpoint.ofTaxonomy("wp/v2", "genres", "genre");
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

    private static Credentials who(String role) {
        return role.equals("anonymous") ? Credentials.ANONYMOUS : bed.credentials(role);
    }

    /** Traps the seed lacks: a file attached to a draft, an approved comment on a draft, a user without posts (the class resets the bed after). */
    @BeforeAll
    static void moreTraps() throws Exception {
        long draft = bed.id("posts", "author-draft");
        Path file = Files.createTempFile("on-a-draft", ".txt");
        Files.writeString(file, "a file attached to the author's draft");
        Media onDraft = wordpress.upload(admin, "on-a-draft.txt", "text/plain", file, null);
        wordpress.update(admin, Endpoint.MEDIA, onDraft.id(), Map.of("post", draft));
        // WordPress takes no comment on a draft: the post is published, commented, and made a draft again.
        Post unpublished = wordpress.create(admin, Endpoint.POSTS, Map.of("title", "index trap", "status", "publish"));
        wordpress.create(admin, Endpoint.COMMENTS, Map.of("post", unpublished.id(), "content", "on a draft soon", "status", "approved"));
        wordpress.update(admin, Endpoint.POSTS, unpublished.id(), Map.of("status", "draft"));
        wordpress.create(admin, Endpoint.USERS, Map.of("username", "index-lurker", "email", "lurker@example.test",
                "password", "index-lurker-" + System.nanoTime(), "roles", List.of("contributor")));
        // Books and guides of each status and owner the seed lacks: a password book, the author's scheduled and private ones,
        // the contributor's pending one, a draft guide of the author (page capabilities) and a private guide, an empty genre.
        long authorId = wordpress.me(bed.credentials("author")).id();
        wordpress.create(admin, BOOKS, Map.of("title", "index password book", "status", "publish", "password", "pw"));
        wordpress.create(admin, BOOKS, Map.of("title", "index scheduled book", "status", "future", "date_gmt", "2031-01-01T10:00:00",
                "author", authorId));
        wordpress.create(admin, BOOKS, Map.of("title", "index authors private book", "status", "private", "author", authorId));
        wordpress.create(bed.credentials("contributor"), BOOKS, Map.of("title", "index pending book", "status", "pending"));
        // An author may not edit guides (page capabilities): one made theirs is still not theirs to see as a draft.
        wordpress.create(admin, GUIDES, Map.of("title", "index authors guide", "status", "draft", "author", authorId));
        wordpress.create(admin, GUIDES, Map.of("title", "index private guide", "status", "private"));
        wordpress.create(admin, GENRES, Map.of("name", "Index empty genre"));
    }

    @Test
    void theIndexShowsEachUserWhatCoreRestShowsThem() {
        Companion companion = wordpress.companion(Credentials.ANONYMOUS);
        for (Endpoint<?> custom : List.of(BOOKS, GUIDES, GENRES)) {
            assertTrue(companion.indexes(custom), "the plugin offers the index of " + custom.route() + ": " + companion.features());
        }
        for (String role : ROLES) {
            Credentials who = who(role);
            for (Endpoint<Post> endpoint : List.of(Endpoint.POSTS, Endpoint.PAGES, BOOKS, GUIDES)) {
                Map<Long, Post> core = coreRest(who, endpoint);
                Map<Long, Post> index = new TreeMap<>();
                wordpress.index(who, endpoint).forEach(post -> index.put(post.id(), post));
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
    void theMediaIndexShowsEachUserTheFilesCoreRestShowsWithTheirPathsSizesAndTypes() throws Exception {
        for (String role : ROLES) {
            Credentials who = who(role);
            Map<Long, Media> core = byId(wordpress.list(who, Endpoint.MEDIA, ListQuery.all()).items(), Media::id);
            Map<Long, Media> index = byId(wordpress.index(who, Endpoint.MEDIA), Media::id);
            assertEquals(core.keySet(), index.keySet(), role);
            for (Media expected : core.values()) {
                Media got = index.get(expected.id());
                String what = role + " media " + expected.id();
                assertEquals(expected.sourceUrl(), got.sourceUrl(), what);
                assertEquals(expected.mimeType(), got.mimeType(), what);
                assertEquals(expected.slug(), got.slug(), what);
                assertEquals(expected.dateGmt(), got.dateGmt(), what);
                assertEquals(expected.modifiedGmt(), got.modifiedGmt(), what);
                assertEquals(expected.author(), got.author(), what);
                String file = got.mediaDetails().file();
                assertEquals(expected.sourceUrl(), bed.url().toString().replaceAll("/$", "") + "/wp-content/uploads/" + file, what);
                long onDisk = Files.size(bed.uploadsDir().resolve(file));
                Long coreSize = expected.mediaDetails() == null ? null : expected.mediaDetails().filesize();
                assertEquals(coreSize != null ? coreSize : onDisk, got.mediaDetails().filesize(), what);
            }
        }
    }

    @Test
    void theTermUserAndCommentIndexesShowEachUserWhatCoreRestShowsThem() {
        for (String role : ROLES) {
            Credentials who = who(role);
            for (Endpoint<Term> taxonomy : List.of(Endpoint.CATEGORIES, Endpoint.TAGS, GENRES)) {
                java.util.function.Function<Term, List<Object>> shown = t -> List.of(t.name(), t.slug(), t.description(), t.taxonomy(),
                        t.parent(), t.count());
                assertEquals(byId(wordpress.list(who, taxonomy, ListQuery.all().with("hide_empty", "false")).items(), Term::id, shown),
                        byId(wordpress.index(who, taxonomy), Term::id, shown), role + " " + taxonomy.route());
            }
            boolean listsUsers = role.equals("admin");
            Map<Long, List<Object>> coreUsers = new TreeMap<>();
            wordpress.list(who, Endpoint.USERS, listsUsers ? ListQuery.all().withContext(Context.EDIT) : ListQuery.all()).items()
                    .forEach(u -> coreUsers.put(u.id(), java.util.Arrays.asList(u.slug(), u.name(), u.username(), u.registeredDate())));
            Map<Long, List<Object>> indexUsers = new TreeMap<>();
            wordpress.index(who, Endpoint.USERS)
                    .forEach(u -> indexUsers.put(u.id(), java.util.Arrays.asList(u.slug(), u.name(), u.username(), u.registeredDate())));
            assertEquals(coreUsers, indexUsers, role + " users");
            boolean moderates = List.of("admin", "editor").contains(role);
            ListQuery comments = moderates ? ListQuery.all().withContext(Context.EDIT).with("status", "all") : ListQuery.all();
            Map<Long, List<Object>> coreComments = new TreeMap<>();
            wordpress.list(who, Endpoint.COMMENTS, comments).items()
                    .forEach(c -> coreComments.put(c.id(), List.of(c.post(), c.parent(), c.status(), c.dateGmt())));
            Map<Long, List<Object>> indexComments = new TreeMap<>();
            wordpress.index(who, Endpoint.COMMENTS).forEach(c -> indexComments.put(c.id(), List.of(c.post(), c.parent(), c.status(), c.dateGmt())));
            assertEquals(coreComments, indexComments, role + " comments");
        }
    }

    private static <T> Map<Long, T> byId(List<T> items, java.util.function.ToLongFunction<T> id) {
        return byId(items, id, t -> t);
    }

    private static <T, R> Map<Long, R> byId(List<T> items, java.util.function.ToLongFunction<T> id, java.util.function.Function<T, R> shown) {
        Map<Long, R> map = new TreeMap<>();
        items.forEach(item -> map.put(id.applyAsLong(item), shown.apply(item)));
        return map;
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
