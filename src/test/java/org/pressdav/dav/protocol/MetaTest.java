package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.CONTRIBUTOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * Registered meta as files, over the in-memory WordPress with a key of every shape REST knows registered on posts: listed
 * as WordPress shows them (registered keys only), read and written back byte for byte, refused in WordPress's words with
 * the old value kept, refused to who may not edit the object, and two keys written at once both kept.
 */
class MetaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessDrive drive;
    private long post;
    private String folder;
    private String editorsFolder;

    @BeforeEach
    void start() {
        InMemoryWordPress wordpress = new InMemoryWordPress();
        wordpress.meta().register("post", "subtitle", "{\"type\": \"string\"}")
                .register("post", "pages", "{\"type\": \"integer\"}")
                .register("post", "rating", "{\"type\": \"number\"}")
                .register("post", "in_print", "{\"type\": \"boolean\"}")
                .register("post", "awards", "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}")
                .register("post", "dimensions", "{\"type\": \"object\", \"properties\": {\"width\": {\"type\": \"integer\"}, "
                        + "\"height\": {\"type\": \"integer\"}}, \"additionalProperties\": false}")
                .register("category", "color", "{\"type\": \"string\"}")
                .register("user", "pen_name", "{\"type\": \"string\"}");
        drive = new InProcessDrive(wordpress);
        post = wordpress.addPost("post", AUTHOR.id(), "publish", "A story", "Body.");
        long hers = wordpress.addPost("post", EDITOR.id(), "publish", "Hers", "x");
        wordpress.meta().store("post", post, "_edit_lock", "1700000000:1");
        folder = drive.folderOf(post) + "meta/";
        editorsFolder = drive.folderOf(hers) + "meta/";
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private Answer put(Account who, String path, String text) {
        return drive.send(who, "PUT", path, Map.of(), text);
    }

    private JsonNode stored(String key) {
        return drive.wordpress.meta().stored("post", post, key);
    }

    @Test
    void onlyRegisteredKeysAreListedEachAFileByItsType() {
        assertTrue(drive.namesIn(AUTHOR, drive.folderOf(post)).contains("meta/"));
        assertEquals(List.of("subtitle.txt", "pages.txt", "rating.txt", "in_print.txt", "awards.json", "dimensions.json"), drive.namesIn(AUTHOR, folder),
                "a key not registered in REST (_edit_lock) never shows");
        assertEquals(404, drive.send(AUTHOR, "GET", folder + "_edit_lock.txt", Map.of(), null).status());
        // Each unset key shows its type's empty value, as WordPress's REST does.
        assertEquals(List.of("", "0", "0.0", "false", "[]", "{}"), List.of(drive.read(AUTHOR, folder + "subtitle.txt"), drive.read(AUTHOR, folder + "pages.txt"),
                drive.read(AUTHOR, folder + "rating.txt"), drive.read(AUTHOR, folder + "in_print.txt"), drive.read(AUTHOR, folder + "awards.json"),
                drive.read(AUTHOR, folder + "dimensions.json")));
    }

    @Test
    void aKindWithoutRegisteredKeysHasNoMetaFolder() {
        long page = drive.wordpress.addPost("page", EDITOR.id(), "publish", "About", "Us.");
        long tag = drive.wordpress.addTerm("post_tag", "Mine");
        assertFalse(drive.namesIn(EDITOR, "pages/" + page + "-about/").contains("meta/"));
        assertFalse(drive.namesIn(EDITOR, "tags/mine/").contains("meta/"));
        assertEquals(404, drive.send(EDITOR, "PROPFIND", "pages/" + page + "-about/meta/", Map.of("Depth", "1"), null).status());
        assertTrue(tag > 0);
    }

    @Test
    void scalarsRoundTripByteForByte() throws Exception {
        String subtitle = "Über\r\n\tspaces  and a final newline ✓\n";
        assertEquals(204, put(AUTHOR, folder + "subtitle.txt", subtitle).status());
        assertEquals(subtitle, drive.read(AUTHOR, folder + "subtitle.txt"));
        assertEquals(subtitle, stored("subtitle").textValue(), "sent as written");

        assertEquals(204, put(AUTHOR, folder + "pages.txt", "412\n").status(), "an editor's final newline does no harm to a number");
        assertEquals("412", drive.read(AUTHOR, folder + "pages.txt"));
        assertTrue(stored("pages").isIntegralNumber(), "sent as a number: " + stored("pages"));
        assertEquals(204, put(AUTHOR, folder + "rating.txt", "4.5").status());
        assertEquals("4.5", drive.read(AUTHOR, folder + "rating.txt"));
        assertEquals(204, put(AUTHOR, folder + "in_print.txt", "true").status());
        assertEquals("true", drive.read(AUTHOR, folder + "in_print.txt"));
        assertEquals(JSON.readTree("true"), stored("in_print"));
    }

    @Test
    void arraysAndObjectsRoundTripEqualAsJsonAndByteForByteAsRead() throws Exception {
        String compact = "{\"width\":13,\"height\":20}";
        assertEquals(204, put(AUTHOR, folder + "dimensions.json", compact).status());
        String shown = drive.read(AUTHOR, folder + "dimensions.json");
        assertEquals(JSON.readTree(compact), JSON.readTree(shown));
        assertEquals("{\n  \"width\": 13,\n  \"height\": 20\n}", shown, "one layout: two spaces, \"key\": value, no final newline");
        assertEquals(204, put(AUTHOR, folder + "dimensions.json", shown).status());
        assertEquals(shown, drive.read(AUTHOR, folder + "dimensions.json"), "read and written back: the same bytes");

        String awards = "[\"Prix Café\", \"日本 Award\"]\n";
        assertEquals(204, put(AUTHOR, folder + "awards.json", awards).status());
        assertEquals(JSON.readTree(awards), JSON.readTree(drive.read(AUTHOR, folder + "awards.json")));
        assertEquals(JSON.readTree(awards), stored("awards"));
        assertEquals("[\n  \"Prix Café\",\n  \"日本 Award\"\n]", drive.read(AUTHOR, folder + "awards.json"));
    }

    @Test
    void aValueOfTheWrongTypeIs422InWordPressWordsAndTheOldValueStays() {
        assertEquals(204, put(AUTHOR, folder + "pages.txt", "412").status());
        Answer refused = put(AUTHOR, folder + "pages.txt", "abc");
        assertEquals(422, refused.status(), refused.text());
        assertEquals("meta.pages is not of type integer.", refused.text().strip());
        assertEquals("412", drive.read(AUTHOR, folder + "pages.txt"));

        assertEquals(204, put(AUTHOR, folder + "dimensions.json", "{\"width\": 1, \"height\": 2}").status());
        Answer wrongProperty = put(AUTHOR, folder + "dimensions.json", "{\"width\": \"wide\"}");
        assertEquals(422, wrongProperty.status());
        assertEquals("meta.dimensions[width] is not of type integer.", wrongProperty.text().strip());
        Answer notJson = put(AUTHOR, folder + "awards.json", "[\"unclosed\"");
        assertEquals(422, notJson.status());
        assertTrue(notJson.text().contains("awards.json is not JSON"), notJson.text());
        Answer flag = put(AUTHOR, folder + "in_print.txt", "maybe");
        assertEquals(422, flag.status());
        assertEquals("meta.in_print is not of type boolean.", flag.text().strip());
        assertEquals("{\n  \"width\": 1,\n  \"height\": 2\n}", drive.read(AUTHOR, folder + "dimensions.json"));
        assertEquals("[]", drive.read(AUTHOR, folder + "awards.json"));
        assertEquals("false", drive.read(AUTHOR, folder + "in_print.txt"));
    }

    @Test
    void anEmptyFileDeletesTheValueAndTheKeyShowsItsDefault() {
        assertEquals(204, put(AUTHOR, folder + "pages.txt", "412").status());
        assertEquals(204, put(AUTHOR, folder + "awards.json", "[\"a\"]").status());
        assertEquals(204, put(AUTHOR, folder + "pages.txt", "").status());
        assertEquals(204, put(AUTHOR, folder + "awards.json", "\n").status());
        assertNull(stored("pages"), "deleted, not set to 0");
        assertNull(stored("awards"));
        assertEquals("0", drive.read(AUTHOR, folder + "pages.txt"));
        assertEquals("[]", drive.read(AUTHOR, folder + "awards.json"));
    }

    @Test
    void whoMayNotEditTheObjectIsRefusedAsForItsOtherFields() {
        for (Account who : List.of(SUBSCRIBER, CONTRIBUTOR, AUTHOR)) {
            assertEquals("", drive.read(who, editorsFolder + "subtitle.txt"), "who may read the post reads its meta");
            Answer refused = put(who, editorsFolder + "subtitle.txt", "Mine now");
            assertEquals(403, refused.status(), who.login() + ": " + refused.text());
            assertEquals("Sorry, you are not allowed to edit this post.", refused.text().strip());
        }
        assertEquals("", drive.read(EDITOR, editorsFolder + "subtitle.txt"));
        assertEquals(204, put(EDITOR, editorsFolder + "subtitle.txt", "Hers").status());
    }

    /** Each write sends its own key alone, in the object's turn: neither undoes the other. */
    @Test
    void twoKeysWrittenAtOnceAreBothKept() {
        for (int round = 0; round < 5; round++) {
            String subtitle = "Round " + round;
            String pages = String.valueOf(100 + round);
            CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> put(AUTHOR, folder + "subtitle.txt", subtitle));
            CompletableFuture<Answer> two = CompletableFuture.supplyAsync(() -> put(AUTHOR, folder + "pages.txt", pages));
            assertEquals(204, one.join().status());
            assertEquals(204, two.join().status());
            assertEquals(List.of(subtitle, pages), List.of(drive.read(AUTHOR, folder + "subtitle.txt"), drive.read(AUTHOR, folder + "pages.txt")));
            assertEquals(subtitle, stored("subtitle").textValue());
            assertEquals(pages, stored("pages").asText());
        }
        assertEquals(1, drive.wordpress.mostUpdatesAtOnce.get(), "the writes of one object's keys take the object's turns");
    }

    /**
     * A DELETE in meta/ changes nothing in WordPress: where the object can be deleted it hides the file a while (so that Finder
     * and {@code rm -r} can empty the post's folder and trash the post), where it cannot (a user) it is refused.
     */
    @Test
    void aDeleteInMetaHidesAsAFieldFileDoesAndChangesNothing() {
        assertEquals(204, put(AUTHOR, folder + "subtitle.txt", "Kept").status());
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder + "subtitle.txt", Map.of(), null).status());
        assertFalse(drive.namesIn(AUTHOR, folder).contains("subtitle.txt"));
        assertEquals("Kept", stored("subtitle").textValue());
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder, Map.of(), null).status());
        assertFalse(drive.namesIn(AUTHOR, drive.folderOf(post)).contains("meta/"));
        assertEquals(204, drive.send(AUTHOR, "DELETE", drive.folderOf(post), Map.of(), null).status());
        assertEquals("trash", drive.wordpress.post(post).status());

        Answer user = drive.send(CONTRIBUTOR, "DELETE", "users/contributor/meta/pen_name.txt", Map.of(), null);
        assertEquals(403, user.status());
        assertTrue(user.text().contains("write an empty file"), user.text());
    }

    /** {@code sed -i} and editors write a file of their own beside the key's and rename it over it. */
    @Test
    void aFileOfOnesOwnRenamedOverAKeysFileSavesIt() {
        assertEquals(201, put(AUTHOR, folder + "sedAbC123", "Edited by sed").status());
        assertEquals(List.of("subtitle.txt", "pages.txt", "rating.txt", "in_print.txt", "awards.json", "dimensions.json", "sedAbC123"),
                drive.namesIn(AUTHOR, folder));
        assertEquals(204, drive.send(AUTHOR, "MOVE", folder + "sedAbC123", Map.of("Destination", drive.url(folder + "subtitle.txt")), null)
                .status());
        assertEquals("Edited by sed", stored("subtitle").textValue());
        assertEquals(404, drive.send(AUTHOR, "GET", folder + "sedAbC123", Map.of(), null).status());
    }

    @Test
    void termAndUserMetaAreFilesOfTheirFoldersToo() {
        drive.wordpress.addTerm("category", "Tutorials");
        assertEquals(List.of("color.txt"), drive.namesIn(EDITOR, "categories/tutorials/meta/"));
        assertEquals(204, put(EDITOR, "categories/tutorials/meta/color.txt", "#ff0000").status());
        assertEquals("#ff0000", drive.read(AUTHOR, "categories/tutorials/meta/color.txt"));
        assertEquals(403, put(AUTHOR, "categories/tutorials/meta/color.txt", "blue").status());

        assertEquals(List.of("pen_name.txt"), drive.namesIn(CONTRIBUTOR, "users/contributor/meta/"));
        assertEquals(204, put(CONTRIBUTOR, "users/contributor/meta/pen_name.txt", "C. C. Quill").status());
        assertEquals("C. C. Quill", drive.read(CONTRIBUTOR, "users/contributor/meta/pen_name.txt"));
        assertEquals("C. C. Quill", drive.wordpress.meta().stored("user", CONTRIBUTOR.id(), "pen_name").textValue());
    }
}
