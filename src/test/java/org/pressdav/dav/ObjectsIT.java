package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;
import org.pressdav.wordpress.Term;
import org.pressdav.wordpress.WordPressException;

/** Creating, renaming and deleting folders and files: what WordPress holds afterwards. */
class ObjectsIT extends WritingIT {



    private static List<Post> drafts(String title) {
        return wordpress.list(admin, Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT).with("status", "draft")
                .with("search", title)).items().stream().filter(p -> p.title().raw().equals(title)).toList();
    }

    private static String listing(String role, String folder) {
        return drive.send(role, "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).text();
    }

    private static RunningDrive.Answer move(String role, String from, String to, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        headers.put("Destination", "http://127.0.0.1:" + drive.port() + DavPath.parseDecoded(to).encoded() + "/");
        return drive.send(role, "MOVE", drive.url(from), headers, null);
    }

    @Test
    void finderNewFolderThenRenameLeavesExactlyOneDraftWithTheFinalName() {
        assertEquals(404, drive.send("editor", "PROPFIND", drive.url("posts/untitled folder"), Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("posts/untitled folder"), Map.of(), null).status());
        assertTrue(listing("editor", "posts/").contains("<D:href>/posts/untitled%20folder/</D:href>"));
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url("posts/untitled folder/"), Map.of("Depth", "1"), null).status());

        assertEquals(201, move("editor", "posts/untitled folder/", "posts/Summer plans", Map.of()).status());
        String after = listing("editor", "posts/");
        assertTrue(after.contains("<D:href>/posts/Summer%20plans/</D:href>"), after);
        assertFalse(after.contains("untitled%20folder"));
        assertEquals(0, drafts("untitled folder").size());
        List<Post> made = drafts("Summer plans");
        assertEquals(1, made.size(), "exactly one draft");
        assertEquals("summer-plans", made.get(0).slug());

        assertEquals(204, drive.send("editor", "PUT", drive.url("posts/Summer plans/content.html"), Map.of(), "<p>Plans.</p>").status());
        assertEquals("<p>Plans.</p>", wordpress.get(admin, Endpoint.POSTS, made.get(0).id(), Context.EDIT).content().raw());
    }

    @Test
    void explorerNewFolderRenamedWithOverwriteF() {
        assertEquals(201, drive.send("admin", "MKCOL", drive.url("pages/New folder"), Map.of(), null).status());
        assertEquals(201, move("admin", "pages/New folder", "pages/Contact", Map.of("Overwrite", "F")).status());
        List<Post> pages = wordpress.list(admin, Endpoint.PAGES, ListQuery.all().withContext(Context.EDIT).with("status", "draft"))
                .items().stream().filter(p -> p.title().raw().equals("Contact")).toList();
        assertEquals(1, pages.size());
        assertTrue(listing("admin", "pages/").contains("<D:href>/pages/Contact/</D:href>"));
    }

    @Test
    void renamingAPostFolderChangesItsSlugAndKeepsItsId() {
        long id = bed.id("posts", "same-title-1");
        assertEquals(201, move("admin", "posts/" + id + "-same-title/", "posts/" + id + "-a-better-slug", Map.of()).status());
        Post post = wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT);
        assertEquals("a-better-slug", post.slug());
        assertEquals("Same title", post.title().raw(), "a published post keeps its title");
        assertTrue(listing("admin", "posts/").contains("<D:href>/posts/" + id + "-a-better-slug/</D:href>"));

        long other = bed.id("posts", "same-title-2");
        String target = "posts/" + other + "-same-title-2";
        assertEquals(412, move("admin", "posts/" + id + "-a-better-slug/", target, Map.of("Overwrite", "F")).status());
        assertEquals(409, move("admin", "posts/" + id + "-a-better-slug/", target, Map.of()).status());
        assertEquals(403, move("admin", "posts/" + id + "-a-better-slug/", "pages/moved", Map.of()).status());
    }

    @Test
    void deletingAPostMovesItToTheTrashAndOnlyWithTheRight() {
        long id = bed.id("posts", "arabic");
        String folder = "posts/" + id + "-مرحبا-بالعالم/";
        RunningDrive.Answer refused = drive.send("subscriber", "DELETE", drive.url(folder), Map.of(), null);
        assertEquals(403, refused.status());
        assertEquals("Sorry, you are not allowed to delete this post.", refused.text().strip());
        RunningDrive.Answer author = drive.send("author", "DELETE", drive.url(folder), Map.of(), null);
        assertEquals(403, author.status(), author.text());
        assertEquals("publish", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status());

        assertEquals(204, drive.send("admin", "DELETE", drive.url(folder), Map.of(), null).status());
        assertEquals("trash", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status());
        assertFalse(listing("admin", "posts/").contains("/posts/" + id + "-"));

        long comment = bed.id("comments", "approved");
        assertEquals(204, drive.send("admin", "DELETE", drive.url("comments/" + comment + "/"), Map.of(), null).status());
        assertEquals("trash", wordpress.get(admin, Endpoint.COMMENTS, comment, Context.EDIT).status());
    }

    @Test
    void finderDeletesAFolderByEmptyingItFirstAndThePostGoesToTheTrash() {
        long id = bed.id("posts", "private");
        String folder = "posts/" + id + "-private-thoughts/";
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url(folder + "._content.html"), Map.of(), new byte[4096]).status());
        int children = emptyDepthFirst("/" + folder);
        assertTrue(children > 10);
        String emptied = drive.send("admin", "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).text();
        assertEquals(1, emptied.split("<D:response>").length - 1, "only the folder itself is left: " + emptied);
        assertEquals("private", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status(), "emptying changed nothing in WordPress");

        assertEquals(204, drive.send("admin", "DELETE", drive.url(folder), Map.of(), null).status());
        assertEquals("trash", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status());
    }

    /**
     * As Finder and {@code rm -r} do: every file deleted, and every folder inside (a post's {@code revisions/}) emptied
     * and deleted, before the folder itself. Returns how many files were deleted.
     */
    private static int emptyDepthFirst(String href) {
        RunningDrive.Answer listing = drive.send("admin", "PROPFIND", "http://127.0.0.1:" + drive.port() + href, Map.of("Depth", "1"), null);
        java.util.regex.Matcher hrefs = java.util.regex.Pattern.compile("<D:href>([^<]*)</D:href>").matcher(listing.text());
        int files = 0;
        while (hrefs.find()) {
            String child = hrefs.group(1);
            if (child.equals(href)) {
                continue;
            }
            if (child.endsWith("/")) {
                files += emptyDepthFirst(child);
            } else {
                files++;
            }
            assertEquals(204, drive.send("admin", "DELETE", "http://127.0.0.1:" + drive.port() + child, Map.of(), null).status(), child);
        }
        return files;
    }

    @Test
    void aFieldFileIsHiddenOnlyByThoseWhoMayChangeThePostAndNeverByARefusedSave() {
        long id = bed.id("posts", "crlf");
        String folder = "posts/" + id + "-windows-line-endings/";
        RunningDrive.Answer subscriber = drive.send("subscriber", "DELETE", drive.url(folder + "title.txt"), Map.of(), null);
        assertEquals(403, subscriber.status(), subscriber.text());
        assertEquals(200, drive.send("subscriber", "GET", drive.url(folder + "title.txt"), Map.of(), null).status(), "nothing hidden");
        assertTrue(listing("subscriber", folder).contains("title.txt"));

        // rclone deletes what it failed to upload: the field WordPress refused to change stays listed.
        assertEquals(400, drive.send("editor", "PUT", drive.url(folder + "status.txt"), Map.of(), "bogus-status").status());
        assertEquals(403, drive.send("editor", "DELETE", drive.url(folder + "status.txt"), Map.of(), null).status());
        assertEquals("publish", drive.send("editor", "GET", drive.url(folder + "status.txt"), Map.of(), null).text());
        assertTrue(listing("editor", folder).contains("status.txt"));
    }

    @Test
    void aDeletedFieldFileComesBackWhenWritten() {
        long id = bed.id("posts", "crlf");
        String file = "posts/" + id + "-windows-line-endings/excerpt.txt";
        assertEquals(204, drive.send("editor", "DELETE", drive.url(file), Map.of(), null).status());
        assertEquals(404, drive.send("editor", "GET", drive.url(file), Map.of(), null).status());
        assertEquals(200, drive.send("admin", "GET", drive.url(file), Map.of(), null).status(), "hidden only from the one who deleted it");
        assertEquals(204, drive.send("editor", "PUT", drive.url(file), Map.of(), "Back again").status());
        assertEquals("Back again", drive.send("editor", "GET", drive.url(file), Map.of(), null).text());
    }

    @Test
    void termsAreMadeByFoldersAndDeletedWhereAllowed() {
        assertEquals(201, drive.send("admin", "MKCOL", drive.url("categories/Recipes"), Map.of(), null).status());
        Term recipes = wordpress.list(admin, Endpoint.CATEGORIES, ListQuery.all().with("slug", "recipes")).items().get(0);
        assertEquals("Recipes", recipes.name());
        assertTrue(listing("admin", "categories/").contains("<D:href>/categories/Recipes/</D:href>"));

        RunningDrive.Answer again = drive.send("admin", "MKCOL", drive.url("tags/fun-times"), Map.of(), null);
        assertEquals(201, again.status());
        RunningDrive.Answer clash = drive.send("admin", "MKCOL", drive.url("tags/Fun-Times"), Map.of(), null);
        assertEquals(409, clash.status(), clash.text());

        RunningDrive.Answer author = drive.send("author", "MKCOL", drive.url("categories/Not allowed"), Map.of(), null);
        assertEquals(403, author.status(), author.text());

        assertEquals(204, drive.send("admin", "DELETE", drive.url("categories/Recipes/"), Map.of(), null).status());
        WordPressException gone = org.junit.jupiter.api.Assertions.assertThrows(WordPressException.class,
                () -> wordpress.get(admin, Endpoint.CATEGORIES, recipes.id(), Context.EDIT));
        assertEquals(404, gone.status());
    }

    @Test
    void mediaIsDeletedOnlyByThoseWhoMay() {
        long id = bed.id("media", "jpeg");
        String file = "media/" + bed.manifest().at("/media/jpeg/file").asText();
        assertEquals(403, drive.send("author", "DELETE", drive.url(file), Map.of(), null).status());
        assertEquals(204, drive.send("admin", "DELETE", drive.url(file), Map.of(), null).status());
        assertEquals(404, org.junit.jupiter.api.Assertions.assertThrows(WordPressException.class,
                () -> wordpress.get(admin, Endpoint.MEDIA, id, Context.EDIT)).status());
    }

    @Test
    void sardineMakesRenamesFillsAndDeletesAPostAndUploadsAnImage() throws IOException {
        com.github.sardine.Sardine sardine = com.github.sardine.SardineFactory.begin("editor", bed.applicationPassword("editor"));
        sardine.enablePreemptiveAuthentication("127.0.0.1");
        sardine.createDirectory(drive.url("posts/Sardine draft/"));
        sardine.move(drive.url("posts/Sardine draft/"), drive.url("posts/Sardine final/"));
        sardine.put(drive.url("posts/Sardine final/content.html"), "<p>Through Sardine.</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Post> drafts = drafts("Sardine final");
        assertEquals(1, drafts.size());
        assertEquals("<p>Through Sardine.</p>", wordpress.get(admin, Endpoint.POSTS, drafts.get(0).id(), Context.EDIT).content().raw());

        byte[] image = MediaUploadIT.png(99);
        sardine.put(drive.url(month + "sardine.png"), image);
        assertTrue(sardine.exists(drive.url(month + "sardine.png")));

        sardine.delete(drive.url("posts/Sardine final/"));
        assertEquals("trash", wordpress.get(admin, Endpoint.POSTS, drafts.get(0).id(), Context.EDIT).status());
    }

    @Test
    void refusalsAndProtocolEdges() {
        assertEquals(403, drive.send("admin", "MKCOL", drive.url("site/more"), Map.of(), null).status());
        assertEquals(409, drive.send("admin", "MKCOL", drive.url("posts/nowhere/deeper"), Map.of(), null).status());
        assertEquals(405, drive.send("admin", "MKCOL", drive.url("posts/"), Map.of(), null).status());
        assertEquals(415, drive.send("admin", "MKCOL", drive.url("posts/with body"), Map.of(), "<x/>").status());
        long id = bed.id("posts", "emoji");
        String folder = "posts/" + id + "-emoji-🎉-party/";
        assertEquals(403, drive.send("admin", "DELETE", drive.url("users/admin/display-name.txt"), Map.of(), null).status(),
                "a user's folder cannot be deleted, so neither can its files");
        assertEquals(403, drive.send("admin", "DELETE", drive.url("posts/"), Map.of(), null).status());
        assertEquals(400, drive.send("admin", "MOVE", drive.url(folder), Map.of(), null).status(), "no Destination");
    }

    @Test
    void anEditorsAtomicSaveRenamesATemporaryFileOverTheField() {
        long id = bed.id("posts", "emoji");
        String folder = "posts/" + id + "-emoji-🎉-party/";
        assertEquals(201, drive.send("editor", "PUT", drive.url(folder + ".goutputstream-Q1W2E3"), Map.of(), "<p>Saved by gedit</p>\n").status());
        RunningDrive.Answer saved = drive.send("editor", "MOVE", drive.url(folder + ".goutputstream-Q1W2E3"),
                Map.of("Destination", drive.url(folder + "content.html")), null);
        assertEquals(204, saved.status(), saved.text());
        assertEquals("<p>Saved by gedit</p>\n", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).content().raw());
        assertEquals(404, drive.send("editor", "GET", drive.url(folder + ".goutputstream-Q1W2E3"), Map.of(), null).status());
    }
}
