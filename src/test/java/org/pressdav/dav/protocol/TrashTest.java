package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Post;

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
        Answer listing = drive.send(who, "PROPFIND", path, Map.of("Depth", "1"), null);
        assertEquals(207, listing.status(), path + ": " + listing.text());
        Matcher m = Pattern.compile("<D:href>/" + Pattern.quote(path) + "([^<]+)</D:href>").matcher(listing.text());
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private Answer send(Account who, String method, String path, Map<String, String> headers) {
        return drive.send(who, method, path, headers, null);
    }

    /** A published post of {@code author}'s, deleted from the drive by them: its folder in trash/. */
    private String trashed(Account author, String title, String content) {
        long id = drive.wordpress.addPost("post", author.id(), "publish", title, content);
        String folder = drive.folderOf(id);
        assertEquals(204, send(author, "DELETE", folder, Map.of()).status());
        return "trash/" + folder;
    }

    private Answer move(Account who, String from, String to) {
        return send(who, "MOVE", from, Map.of("Destination", drive.url(to)));
    }

    @Test
    void aDeletedPostShowsInTrashWithItsFilesReadOnly() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        String folder = trashed(AUTHOR, "A story", "Once\r\n<p>upon</p>");
        assertEquals("trash/posts/" + folder.substring("trash/posts/".length()), folder);
        assertTrue(names(ADMIN, "").contains("trash/"));
        assertTrue(names(AUTHOR, "trash/posts/").contains(folder.substring("trash/posts/".length())), names(AUTHOR, "trash/posts/").toString());
        assertTrue(folder.matches("trash/posts/\\d+-a-story/"), "named as its folder was, without WordPress's __trashed: " + folder);
        Answer content = send(AUTHOR, "GET", folder + "content.html", Map.of());
        assertEquals(200, content.status());
        assertEquals("Once\r\n<p>upon</p>", content.text());
        assertEquals("trash", send(AUTHOR, "GET", folder + "status.txt", Map.of()).text());
        assertEquals(403, drive.send(AUTHOR, "PUT", folder + "title.txt", Map.of(), "new").status());
        assertEquals("A story", send(AUTHOR, "GET", folder + "title.txt", Map.of()).text());
        assertFalse(names(AUTHOR, "posts/").contains(folder.substring("trash/".length()).substring("posts/".length())));
    }

    @Test
    void movingItBackRestoresTheSamePostWithItsStatusAndSlugThroughThePlugin() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        String folder = trashed(AUTHOR, "A story", "text");
        String name = folder.substring("trash/posts/".length());
        long id = Long.parseLong(name.substring(0, name.indexOf('-')));
        assertEquals(201, move(AUTHOR, folder, "posts/" + name).status());
        Post back = drive.wordpress.post(id);
        assertEquals("publish", back.status());
        assertEquals("a-story", back.slug());
        assertEquals(1, drive.wordpress.calls.get("untrash").get());
        assertEquals(200, send(AUTHOR, "GET", "posts/" + name + "content.html", Map.of()).status());
        assertFalse(names(AUTHOR, "trash/posts/").contains(name));
    }

    @Test
    void anyNameInItsTypesFolderRestoresItUnderThatSlug() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        String folder = trashed(EDITOR, "Old", "text");
        String name = folder.substring("trash/posts/".length());
        long id = Long.parseLong(name.substring(0, name.indexOf('-')));
        assertEquals(403, move(EDITOR, folder, "pages/" + name).status(), "a post is not restored as a page");
        assertEquals("trash", drive.wordpress.post(id).status());
        assertEquals(201, move(EDITOR, folder, "posts/renewed").status());
        assertEquals("renewed", drive.wordpress.post(id).slug());
        assertEquals("publish", drive.wordpress.post(id).status());
    }

    @Test
    void withoutThePluginARestoreIsACoreRestUpdateToADraftWithItsOldSlug() {
        drive = new InProcessDrive();
        String folder = trashed(AUTHOR, "A story", "text");
        String name = folder.substring("trash/posts/".length());
        long id = Long.parseLong(name.substring(0, name.indexOf('-')));
        assertEquals(201, move(AUTHOR, folder, "posts/" + name).status());
        assertEquals("draft", drive.wordpress.post(id).status());
        assertEquals("a-story", drive.wordpress.post(id).slug());
        assertNull(drive.wordpress.calls.get("untrash"));
    }

    @Test
    void deleteInTrashDeletesForGood() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        String folder = trashed(AUTHOR, "Gone", "text");
        String name = folder.substring("trash/posts/".length());
        long id = Long.parseLong(name.substring(0, name.indexOf('-')));
        assertEquals(204, send(AUTHOR, "DELETE", folder, Map.of()).status());
        assertNull(drive.wordpress.post(id));
        assertEquals(404, send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "0")).status());
    }

    @Test
    void anAuthorSeesOnlyTheirOwnAndASubscriberNothingAndEachIsRefusedWhatTheyMayNotEdit() {
        drive = new InProcessDrive(new InMemoryWordPress().withPlugin());
        String hers = trashed(EDITOR, "Hers", "text");
        String mine = trashed(AUTHOR, "Mine", "text");
        String hersName = hers.substring("trash/posts/".length());
        String mineName = mine.substring("trash/posts/".length());
        assertEquals(List.of(mineName), names(AUTHOR, "trash/posts/"));
        assertTrue(names(EDITOR, "trash/posts/").containsAll(List.of(hersName, mineName)));
        assertEquals(List.of(), names(SUBSCRIBER, "trash/"), "a subscriber may edit no type: an empty trash");
        assertEquals(403, move(AUTHOR, hers, "posts/" + hersName).status());
        assertEquals(403, send(AUTHOR, "DELETE", hers, Map.of()).status());
        assertEquals(403, move(SUBSCRIBER, mine, "posts/" + mineName).status());
        assertEquals(403, send(SUBSCRIBER, "DELETE", mine, Map.of()).status());
        long hersId = Long.parseLong(hersName.substring(0, hersName.indexOf('-')));
        assertEquals("trash", drive.wordpress.post(hersId).status());
    }
}
