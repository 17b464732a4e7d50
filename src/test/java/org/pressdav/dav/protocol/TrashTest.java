package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.PostType;

/**
 * {@code trash/}: a post deleted from the drive shows in {@code trash/posts/<id>-<slug>/} with its files, read-only,
 * to who may edit it; a MOVE back into {@code posts/} restores it with its id (through the companion plugin with the
 * status it had, through core REST as a draft), a DELETE there deletes it for good.
 */
class TrashTest {
    private InProcessDrive drive;

    @AfterEach
    void stop() {
        if (drive != null) {
            drive.close();
        }
    }

    private List<String> names(Account who, String path) {
        return drive.namesIn(who, path);
    }

    private Answer send(Account who, String method, String path, Map<String, String> headers) {
        return drive.send(who, method, path, headers, null);
    }

    /** A post in the trash: its id, and its folder's name in {@code trash/posts/}. */
    private record Trashed(long id, String name) {
        String folder() {
            return "trash/posts/" + name;
        }
    }

    /** A published post of {@code author}'s, deleted from the drive by them: in trash/ under the name its folder had. */
    private Trashed trashed(Account author, String title, String content) {
        long id = drive.wordpress.addPost("post", author.id(), "publish", title, content);
        String folder = drive.folderOf(id);
        assertEquals(204, send(author, "DELETE", folder, Map.of()).status());
        return new Trashed(id, folder.substring("posts/".length()));
    }

    private Answer move(Account who, String from, String to) {
        return send(who, "MOVE", from, Map.of("Destination", drive.url(to)));
    }

