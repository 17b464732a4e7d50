package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.Post;

/**
 * COPY and MOVE of whole folders over the companion plugin: a media folder copied into new
 * attachments (at every depth) beside the originals, and a post's folder, listed from the plugin's
 * index, copied into a new draft and renamed to a new slug.
 */
class FolderCopyMoveTest {
    private final InProcessDrive drive = new InProcessDrive(new InMemoryWordPress().withPlugin());

    @AfterEach
    void stop() {
        drive.close();
    }

    private Optional<Media> at(String path) {
        return drive.wordpress.media().stream().filter(m -> drive.wordpress.plugin().drivePathOf(m.id()).equals(path)).findFirst();
    }

    private Answer copy(String from, String to, String... headers) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("Destination", drive.url(to)));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return drive.send(EDITOR, "COPY", from, all, null);
    }

    @Test
    void aMediaFolderIsCopiedIntoNewAttachmentsAtEveryDepthBesideTheOriginals() {
        assertEquals(201, drive.send(EDITOR, "MKCOL", "media/Originals/", Map.of(), null).status());
        assertEquals(201, drive.send(EDITOR, "MKCOL", "media/Originals/Inner/", Map.of(), null).status());
        assertEquals(201, drive.send(EDITOR, "PUT", "media/Originals/photo.png", Map.of(), "photo bytes").status());
        assertEquals(201, drive.send(EDITOR, "PUT", "media/Originals/Inner/deep.txt", Map.of(), "deep text").status());
        Media photo = at("Originals/photo.png").orElseThrow();

        Answer copied = copy("media/Originals/", "media/Copies/");
        assertEquals(201, copied.status(), copied.text());
        Media copy = at("Copies/photo.png").orElseThrow();
        assertNotEquals(photo.id(), copy.id(), "a new attachment");
        assertArrayEquals("photo bytes".getBytes(), drive.wordpress.bytesOf(copy.id()));
        assertArrayEquals("deep text".getBytes(), drive.wordpress.bytesOf(at("Copies/Inner/deep.txt").orElseThrow().id()));
        assertEquals(photo.id(), at("Originals/photo.png").orElseThrow().id(), "the original stays");
        assertEquals(4, drive.wordpress.media().size());
        assertEquals(412, copy("media/Originals/", "media/Copies/", "Overwrite", "F").status());

        Answer shallow = copy("media/Originals/", "media/Empty copy/", "Depth", "0");
        assertEquals(201, shallow.status(), shallow.text());
        assertTrue(drive.wordpress.mediaFolders(Credentials.of("admin", "admin-pass")).contains("Empty copy"));
        assertTrue(at("Empty copy/photo.png").isEmpty(), "Depth 0: the folder alone");
    }

    @Test
    void aPostsFolderIsCopiedIntoANewDraftAndRenamedToANewSlug() {
        long post = drive.wordpress.addPost("post", ADMIN.id(), "publish", "Hello World", "The body.");
        String folder = drive.folderOf(post);
        assertTrue(drive.wordpress.calls.get("index:post").get() > 0, "posts/ is listed from the plugin's index");

        Answer copied = copy(folder, "posts/Hello again/");
        assertEquals(201, copied.status(), copied.text());
        List<Post> copies = drive.wordpress.posts(p -> p.id() != post && p.title().raw().equals("Hello World"));
        assertEquals(1, copies.size(), "one new post with the same title");
        assertEquals("draft", copies.get(0).status());
        assertEquals("The body.", copies.get(0).content().raw().strip());

        Answer moved = drive.send(EDITOR, "MOVE", folder, Map.of("Destination", drive.url("posts/" + post + "-renamed/")), null);
        assertEquals(201, moved.status(), moved.text());
        assertEquals("renamed", drive.wordpress.post(post).slug());
        assertEquals("posts/" + post + "-renamed/", drive.folderOf(post), "the listing, from the index, names it anew");
        assertEquals(404, drive.send(EDITOR, "PROPFIND", folder, Map.of("Depth", "0"), null).status());
    }
}
