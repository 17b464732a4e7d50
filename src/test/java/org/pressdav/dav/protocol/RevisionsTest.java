package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Post;

/**
 * A post's revisions on the drive: {@code revisions/<date>-<id>/} with the revision's three fields byte for byte,
 * read-only, shown only to who may edit the post, and restored by one COPY of a file or of the folder.
 */
class RevisionsTest {
    private static final String PROPPATCH = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\">"
            + "<D:set><D:prop><Z:colour>red</Z:colour></D:prop></D:set></D:propertyupdate>";

    private InProcessDrive drive;
    private long post;
    private String folder;
    private String hersFolder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        post = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "A story", "First\r\n<p>draft</p>");
        long hers = drive.wordpress.addPost("post", EDITOR.id(), "publish", "Hers", "x");
        folder = drive.folderOf(post);
        hersFolder = drive.folderOf(hers);
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    private void put(String file, String text) {
        assertEquals(204, drive.send(AUTHOR, "PUT", folder + file, Map.of(), text).status());
    }

    /** The folder of the post's revision {@code rev}, as the drive names it. */
    private String revisionFolder(Post rev) {
        String name = drive.namesIn(AUTHOR, folder + "revisions/").stream().filter(n -> n.endsWith("-" + rev.id() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("revision " + rev.id() + " is not listed"));
        return folder + "revisions/" + name;
    }

    @Test
    void everySaveIsARevisionFolderNamedByItsUtcDateAndIdWithItsFieldsByteForByte() {
        assertTrue(drive.namesIn(AUTHOR, folder).contains("revisions/"));
        assertEquals(1, drive.namesIn(AUTHOR, folder + "revisions/").size());
        put("content.html", "Second");
        put("title.txt", "A better story");
        List<Post> kept = drive.wordpress.revisionsOf(post);
        assertEquals(3, kept.size());
        List<String> listed = drive.namesIn(AUTHOR, folder + "revisions/");
        assertEquals(3, listed.size(), "the listing is forgotten when the post is written: " + listed);
        for (String name : listed) {
            assertTrue(name.matches("\\d{4}-\\d{2}-\\d{2}-\\d{6}-\\d+/"), name);
        }
        String first = revisionFolder(kept.get(0));
        assertEquals(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(kept.get(0).dateGmt()) + "-" + kept.get(0).id() + "/", first.substring(first.indexOf("revisions/") + 10));
        assertEquals(List.of("content.html", "title.txt", "excerpt.txt"), drive.namesIn(AUTHOR, first));
        assertEquals("First\r\n<p>draft</p>", drive.read(AUTHOR, first + "content.html"));
        assertEquals("A story", drive.read(AUTHOR, first + "title.txt"));
        assertEquals("", drive.read(AUTHOR, first + "excerpt.txt"));
        assertEquals("A better story", drive.read(AUTHOR, revisionFolder(kept.get(2)) + "title.txt"));
    }

    @Test
    void aRevisionOfATypeWithoutExcerptsHoldsItsContentAndTitleOnly() {
        long page = drive.wordpress.addPost("page", EDITOR.id(), "publish", "A page", "Page words");
        String pages = drive.namesIn(EDITOR, "pages/").stream().filter(n -> n.startsWith(page + "-")).findFirst().orElseThrow();
        assertEquals(204, drive.send(EDITOR, "PUT", "pages/" + pages + "title.txt", Map.of(), "A page, retitled").status());
        String revisions = "pages/" + pages + "revisions/";
        List<String> listed = drive.namesIn(EDITOR, revisions);
        assertEquals(2, listed.size(), listed.toString());
        for (String revision : listed) {
            assertEquals(List.of("content.html", "title.txt"), drive.namesIn(EDITOR, revisions + revision), "WordPress gives a page's revision no excerpt");
            assertEquals("Page words", drive.read(EDITOR, revisions + revision + "content.html"));
        }
    }

    @Test
    void listingTheRevisionsAsksWordPressOnceWhateverTheirNumber() {
        put("content.html", "Second");
        put("content.html", "Third");
        AtomicInteger asked = drive.wordpress.calls.computeIfAbsent("revisions", c -> new AtomicInteger());
        int before = asked.get();
        assertEquals(3, drive.namesIn(AUTHOR, folder + "revisions/").size());
        assertEquals(before + 1, asked.get());
        drive.namesIn(AUTHOR, folder + "revisions/");
        assertEquals(before + 1, asked.get(), "a second listing is the cache's");
    }

    @Test
    void everyWriteInsideIsRefusedWithHowToRestoreAndChangesNothing() {
        put("content.html", "Second");
        String first = revisionFolder(drive.wordpress.revisionsOf(post).get(0));
        List<Answer> refused = List.of(
                drive.send(AUTHOR, "PUT", first + "content.html", Map.of(), "Changed"),
                drive.send(AUTHOR, "PUT", first + "new.txt", Map.of(), "New"),
                drive.send(AUTHOR, "MOVE", first + "title.txt", Map.of("Destination", drive.url(first + "other.txt")), null),
                drive.send(AUTHOR, "MOVE", first, Map.of("Destination", drive.url(folder + "revisions/other/")), null),
                drive.send(AUTHOR, "PROPPATCH", first + "content.html", Map.of(), PROPPATCH),
                drive.send(AUTHOR, "MKCOL", first + "sub/", Map.of(), null),
                drive.send(AUTHOR, "MKCOL", folder + "revisions/sub/", Map.of(), null));
        for (Answer answer : refused) {
            assertEquals(403, answer.status(), answer.text());
        }
        assertTrue(refused.get(0).text().contains("Revisions are read-only"), refused.get(0).text());
        assertTrue(refused.get(2).text().contains("Revisions are read-only"), refused.get(2).text());
        assertTrue(refused.get(3).text().contains("Revisions are read-only"), refused.get(3).text());
        assertEquals("First\r\n<p>draft</p>", drive.read(AUTHOR, first + "content.html"));
        assertEquals(List.of("content.html", "title.txt", "excerpt.txt"), drive.namesIn(AUTHOR, first));
        assertEquals("Second", drive.wordpress.post(post).content().raw());
        assertEquals(2, drive.wordpress.revisionsOf(post).size());
    }

    /** Finder and rm -r empty a folder depth first before deleting it: revisions only hide, and the post goes to the trash. */
    @Test
    void emptyingThePostsFolderDepthFirstHidesItsRevisionsAndChangesNothingTillThePostIsDeleted() {
        put("content.html", "Second");
        String first = revisionFolder(drive.wordpress.revisionsOf(post).get(0));
        for (String file : List.of("content.html", "title.txt", "excerpt.txt")) {
            assertEquals(204, drive.send(AUTHOR, "DELETE", first + file, Map.of(), null).status(), file);
        }
        assertEquals(List.of(), drive.namesIn(AUTHOR, first));
        assertEquals(404, drive.send(AUTHOR, "GET", first + "content.html", Map.of(), null).status());
        assertEquals(204, drive.send(AUTHOR, "DELETE", first, Map.of(), null).status());
        assertEquals(1, drive.namesIn(AUTHOR, folder + "revisions/").size(), "the other revision is still listed");
        assertEquals(404, drive.send(AUTHOR, "PROPFIND", first, Map.of("Depth", "0"), null).status(), "a folder deleted is gone, as its listing says");
        String other = revisionFolder(drive.wordpress.revisionsOf(post).get(1));
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder + "revisions/", Map.of(), null).status());
        assertFalse(drive.namesIn(AUTHOR, folder).contains("revisions/"));
        assertEquals(404, drive.send(AUTHOR, "PROPFIND", folder + "revisions/", Map.of("Depth", "1"), null).status());
        assertEquals(404, drive.send(AUTHOR, "GET", other + "title.txt", Map.of(), null).status(), "nor is anything inside it found");
        assertEquals(207, drive.send(EDITOR, "PROPFIND", other, Map.of("Depth", "1"), null).status(), "hidden from the author alone");
        assertTrue(drive.namesIn(EDITOR, folder).contains("revisions/"), "hidden from the author alone");
        assertEquals(2, drive.wordpress.revisionsOf(post).size(), "WordPress keeps every revision");
        assertEquals("First\r\n<p>draft</p>", drive.wordpress.revisionsOf(post).get(0).content().raw());
        assertEquals(204, drive.send(AUTHOR, "DELETE", folder, Map.of(), null).status());
        assertEquals("trash", drive.wordpress.post(post).status());
    }

    @Test
    void onlyWhoMayEditThePostSeesItsRevisions() {
        assertTrue(drive.namesIn(EDITOR, folder).contains("revisions/"));
        assertTrue(drive.namesIn(ADMIN, folder).contains("revisions/"));
        assertFalse(drive.namesIn(SUBSCRIBER, folder).contains("revisions/"));
        assertEquals(404, drive.send(SUBSCRIBER, "PROPFIND", folder + "revisions/", Map.of("Depth", "1"), null).status());
        assertFalse(drive.namesIn(AUTHOR, hersFolder).contains("revisions/"));
        assertEquals(404, drive.send(AUTHOR, "PROPFIND", hersFolder + "revisions/", Map.of("Depth", "1"), null).status());
        String rev = "revisions/" + drive.namesIn(EDITOR, hersFolder + "revisions/").get(0);
        assertEquals(404, drive.send(AUTHOR, "GET", hersFolder + rev + "content.html", Map.of(), null).status());
        // A file of that name is no scratch file of the author's either.
        assertEquals(403, drive.send(AUTHOR, "PUT", hersFolder + "revisions", Map.of(), "mine").status());
    }

    @Test
    void copyingARevisionsFileOntoThePostsFileRestoresItAsANewRevision() {
        put("content.html", "Second");
        put("content.html", "Third");
        String first = revisionFolder(drive.wordpress.revisionsOf(post).get(0));
        Answer copy = drive.send(AUTHOR, "COPY", first + "content.html", Map.of("Destination", drive.url(folder + "content.html")), null);
        assertEquals(204, copy.status(), copy.text());
        assertEquals("First\r\n<p>draft</p>", drive.wordpress.post(post).content().raw());
        assertEquals("First\r\n<p>draft</p>", drive.read(AUTHOR, folder + "content.html"));
        List<Post> kept = drive.wordpress.revisionsOf(post);
        assertEquals(4, kept.size(), "WordPress recorded the restore as a revision");
        assertEquals("First\r\n<p>draft</p>", kept.get(3).content().raw());
        assertEquals(4, drive.namesIn(AUTHOR, folder + "revisions/").size());
    }

    @Test
    void copyingARevisionsFolderOntoThePostsFolderRestoresItsThreeFieldsInOneSave() {
        put("content.html", "Second");
        put("title.txt", "Renamed");
        put("excerpt.txt", "Short");
        String first = revisionFolder(drive.wordpress.revisionsOf(post).get(0));
        int before = drive.wordpress.revisionsOf(post).size();
        Answer refusedNoOverwrite = drive.send(AUTHOR, "COPY", first, Map.of("Destination", drive.url(folder), "Overwrite", "F"), null);
        assertEquals(412, refusedNoOverwrite.status());
        Answer copy = drive.send(AUTHOR, "COPY", first, Map.of("Destination", drive.url(folder)), null);
        assertEquals(204, copy.status(), copy.text());
        Post now = drive.wordpress.post(post);
        assertEquals("First\r\n<p>draft</p>", now.content().raw());
        assertEquals("A story", now.title().raw());
        assertEquals("", now.excerpt().raw());
        assertEquals(before + 1, drive.wordpress.revisionsOf(post).size(), "one save, one new revision");
        assertEquals("A story", drive.read(AUTHOR, folder + "title.txt"));
    }

    @Test
    void aRevisionRestoresOnlyItsOwnPostAndOnlyForWhoMayEditIt() {
        put("content.html", "Second");
        String first = revisionFolder(drive.wordpress.revisionsOf(post).get(0));
        long other = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "Other", "Other body");
        Answer elsewhere = drive.send(AUTHOR, "COPY", first, Map.of("Destination", drive.url(drive.folderOf(other))), null);
        assertEquals(403, elsewhere.status(), elsewhere.text());
        assertEquals("Other body", drive.wordpress.post(other).content().raw());
        // The editor may see the revision; the subscriber may not even reach it.
        Answer subscriber = drive.send(SUBSCRIBER, "COPY", first + "content.html", Map.of("Destination", drive.url(folder + "content.html")), null);
        assertEquals(404, subscriber.status());
        assertEquals("Second", drive.wordpress.post(post).content().raw());
    }

    @Test
    void thisUsersAutosaveIsShownAsAutosaveAndNoOneElses() {
        drive.wordpress.autosave(post, AUTHOR.id(), "A story", "Unsaved words", "");
        drive.wordpress.autosave(post, EDITOR.id(), "Her title", "Her unsaved words", "");
        assertTrue(drive.namesIn(AUTHOR, folder + "revisions/").contains("autosave/"));
        assertEquals("Unsaved words", drive.read(AUTHOR, folder + "revisions/autosave/content.html"));
        assertEquals("Her unsaved words", drive.read(EDITOR, folder + "revisions/autosave/content.html"));
        assertEquals(1, drive.namesIn(ADMIN, folder + "revisions/").size(), "the admin has no autosave: the one revision alone");
        Answer restore = drive.send(AUTHOR, "COPY", folder + "revisions/autosave/", Map.of("Destination", drive.url(folder)), null);
        assertEquals(204, restore.status(), restore.text());
        assertEquals("Unsaved words", drive.wordpress.post(post).content().raw());
    }
}
