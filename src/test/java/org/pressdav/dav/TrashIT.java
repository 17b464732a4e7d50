package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.Clients;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.WordPressException;

/**
 * {@code trash/} on the real WordPress: a post deleted from the drive shows there with its files; a MOVE back
 * restores it with its id, its status and its slug (the companion plugin's untrash; without the plugin a core REST
 * update to a draft); a DELETE there deletes it for good; each role sees and restores only what WordPress lets it; a
 * book (a type the drive finds at run time) has its trash in {@code trash/books/}.
 * What WordPress holds is read from it directly.
 */
class TrashIT extends WritingIT {

    /** The test bed's books (a must-use plugin registers them): a type the drive finds at run time. */
    private static final Endpoint<Post> BOOKS = Endpoint.ofPostType("wp/v2", "books", "book");

    private static Post stored(long post) {
        return stored(Endpoint.POSTS, post);
    }

    private static Post stored(Endpoint<Post> type, long post) {
        return wordpress.get(admin, type, post, Context.EDIT);
    }

    private static List<String> names(RunningDrive on, String role, String path) {
        return on.names(role, path);
    }

    private static RunningDrive.Answer send(RunningDrive on, String role, String method, String path, Map<String, String> headers) {
        return on.send(role, method, on.url(path), headers, null);
    }

    private static RunningDrive.Answer move(RunningDrive on, String role, String from, String to) {
        return send(on, role, "MOVE", from, Map.of("Destination", on.url(to)));
    }

    /** The seeded post deleted from the drive by {@code role}; its folder in trash/, as that role lists it. */
    private static String trashed(RunningDrive on, String role, long post) {
        String folder = on.folder("posts", post);
        assertEquals(204, send(on, role, "DELETE", folder, Map.of()).status());
        assertEquals("trash", stored(post).status());
        String name = names(on, role, "trash/posts/").stream().filter(n -> n.startsWith(post + "-")).findFirst()
                .orElseThrow(() -> new AssertionError(post + " is not in trash/posts/"));
        return "trash/posts/" + name;
    }

    @Test
    void deletedFromTheDriveShowsInTrashAndMovesBackWithItsIdStatusAndSlug() {
        long post = bed.id("posts", "author-post");
        Post before = stored(post);
        String old = drive.folder("posts", post);
        String folder = trashed(drive, "author", post);
        assertEquals("trash/" + old, folder, "named as its folder was, without WordPress's __trashed");
        assertTrue(names(drive, "admin", "").contains("trash/"));
        assertEquals(before.content().raw(), drive.send("author", "GET", drive.url(folder + "content.html"), Map.of(), null).text());
        assertEquals(before.title().raw(), drive.send("author", "GET", drive.url(folder + "title.txt"), Map.of(), null).text());
        assertEquals(403, drive.send("author", "PUT", drive.url(folder + "title.txt"), Map.of(), "changed").status());

        String name = folder.substring("trash/posts/".length());
        RunningDrive.Answer restored = move(drive, "author", folder, "posts/" + name);
        assertEquals(201, restored.status(), restored.text());
        Post after = stored(post);
        assertEquals(List.of(before.status(), before.slug()), List.of(after.status(), after.slug()), "the status and slug it had");
        assertEquals(before.title().raw(), drive.send("author", "GET", drive.url("posts/" + name + "title.txt"), Map.of(), null).text());
        assertFalse(names(drive, "author", "trash/posts/").contains(name));
    }

    @Test
    void deleteInTrashIsForGood() {
        long post = bed.id("posts", "crlf");
        String folder = trashed(drive, "editor", post);
        assertEquals(204, send(drive, "editor", "DELETE", folder, Map.of()).status());
        WordPressException gone = assertThrows(WordPressException.class, () -> stored(post));
        assertEquals(404, gone.status());
        assertEquals(404, send(drive, "editor", "PROPFIND", folder, Map.of("Depth", "0")).status());
    }

    @Test
    void eachRoleSeesAndRestoresOnlyWhatWordPressLetsIt() {
        long hers = bed.id("posts", "blocks");
        long own = bed.id("posts", "author-draft");
        String editors = trashed(drive, "editor", hers);
        String authors = trashed(drive, "author", own);
        String ownName = authors.substring("trash/posts/".length());
        assertEquals(List.of(ownName), names(drive, "author", "trash/posts/"), "an author sees her own trashed posts only");
        assertTrue(names(drive, "editor", "trash/posts/").contains(ownName));
        assertEquals(List.of(), names(drive, "subscriber", "trash/"), "a subscriber may edit nothing: an empty trash");

        String hersName = editors.substring("trash/posts/".length());
        assertEquals(403, move(drive, "author", editors, "posts/" + hersName).status());
        assertEquals(403, send(drive, "author", "DELETE", editors, Map.of()).status());
        assertEquals(403, move(drive, "subscriber", authors, "posts/" + ownName).status());
        assertEquals(403, send(drive, "subscriber", "DELETE", authors, Map.of()).status());
        assertEquals("trash", stored(hers).status());
        assertEquals("trash", stored(own).status());

        assertEquals(201, move(drive, "author", authors, "posts/" + ownName).status());
        assertEquals("draft", stored(own).status(), "her draft is a draft again");
        assertEquals(201, move(drive, "editor", editors, "posts/" + hersName).status());
        assertEquals("publish", stored(hers).status());
    }

