package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.TestBed;

/**
 * Batched reads through the companion plugin on the real test bed: for the administrator and for an author, in both
 * contexts, {@link OkHttpWordPressClient#getEach} answers in one request exactly what {@link OkHttpWordPressClient#get}
 * answers id by id (and leaves out what {@code get} is refused or does not find), and
 * {@link OkHttpWordPressClient#revisionsOfEach} exactly what {@link OkHttpWordPressClient#revisions} does.
 */
class BatchedReadsIT {
    private static final long MISSING = 999_999_999L;

    private static TestBed bed;
    private static OkHttpWordPressClient alone;
    private static OkHttpWordPressClient batched;
    private static final AtomicInteger batchedCalls = new AtomicInteger();
    /** Made here, with revisions: the editor's published post, the author's own draft. */
    private static long editorsPost;
    private static long authorsDraft;

    @BeforeAll
    static void connect() {
        bed = TestBed.get();
        alone = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());
        batched = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());
        assertTrue(batched.companion(Credentials.ANONYMOUS).readsInBatches(), "the test bed's plugin offers reads");
        batched.readInBatches();
        batched.observe(new CallObserver() {
            @Override
            public Object context() {
                return null;
            }

            @Override
            public void finished(Object context, int status, long nanos) {
                batchedCalls.incrementAndGet();
            }
        });
        Credentials editor = bed.credentials("editor");
        Credentials author = bed.credentials("author");
        editorsPost = alone.create(editor, Endpoint.POSTS, Map.of("title", "Batched reads", "status", "publish", "content", "one")).id();
        alone.update(editor, Endpoint.POSTS, editorsPost, Map.of("content", "two"));
        alone.update(editor, Endpoint.POSTS, editorsPost, Map.of("content", "three"));
        authorsDraft = alone.create(author, Endpoint.POSTS, Map.of("title", "Batched draft", "status", "draft", "content", "one")).id();
        alone.update(author, Endpoint.POSTS, authorsDraft, Map.of("content", "two"));
    }

    @AfterAll
    static void removeWhatWasMade() {
        alone.delete(bed.credentials("admin"), Endpoint.POSTS, editorsPost);
        alone.delete(bed.credentials("admin"), Endpoint.POSTS, authorsDraft);
    }

    /** What {@code read} answers id by id, without the ids it is refused (401, 403) or does not find (404). */
    private static <T> Map<Long, T> oneByOne(List<Long> ids, Read<T> read) {
        Map<Long, T> found = new LinkedHashMap<>();
        for (long id : ids) {
            try {
                found.put(id, read.of(id));
            } catch (WordPressException e) {
                if (!e.hidesObject()) {
                    throw e;
                }
            }
        }
        return found;
    }

    private interface Read<T> {
        T of(long id);
    }

    /** The mix: one's own draft, another's published, draft, private and password-protected posts, a missing id. */
    private static List<Long> posts() {
        return List.of(authorsDraft, editorsPost, bed.id("posts", "author-post"), bed.id("posts", "draft-no-slug"), bed.id("posts", "emoji"),
                bed.id("posts", "private"), bed.id("posts", "password"), bed.id("posts", "scheduled"), MISSING);
    }

    @Test
    void eachPostIsWhatGetReadsForThatUserInBothContextsAllInOneRequest() {
        for (String role : List.of("admin", "author")) {
            Credentials who = bed.credentials(role);
            for (Context context : Context.values()) {
                Map<Long, Post> expected = oneByOne(posts(), id -> alone.get(who, Endpoint.POSTS, id, context));
                batched.me(who); // the login checked before, not counted
                int before = batchedCalls.get();

                Map<Long, WordPressClient.Read<Post>> reads = batched.getEach(who, Endpoint.POSTS, posts(), context);
                Map<Long, Post> each = objects(reads);

                assertEquals(1, batchedCalls.get() - before, role + " " + context + ": one request");
                assertEquals(expected, each, role + " " + context);
                // The JSON beside each record is what getJson reads alone (post.json shows it).
                reads.forEach((id, read) -> assertEquals(alone.getJson(who, Endpoint.POSTS, id, context), read.json(), role + " " + context + " " + id));
                assertFalse(each.containsKey(MISSING));
            }
        }
        Credentials author = bed.credentials("author");
        Map<Long, Post> asAuthor = objects(batched.getEach(author, Endpoint.POSTS, posts(), Context.EDIT));
        assertEquals(List.of(authorsDraft, bed.id("posts", "author-post")), List.copyOf(asAuthor.keySet()),
                "an author edits their own posts only");
        assertTrue(objects(batched.getEach(author, Endpoint.POSTS, posts(), Context.VIEW)).containsKey(editorsPost), "and sees another's published post");
    }

    @Test
    void pagesAreReadAsGetReadsThemToo() {
        List<Long> pages = List.of(bed.id("pages", "about"), bed.id("pages", "team"), bed.id("pages", "page-draft"), MISSING);
        for (String role : List.of("admin", "author")) {
            Credentials who = bed.credentials(role);
            for (Context context : Context.values()) {
                assertEquals(oneByOne(pages, id -> alone.get(who, Endpoint.PAGES, id, context)), objects(batched.getEach(who, Endpoint.PAGES, pages, context)),
                        role + " " + context);
            }
        }
    }

    @Test
    void eachPostsRevisionsAreWhatRevisionsReadsForThatUser() {
        List<Long> ids = new ArrayList<>(List.of(editorsPost, authorsDraft, bed.id("posts", "emoji"), MISSING));
        for (String role : List.of("admin", "author")) {
            Credentials who = bed.credentials(role);
            Map<Long, List<Post>> expected = oneByOne(ids, id -> alone.revisions(who, Endpoint.POSTS, id));
            assertEquals(expected, batched.revisionsOfEach(who, Endpoint.POSTS, ids), role);
        }
        Map<Long, List<Post>> asAdmin = batched.revisionsOfEach(bed.credentials("admin"), Endpoint.POSTS, ids);
        assertTrue(asAdmin.get(editorsPost).size() >= 2, "the editor's post was changed twice: " + asAdmin.get(editorsPost));
        assertEquals(List.of(authorsDraft), List.copyOf(batched.revisionsOfEach(bed.credentials("author"), Endpoint.POSTS, ids).keySet()),
                "an author reads the revisions of their own post only");
    }

    /** The records of a batch's reads, as {@code get} reads them (the JSON beside each is what {@code getJson} reads). */
    private static <T> Map<Long, T> objects(Map<Long, WordPressClient.Read<T>> reads) {
        Map<Long, T> objects = new java.util.LinkedHashMap<>();
        reads.forEach((id, read) -> objects.put(id, read.object()));
        return objects;
    }
}
