package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Post;

/**
 * A post's revisions on the real WordPress: listed as WordPress keeps them, read byte for byte,
 * restored by one COPY (WordPress then holds the old text and a new revision), read-only, and out
 * of sight of who may not edit the post. What WordPress holds is read from it directly.
 */
class RevisionsIT extends WritingIT {

    private static List<Post> revisions(long post) {
        return wordpress.revisions(admin, Endpoint.POSTS, post).stream().filter(r -> !r.slug().contains("-autosave-")).toList();
    }

    private static Post stored(long post) {
        return wordpress.get(admin, Endpoint.POSTS, post, Context.EDIT);
    }

    private static RunningDrive.Answer send(String method, String path, Map<String, String> headers, String body) {
        return drive.send("editor", method, drive.url(path), headers, body);
    }

    /** The folder of the revision of {@code post} whose content is {@code content}, as the drive names it. */
    private static String revisionWith(String folder, long post, String content) {
        Post revision = revisions(post).stream().filter(r -> r.content().raw().equals(content)).findFirst()
                .orElseThrow(() -> new AssertionError("WordPress keeps no revision with " + content));
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(revision.dateGmt()) + "-" + revision.id() + "/";
        assertTrue(namesIn("editor", folder + "revisions/").contains(name), name);
        return folder + "revisions/" + name;
    }

    @Test
    void editedTwiceThenListedReadAndRestoredByCopy() {
        long post = bed.id("posts", "emoji");
        String folder = drive.folder("posts", post);
        Post original = stored(post);
        assertEquals(204, send("PUT", folder + "content.html", Map.of(), "<p>Version one</p>\r\n").status());
        assertEquals(204, send("PUT", folder + "content.html", Map.of(), "<p>Version two 🎉</p>").status());

        List<String> listed = namesIn("editor", folder + "revisions/");
        assertEquals(revisions(post).size(), listed.size(), "one folder per revision WordPress keeps: " + listed);
        listed.forEach(name -> assertTrue(name.matches("\\d{4}-\\d{2}-\\d{2}-\\d{6}-\\d+/"), name));
        String one = revisionWith(folder, post, "<p>Version one</p>\r\n");
        assertEquals(List.of("content.html", "title.txt", "excerpt.txt"), namesIn("editor", one));
        assertEquals("<p>Version one</p>\r\n", read("editor", one + "content.html"));
        assertEquals(original.title().raw(), read("editor", one + "title.txt"));

        int kept = revisions(post).size();
        List<RunningDrive.Answer> refused = List.of(send("PUT", one + "content.html", Map.of(), "Changed"),
                send("PROPPATCH", one + "content.html", Map.of(), "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" "
                        + "xmlns:Z=\"urn:z\"><D:set><D:prop><Z:c>red</Z:c></D:prop></D:set></D:propertyupdate>"),
                send("MKCOL", one + "sub/", Map.of(), null),
                send("MOVE", one + "title.txt", Map.of("Destination", drive.url(one + "other.txt")), null));
        refused.forEach(answer -> assertEquals(403, answer.status(), answer.text()));
        assertTrue(refused.get(0).text().contains("Revisions are read-only"), refused.get(0).text());
        assertEquals("<p>Version one</p>\r\n", read("editor", one + "content.html"));
        assertEquals("<p>Version two 🎉</p>", stored(post).content().raw());
        assertEquals(kept, revisions(post).size(), "a refused write is no save");

        RunningDrive.Answer copy = send("COPY", one + "content.html", Map.of("Destination", drive.url(folder + "content.html")), null);
        assertEquals(204, copy.status(), copy.text());
        assertEquals("<p>Version one</p>\r\n", stored(post).content().raw());
        assertEquals("<p>Version one</p>\r\n", read("editor", folder + "content.html"));
        assertEquals(kept + 1, revisions(post).size(), "WordPress records the restore as a revision");

        assertEquals(204, send("PUT", folder + "title.txt", Map.of(), "Another title").status());
        String two = revisionWith(folder, post, "<p>Version two 🎉</p>");
        RunningDrive.Answer whole = send("COPY", two, Map.of("Destination", drive.url(folder), "Overwrite", "T"), null);
        assertEquals(204, whole.status(), whole.text());
        Post restored = stored(post);
        assertEquals(List.of("<p>Version two 🎉</p>", original.title().raw()), List.of(restored.content().raw(), restored.title().raw()));
        assertEquals(restored.title().raw(), read("editor", folder + "title.txt"));
    }