    @Test
    void aDeletedPostShowsInTrashWithItsFilesReadOnly() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        Trashed story = trashed(AUTHOR, "A story", "Once\r\n<p>upon</p>");
        String folder = story.folder();
        assertTrue(names(ADMIN, "").contains("trash/"));
        assertEquals(List.of("posts/"), names(AUTHOR, "trash/"), "an author may edit posts, not pages");
        assertEquals(List.of(story.name()), names(AUTHOR, "trash/posts/"));
        assertTrue(story.name().matches("\\d+-a-story/"), "named as its folder was, without WordPress's __trashed: " + folder);
        Answer content = send(AUTHOR, "GET", folder + "content.html", Map.of());
        assertEquals(200, content.status());
        assertEquals("Once\r\n<p>upon</p>", content.text());
        assertEquals("trash", send(AUTHOR, "GET", folder + "status.txt", Map.of()).text());
        assertEquals(403, drive.send(AUTHOR, "PUT", folder + "title.txt", Map.of(), "new").status());
        assertEquals("A story", send(AUTHOR, "GET", folder + "title.txt", Map.of()).text());
        assertFalse(names(AUTHOR, "posts/").contains(story.name()));
    }

    @Test
    void movingItBackRestoresTheSamePostWithItsStatusAndSlugThroughThePlugin() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        Trashed story = trashed(AUTHOR, "A story", "text");
        assertEquals(201, move(AUTHOR, story.folder(), "posts/" + story.name()).status());
        Post back = drive.wordpress.post(story.id());
        assertEquals(List.of("publish", "a-story"), List.of(back.status(), back.slug()));
        assertEquals(1, drive.wordpress.calls.get("untrash").get());
        assertEquals(200, send(AUTHOR, "GET", "posts/" + story.name() + "content.html", Map.of()).status());
        assertFalse(names(AUTHOR, "trash/posts/").contains(story.name()));
    }

    @Test
    void anyNameInItsTypesFolderRestoresItUnderThatSlug() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        Trashed old = trashed(EDITOR, "Old", "text");
        assertEquals(403, move(EDITOR, old.folder(), "pages/" + old.name()).status(), "a post is not restored as a page");
        assertEquals("trash", drive.wordpress.post(old.id()).status());
        assertEquals(201, move(EDITOR, old.folder(), "posts/renewed").status());
        Post back = drive.wordpress.post(old.id());
        assertEquals(List.of("publish", "renewed"), List.of(back.status(), back.slug()));
    }

    @Test
    void withoutThePluginARestoreIsACoreRestUpdateToADraftWithItsOldSlug() {
        drive = new InProcessDrive();
        Trashed story = trashed(AUTHOR, "A story", "text");
        assertEquals(201, move(AUTHOR, story.folder(), "posts/" + story.name()).status());
        Post back = drive.wordpress.post(story.id());
        assertEquals(List.of("draft", "a-story"), List.of(back.status(), back.slug()));
        assertNull(drive.wordpress.calls.get("untrash"));
    }

    @Test
    void deleteInTrashDeletesForGood() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        Trashed gone = trashed(AUTHOR, "Gone", "text");
        assertEquals(204, send(AUTHOR, "DELETE", gone.folder(), Map.of()).status());
        assertNull(drive.wordpress.post(gone.id()));
        assertEquals(404, send(AUTHOR, "PROPFIND", gone.folder(), Map.of("Depth", "0")).status());
    }

    @Test
    void anAuthorSeesOnlyTheirOwnAndASubscriberNothingAndEachIsRefusedWhatTheyMayNotEdit() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        Trashed hers = trashed(EDITOR, "Hers", "text");
        Trashed mine = trashed(AUTHOR, "Mine", "text");
        assertEquals(List.of(mine.name()), names(AUTHOR, "trash/posts/"));
        assertEquals(List.of(hers.name(), mine.name()), names(EDITOR, "trash/posts/"));
        assertEquals(List.of(), names(SUBSCRIBER, "trash/"), "a subscriber may edit no type: an empty trash");
        assertEquals(403, move(AUTHOR, hers.folder(), "posts/" + hers.name()).status());
        assertEquals(403, send(AUTHOR, "DELETE", hers.folder(), Map.of()).status());
        assertEquals(403, move(SUBSCRIBER, mine.folder(), "posts/" + mine.name()).status());
        assertEquals(403, send(SUBSCRIBER, "DELETE", mine.folder(), Map.of()).status());
        assertEquals("trash", drive.wordpress.post(hers.id()).status());
        assertEquals("trash", drive.wordpress.post(mine.id()).status());
    }

    private static final PostType BOOK = new PostType(Endpoint.ofPostType("wp/v2", "books", "book"), false, "edit_posts", List.of(),
            Set.of("title", "editor"));

    @Test
    void aBookOfATypeRegisteredAtRunTimeIsInTrashBooksAndMovesBackIntoBooks() throws InterruptedException {
        InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();
        drive = new InProcessDrive(wordpress, "--change-poll", "100ms", "--types-refresh", "0s");
        wordpress.activatePluginRegistering(BOOK); // the feed reports the activation as a change of settings
        wordpress.plugin().awaitFeedFollowedPast(wordpress.plugin().feedHead(), Duration.ofSeconds(30));
        long book = wordpress.addPost("book", ADMIN.id(), "publish", "Dune", "Arrakis");
        String name = book + "-dune/";
        assertEquals(204, send(ADMIN, "DELETE", "books/" + name, Map.of()).status());

        // The public sees no one's edit capability of a found type: the trash asks as the admin sees it.
        assertEquals(List.of("posts/", "pages/", "books/"), names(ADMIN, "trash/"));
        assertEquals(List.of(name), names(ADMIN, "trash/books/"));
        assertEquals("Arrakis", send(ADMIN, "GET", "trash/books/" + name + "content.html", Map.of()).text());
        assertEquals(403, move(ADMIN, "trash/books/" + name, "posts/" + name).status(), "a book is not restored as a post");
        assertEquals(201, move(ADMIN, "trash/books/" + name, "books/" + name).status());
        assertEquals("publish", wordpress.post(book).status());
        assertEquals("Dune", send(ADMIN, "GET", "books/" + name + "title.txt", Map.of()).text());
        assertEquals(List.of(), names(ADMIN, "trash/books/"));
    }

    @Test
    void aKindRenamedByTheClashRuleHasItsTrashUnderItsFolderNameAndIsRestoredThere() {
        // A plugin's type whose rest_base is the drive's own tags/: its folder is tags-topic/, and so is its trash.
        PostType topic = new PostType(Endpoint.ofPostType("wp/v2", "tags", "topic"), false, "edit_posts", List.of(), Set.of("title", "editor"));
        InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin().registerPostType(topic);
        long post = wordpress.addPost("topic", AUTHOR.id(), "publish", "On tags", "");
        drive = new InProcessDrive(wordpress);
        String name = post + "-on-tags/";
        assertEquals(204, send(AUTHOR, "DELETE", "tags-topic/" + name, Map.of()).status());

        assertEquals(List.of("posts/", "tags-topic/"), names(AUTHOR, "trash/"));
        assertEquals(List.of(name), names(AUTHOR, "trash/tags-topic/"));
        assertEquals(404, send(AUTHOR, "PROPFIND", "trash/tags/", Map.of("Depth", "0")).status(), "tags/ is the drive's, not the type's");
        assertEquals(403, move(AUTHOR, "trash/tags-topic/" + name, "tags/" + name).status(), "restored into its own folder only");
        assertEquals(201, move(AUTHOR, "trash/tags-topic/" + name, "tags-topic/" + name).status());
        assertEquals("publish", wordpress.post(post).status());
        assertEquals("On tags", send(AUTHOR, "GET", "tags-topic/" + name + "title.txt", Map.of()).text());
    }
}
