package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.entity.MediaLibrary;
import org.pressdav.dav.entity.PostKind;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.dav.node.TextFile;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;
import org.pressdav.wordpress.SiteTypes;

/**
 * Registered meta on the real WordPress (the test bed's must-use plugin registers a key of each shape): listed exactly as
 * REST shows the keys (a key not in REST, such as a user's {@code rich_editing}, never), round-tripped byte for byte, a value
 * of the wrong type refused 422 in WordPress's words with the old value kept, refused 403 to who may not edit the object,
 * and two keys written at once both kept. What WordPress holds is read from it directly.
 */
class MetaIT extends WritingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The book type's keys of every shape, through a PostKind made for it from what WordPress publishes of its types. */
    @Test
    void aCustomTypesKeysOfEveryShapeAsFiles() throws IOException {
        long novel = bed.id("books", "novel");
        Folder meta = bookMeta(novel);
        assertEquals(List.of("isbn.txt", "pages.txt", "in_print.txt", "awards.json", "dimensions.json"),
                meta.getChildren().stream().map(Node::getName).toList());
        assertEquals("978-3-16-148410-0", text(meta, "isbn.txt"));
        assertEquals("412", text(meta, "pages.txt"));
        assertEquals("true", text(meta, "in_print.txt"));
        assertEquals(JSON.readTree("[\"Prix Café\", \"日本 Award\"]"), JSON.readTree(text(meta, "awards.json")));
        String dimensions = text(meta, "dimensions.json");
        assertEquals("{\n  \"width\": 13,\n  \"height\": 20\n}", dimensions);

        DavError refused = assertThrows(DavError.class, () -> file(meta, "pages.txt").save("abc"));
        assertEquals(422, refused.status());
        assertEquals("meta.pages is not of type integer.", refused.getMessage());
        assertEquals(412, held(bookEndpoint(), novel).path("pages").asInt(), "the old value stays");

        file(meta, "dimensions.json").save("{\"width\":14,\"height\":21}");
        assertEquals(JSON.readTree("{\"width\":14,\"height\":21}"), held(bookEndpoint(), novel).path("dimensions"));
        String shown = text(bookMeta(novel), "dimensions.json");
        file(bookMeta(novel), "dimensions.json").save(shown);
        assertEquals(shown, text(bookMeta(novel), "dimensions.json"), "read and written back: the same bytes");

        file(bookMeta(novel), "pages.txt").save("");
        assertEquals("0", text(bookMeta(novel), "pages.txt"), "an empty file deletes the value: the key shows its default");
    }

    @Test
    void twoKeysOfOneBookWrittenAtOnceAreBothKept() {
        long novel = bed.id("books", "novel");
        Folder meta = bookMeta(novel);
        CompletableFuture<TextFile> isbn = CompletableFuture.supplyAsync(() -> file(meta, "isbn.txt").save("0-19-852663-6"));
        CompletableFuture<TextFile> inPrint = CompletableFuture.supplyAsync(() -> file(meta, "in_print.txt").save("false"));
        isbn.join();
        inPrint.join();
        JsonNode held = held(bookEndpoint(), novel);
        assertEquals("0-19-852663-6", held.path("isbn").asText());
        assertFalse(held.path("in_print").asBoolean());
    }

    private static Endpoint<Post> bookEndpoint() {
        return bookType().endpoint();
    }

    private static PostType bookType() {
        return wordpress.types(admin).postTypes().stream().filter(type -> type.name().equals("book")).findFirst()
                .orElseThrow(() -> new AssertionError("the test bed registers the book type"));
    }

    /** {@code books/<id>-<slug>/meta/} as the administrator's drive would show it. */
    private static Folder bookMeta(long id) {
        SiteTypes types = wordpress.types(admin);
        PostKind books = new PostKind(bookType(), types.postTypes(), false, MediaLibrary.coreRest());
        DavSession session = new DavSession(wordpress, admin, wordpress.me(admin));
        Post book = books.load(session, books.byId(session, id).orElseThrow());
        return books.folders(session, book, "books/" + id).stream().filter(folder -> folder.getName().equals("meta")).findFirst()
                .orElseThrow(() -> new AssertionError("a book has meta/"));
    }

    private static TextFile file(Folder folder, String name) {
        return (TextFile) folder.child(name);
    }

    private static String text(Folder folder, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextFile file = file(folder, name);
        file.write(out, 0, file.length());
        return out.toString(StandardCharsets.UTF_8);
    }
}