    @Test
    void aBooksRevisionRestoredByCopyAndAGuidesRevisionsWithoutExcerpt() {
        Endpoint<Post> books = Endpoint.ofPostType("wp/v2", "books", "book");
        long novel = bed.id("books", "novel");
        String folder = drive.folder("books", novel);
        String seeded = "<p>Chapter one, revised. 📚</p>";
        assertEquals(204, send("PUT", folder + "content.html", Map.of(), "<p>Overwritten by mistake</p>").status());
        Post kept = wordpress.revisions(admin, books, novel).stream().filter(r -> r.content().raw().equals(seeded)).findFirst()
                .orElseThrow(() -> new AssertionError("WordPress keeps the seeded book's revision"));
        String name = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(kept.dateGmt()) + "-" + kept.id() + "/";
        assertEquals(List.of("content.html", "title.txt", "excerpt.txt"), namesIn("editor", folder + "revisions/" + name));
        RunningDrive.Answer copy = send("COPY", folder + "revisions/" + name + "content.html", Map.of("Destination", drive.url(folder + "content.html")), null);
        assertEquals(204, copy.status(), copy.text());
        assertEquals(seeded, wordpress.get(admin, books, novel, Context.EDIT).content().raw());

        // A guide supports no excerpt: WordPress's revisions of it have none, nor have their folders.
        long next = bed.id("guides", "guide-next");
        String guide = drive.folder("guides", next);
        assertEquals(204, send("PUT", guide + "content.html", Map.of(), "<p>Step two, again.</p>").status());
        List<String> listed = namesIn("editor", guide + "revisions/");
        assertFalse(listed.isEmpty());
        for (String revision : listed) {
            assertEquals(List.of("content.html", "title.txt"), namesIn("editor", guide + "revisions/" + revision));
        }
    }

    @Test
    void whoMayNotEditThePostDoesNotSeeItsRevisions() {
        String emoji = drive.folder("posts", bed.id("posts", "emoji"));
        String own = drive.folder("posts", bed.id("posts", "author-post"));
        assertTrue(namesIn("editor", emoji).contains("revisions/"));
        assertTrue(namesIn("author", own).contains("revisions/"), "her own post");
        assertFalse(namesIn("author", emoji).contains("revisions/"), "another's post");
        assertFalse(namesIn("subscriber", emoji).contains("revisions/"));
        assertEquals(404, drive.send("subscriber", "PROPFIND", drive.url(emoji + "revisions/"), Map.of("Depth", "1"), null).status());
        assertEquals(404, drive.send("author", "PROPFIND", drive.url(emoji + "revisions/"), Map.of("Depth", "1"), null).status());
    }

    @Test
    void anAutosaveIsShownToItsAuthorAsAutosave() {
        long post = bed.id("posts", "author-post");
        Endpoint<Post> autosaves = new Endpoint<>("wp/v2/posts/" + post + "/autosaves", Post.class, false, "revision");
        wordpress.create(bed.credentials("author"), autosaves, Map.of("content", "<p>Not saved yet</p>", "title", "Ana's published post"));
        String folder = drive.folder("posts", post);
        assertTrue(namesIn("author", folder + "revisions/").contains("autosave/"));
        assertEquals("<p>Not saved yet</p>", read("author", folder + "revisions/autosave/content.html"));
        assertFalse(namesIn("editor", folder + "revisions/").contains("autosave/"), "another's autosave is theirs");
    }
}
