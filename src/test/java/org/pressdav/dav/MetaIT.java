package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;

/**
 * Registered meta on the real WordPress (the test bed's must-use plugin registers a key of each shape): listed exactly as
 * REST shows the keys (a key not in REST, such as a user's {@code rich_editing}, never), round-tripped byte for byte, a value
 * of the wrong type refused 422 in WordPress's words with the old value kept, refused 403 to who may not edit the object,
 * and two keys written at once both kept. What WordPress holds is read from it directly.
 */
class MetaIT extends WritingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Endpoint<Post> BOOKS = Endpoint.ofPostType("wp/v2", "books", "book");
    private static final Endpoint<org.pressdav.wordpress.Term> GENRES = Endpoint.ofTaxonomy("wp/v2", "genres", "genre");

    private static RunningDrive.Answer put(String role, String path, String text) {
        return drive.send(role, "PUT", drive.url(path), Map.of(), text);
    }

    private static JsonNode held(Endpoint<?> endpoint, long id) {
        return wordpress.getJson(admin, endpoint, id, Context.EDIT).path("meta");
    }

    @Test
    void postTermAndUserMetaRoundTripByteForByte() {
        long post = bed.id("posts", "emoji");
        String folder = drive.folder("posts", post) + "meta/";
        assertEquals(List.of("subtitle.txt"), namesIn("editor", folder));
        String subtitle = "Über \"quotes\" and C:\\back\\slashes\r\n\ta final newline ✓\n";
        assertEquals(204, put("editor", folder + "subtitle.txt", subtitle).status());
        assertEquals(subtitle, read("editor", folder + "subtitle.txt"));
        assertEquals(subtitle, held(Endpoint.POSTS, post).path("subtitle").asText(), "WordPress holds the bytes written");

        assertEquals(List.of("color.txt"), namesIn("editor", "categories/tutorials/meta/"));
        assertEquals(204, put("editor", "categories/tutorials/meta/color.txt", "#c0ffee").status());
        assertEquals("#c0ffee", read("subscriber", "categories/tutorials/meta/color.txt"));

        assertEquals("C. C. Quill", read("contributor", "users/contributor/meta/pen_name.txt"), "as the seed stored it");
        assertEquals(204, put("contributor", "users/contributor/meta/pen_name.txt", "Quill ✒").status());
        assertEquals("Quill ✒", read("contributor", "users/contributor/meta/pen_name.txt"));
    }

    @Test
    void onlyKeysInRestAreListedAndOnlyWhereThereAreAny() {
        // WordPress keeps nickname, rich_editing, wp_capabilities, … for every user, none of them in REST; core's own
        // persisted_preferences (an object) and the test bed's pen_name are.
        long contributor = wordpress.list(admin, Endpoint.USERS, org.pressdav.wordpress.ListQuery.all()).items().stream()
                .filter(user -> "contributor".equals(user.slug())).findFirst().orElseThrow().id();
        List<String> inRest = new ArrayList<>();
        held(Endpoint.USERS, contributor).fieldNames().forEachRemaining(inRest::add);
        assertTrue(inRest.contains("pen_name") && !inRest.contains("rich_editing") && !inRest.contains("nickname"), inRest.toString());
        List<String> listed = namesIn("admin", "users/contributor/meta/");
        assertEquals(inRest, listed.stream().map(name -> name.substring(0, name.lastIndexOf('.'))).toList(), "one file per key in REST");
        assertTrue(listed.contains("pen_name.txt"), listed.toString());
        assertTrue(namesIn("admin", "posts/").size() > 1);
        assertFalse(namesIn("editor", drive.folder("pages", bed.id("pages", "about"))).contains("meta/"), "pages have no keys in REST");
        assertFalse(namesIn("editor", "tags/fun/").contains("meta/"), "nor have tags");
        assertTrue(namesIn("editor", "categories/news/").contains("meta/"));
    }

    @Test
    void whoMayNotEditTheObjectIsRefused403AndNothingChanges() {
        long post = bed.id("posts", "emoji");
        String folder = drive.folder("posts", post) + "meta/";
        JsonNode before = held(Endpoint.POSTS, post).path("subtitle");
        for (String role : List.of("subscriber", "contributor", "author")) {
            RunningDrive.Answer refused = put(role, folder + "subtitle.txt", "Mine now");
            assertEquals(403, refused.status(), role + ": " + refused.text());
        }
        assertEquals(before, held(Endpoint.POSTS, post).path("subtitle"));
        String color = read("admin", "categories/tutorials/meta/color.txt");
        String penName = read("admin", "users/admin/meta/pen_name.txt");
        assertEquals(403, put("contributor", "categories/tutorials/meta/color.txt", "red").status());
        // The administrator has published posts: every user sees their folder, and only they may edit it.
        assertEquals(403, put("subscriber", "users/admin/meta/pen_name.txt", "Not hers").status());
        assertEquals(List.of(color, penName), List.of(read("admin", "categories/tutorials/meta/color.txt"),
                read("admin", "users/admin/meta/pen_name.txt")));
    }

    /** The book type's keys of every shape, through the drive's books/ (a type the drive found in WordPress). */
    @Test
    void aCustomTypesKeysOfEveryShapeAsFiles() throws IOException {
        long novel = bed.id("books", "novel");
        String meta = drive.folder("books", novel) + "meta/";
        assertEquals(List.of("isbn.txt", "pages.txt", "in_print.txt", "awards.json", "dimensions.json"), namesIn("admin", meta));
        assertEquals("978-3-16-148410-0", read("admin", meta + "isbn.txt"));
        assertEquals("412", read("admin", meta + "pages.txt"));
        assertEquals("true", read("admin", meta + "in_print.txt"));
        assertEquals(JSON.readTree("[\"Prix Café\", \"日本 Award\"]"), JSON.readTree(read("admin", meta + "awards.json")));
        assertEquals("{\n  \"width\": 13,\n  \"height\": 20\n}", read("admin", meta + "dimensions.json"));

        RunningDrive.Answer refused = put("admin", meta + "pages.txt", "abc");
        assertEquals(422, refused.status());
        assertTrue(refused.text().contains("meta.pages is not of type integer."), refused.text());
        assertEquals(412, held(BOOKS, novel).path("pages").asInt(), "the old value stays");

        assertEquals(204, put("admin", meta + "dimensions.json", "{\"width\":14,\"height\":21}").status());
        assertEquals(JSON.readTree("{\"width\":14,\"height\":21}"), held(BOOKS, novel).path("dimensions"));
        String shown = read("admin", meta + "dimensions.json");
        assertEquals(204, put("admin", meta + "dimensions.json", shown).status());
        assertEquals(shown, read("admin", meta + "dimensions.json"), "read and written back: the same bytes");

        assertEquals(204, put("admin", meta + "pages.txt", "").status());
        assertEquals("0", read("admin", meta + "pages.txt"), "an empty file deletes the value: the key shows its default");

        assertEquals("F", read("editor", "genres/fiction/meta/shelf.txt"), "a custom taxonomy's term meta");
        assertEquals(204, put("editor", "genres/fiction/meta/shelf.txt", "F-2").status());
        assertEquals("F-2", held(GENRES, bed.id("genres", "fiction")).path("shelf").asText());
    }

    @Test
    void twoKeysOfOneBookWrittenAtOnceAreBothKept() {
        long novel = bed.id("books", "novel");
        String meta = drive.folder("books", novel) + "meta/";
        JsonNode pages = held(BOOKS, novel).path("pages");
        CompletableFuture<Integer> isbn = CompletableFuture.supplyAsync(() -> put("editor", meta + "isbn.txt", "0-19-852663-6").status());
        CompletableFuture<Integer> inPrint = CompletableFuture.supplyAsync(() -> put("admin", meta + "in_print.txt", "false").status());
        assertEquals(List.of(204, 204), List.of(isbn.join(), inPrint.join()));
        JsonNode held = held(BOOKS, novel);
        assertEquals("0-19-852663-6", held.path("isbn").asText());
        assertFalse(held.path("in_print").asBoolean());
        assertEquals(pages, held.path("pages"), "a key no one wrote keeps its value");
    }
}