    @Test
    void withoutThePluginARestoreIsACoreRestUpdateToADraft() {
        long post = bed.id("posts", "cjk");
        Post before = stored(post);
        bed.script("plugin", "off");
        try (RunningDrive plain = RunningDrive.start()) {
            String folder = trashed(plain, "editor", post);
            String name = folder.substring("trash/posts/".length());
            RunningDrive.Answer restored = move(plain, "editor", folder, "posts/" + name);
            assertEquals(201, restored.status(), restored.text());
        } finally {
            bed.script("plugin", "on");
        }
        Post after = stored(post);
        assertEquals("draft", after.status(), "core REST cannot give back the status it had");
        assertEquals(before.slug(), after.slug());
    }

    /** A type found at run time has its trash too, under its folder's name, listed as WordPress lists it to each role. */
    @Test
    void aBookDeletedFromTheDriveShowsInTrashBooksAndMovesBackWithItsId() {
        long hers = bed.id("books", "book-author");
        long admins = bed.id("books", "novel");
        Post before = stored(BOOKS, hers);
        String folder = drive.folder("books", hers);
        String name = folder.substring("books/".length());
        String novel = drive.folder("books", admins).substring("books/".length());
        assertEquals(204, send(drive, "author", "DELETE", folder, Map.of()).status());
        assertEquals(204, send(drive, "admin", "DELETE", "books/" + novel, Map.of()).status());
        assertEquals("trash", stored(BOOKS, hers).status());

        assertTrue(names(drive, "admin", "trash/").contains("books/"), "the admin may edit books: " + names(drive, "admin", "trash/"));
        assertTrue(names(drive, "author", "trash/").contains("books/"), "so may an author, her own");
        assertTrue(names(drive, "admin", "trash/books/").containsAll(List.of(name, novel)), "the admin sees every trashed book");
        assertEquals(List.of(name), names(drive, "author", "trash/books/"), "an author sees her own trashed books only");
        assertEquals(before.content().raw(), drive.send("author", "GET", drive.url("trash/books/" + name + "content.html"), Map.of(), null).text());

        RunningDrive.Answer restored = move(drive, "author", "trash/books/" + name, folder);
        assertEquals(201, restored.status(), restored.text());
        Post after = stored(BOOKS, hers);
        assertEquals(List.of(before.status(), before.slug()), List.of(after.status(), after.slug()), "the book with its id, status and slug");
        assertEquals(before.title().raw(), drive.send("author", "GET", drive.url(folder + "title.txt"), Map.of(), null).text());
        assertEquals(201, move(drive, "admin", "trash/books/" + novel, "books/" + novel).status());
        assertEquals("publish", stored(BOOKS, admins).status());
        assertEquals(List.of(), names(drive, "admin", "trash/books/"));
    }

    /** davfs2's own commands: rm -r trashes a post's folder, mv brings it back, rm -r in trash/ deletes for good. */
    @Test
    void davfs2TrashesRestoresAndDeletesForGood(@TempDir Path dir) throws Exception {
        long kept = bed.id("posts", "same-title-1");
        long gone = bed.id("posts", "same-title-2");
        String keptName = drive.folder("posts", kept).substring("posts/".length());
        String goneName = drive.folder("posts", gone).substring("posts/".length());
        Path mount = Clients.mountDavfs(drive, "editor", dir, "rw");
        try {
            Path posts = mount.resolve("posts");
            Path trash = mount.resolve("trash").resolve("posts");
            for (String name : List.of(keptName, goneName)) {
                Clients.Result removed = Clients.run(dir, Map.of(), null, "rm", "-r", posts.resolve(name).toString());
                assertEquals(0, removed.exitCode(), removed.output());
            }
            assertTrue(Files.isRegularFile(trash.resolve(keptName).resolve("content.html")), "in trash/ with its files");
            Clients.Result moved = Clients.run(dir, Map.of(), null, "mv", trash.resolve(keptName).toString(), posts.resolve(keptName).toString());
            assertEquals(0, moved.exitCode(), moved.output());
            Clients.Result deleted = Clients.run(dir, Map.of(), null, "rm", "-r", trash.resolve(goneName).toString());
            assertEquals(0, deleted.exitCode(), deleted.output());
        } finally {
            Clients.run(dir, Map.of(), null, "umount", mount.toString());
        }
        assertEquals("publish", stored(kept).status());
        assertEquals(404, assertThrows(WordPressException.class, () -> stored(gone)).status());
    }
}
