package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * Finder's and Explorer's request sequences from client-traces.md, replayed over raw HTTP in a
 * media folder with the companion plugin: New Folder and its rename, copy-in, save in place under
 * a lock, rename with the AppleDouble companion, and delete children-first. After each, WordPress
 * holds one attachment per file, at its path, with its bytes, and never a temporary file.
 */
class MediaTracesIT extends WritingIT {
    private static final String LOCK = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\">"
            + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
            + "<D:owner><D:href>http://www.apple.com/webdav_fs/</D:href></D:owner></D:lockinfo>";
    private static final Pattern TOKEN = Pattern.compile("<D:href>(opaquelocktoken:[^<]+)</D:href>");

    private static List<Media> under(String folder) {
        return wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> m.drivePath() != null && m.drivePath().startsWith(folder + "/")).toList();
    }

    private static byte[] served(Media media) throws IOException {
        try (MediaContent content = wordpress.download(admin, media, null)) {
            return content.body().readAllBytes();
        }
    }

    private static String token(RunningDrive.Answer locked) {
        Matcher m = TOKEN.matcher(locked.text());
        assertTrue(m.find(), locked.text());
        return m.group(1);
    }

    @Test
    void finderMakesAFolderCopiesInSavesRenamesAndDeletes() throws IOException {
        String role = "editor";
        // New Folder, then the name typed.
        assertEquals(404, drive.send(role, "PROPFIND", drive.url("media/untitled folder"), Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.send(role, "MKCOL", drive.url("media/untitled folder"), Map.of(), null).status());
        assertEquals(201, drive.send(role, "MOVE", drive.url("media/untitled folder/"), Map.of("Destination", drive.url("media/Finder/")), null).status());

        // Copy in: an empty create, the chunked body, the AppleDouble companion and .DS_Store.
        byte[] photo = MediaUploadIT.png(71);
        String file = drive.url("media/Finder/beach.png");
        assertEquals(201, drive.sendBytes(role, "PUT", file, Map.of(), new byte[0]).status());
        assertEquals(201, drive.putChunked(role, file, Map.of("X-Expected-Entity-Length", String.valueOf(photo.length)), photo).status());
        assertEquals(201, drive.putChunked(role, drive.url("media/Finder/._beach.png"), Map.of(), new byte[4096]).status());
        assertEquals(201, drive.sendBytes(role, "PUT", drive.url("media/Finder/.DS_Store"), Map.of(), new byte[] {0, 0, 0, 1}).status());
        assertEquals(1, under("Finder").size());
        long id = under("Finder").get(0).id();

        // Save in place under a lock.
        String token = token(drive.send(role, "LOCK", file, Map.of("Timeout", "Second-600"), LOCK));
        assertEquals(200, drive.send(role, "GET", file, Map.of(), null).status());
        byte[] edited = MediaUploadIT.png(72);
        assertEquals(204, drive.sendBytes(role, "PUT", file, Map.of("If", "(<" + token + ">)"), edited).status());
        assertEquals(204, drive.send(role, "UNLOCK", file, Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertEquals(id, under("Finder").get(0).id());
        assertArrayEquals(edited, served(under("Finder").get(0)));

        // Rename, and the companion with it; no Overwrite header.
        assertEquals(201, drive.send(role, "MOVE", file, Map.of("Destination", drive.url("media/Finder/sunset.png")), null).status());
        assertEquals(201, drive.send(role, "MOVE", drive.url("media/Finder/._beach.png"),
                Map.of("Destination", drive.url("media/Finder/._sunset.png")), null).status());
        assertEquals(List.of("Finder/sunset.png"), under("Finder").stream().map(Media::drivePath).toList());
        assertEquals(id, under("Finder").get(0).id());

        // Delete: children first, then a listing that must hold the folder alone, then the folder.
        for (String child : List.of("sunset.png", "._sunset.png", ".DS_Store")) {
            assertEquals(204, drive.send(role, "DELETE", drive.url("media/Finder/" + child), Map.of(), null).status(), child);
        }
        String listing = drive.send(role, "PROPFIND", drive.url("media/Finder/"), Map.of("Depth", "1"), "<?xml version=\"1.0\"?>"
                + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>").text();
        assertEquals(1, listing.split("<D:response>", -1).length - 1, listing);
        assertEquals(204, drive.send(role, "DELETE", drive.url("media/Finder/"), Map.of(), null).status());
        assertTrue(under("Finder").isEmpty());
        assertFalse(wordpress.mediaFolders(admin).contains("Finder"));
        assertTrue(wordpress.index(admin, Endpoint.MEDIA).stream().noneMatch(m -> m.id() == id), "deleted for good");
    }

    /**
     * Finder's (NSDocument's) safe save: a {@code name.sb-…} folder beside the file, the new copy
     * made and written in it under a lock, moved over the file without an Overwrite header, the
     * folder deleted. The folder and the copy are the user's own, never a media folder or an
     * attachment; the file keeps its id and takes the new bytes.
     */
    @Test
    void findersSafeSaveReplacesThePhotoAndMakesNothingInWordPress() throws IOException {
        String role = "editor";
        assertEquals(201, drive.send(role, "MKCOL", drive.url("media/SafeSave/"), Map.of(), null).status());
        String file = drive.url("media/SafeSave/photo.png");
        assertEquals(201, drive.sendBytes(role, "PUT", file, Map.of(), MediaUploadIT.png(81)).status());
        long id = under("SafeSave").get(0).id();

        String folder = "media/SafeSave/photo.png.sb-5a1b2c3d-Xy7Zq0/";
        String copy = drive.url(folder + "photo.png");
        assertEquals(201, drive.send(role, "MKCOL", drive.url(folder), Map.of(), null).status());
        assertEquals(201, drive.sendBytes(role, "PUT", copy, Map.of(), new byte[0]).status());
        String token = token(drive.send(role, "LOCK", copy, Map.of("Timeout", "Second-600"), LOCK));
        byte[] saved = MediaUploadIT.png(82);
        assertEquals(204, drive.sendBytes(role, "PUT", copy, Map.of("If", "(<" + token + ">)"), saved).status());
        assertEquals(204, drive.send(role, "UNLOCK", copy, Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertTrue(wordpress.mediaFolders(admin).stream().noneMatch(f -> f.contains(".sb-")), "no media folder: " + wordpress.mediaFolders(admin));
        assertEquals(List.of("SafeSave/photo.png"), under("SafeSave").stream().map(Media::drivePath).toList(), "no attachment for the copy");

        assertEquals(204, drive.send(role, "MOVE", copy, Map.of("Destination", file), null).status());
        assertEquals(204, drive.send(role, "DELETE", drive.url(folder), Map.of(), null).status());
        List<Media> after = under("SafeSave");
        assertEquals(1, after.size());
        assertEquals(id, after.get(0).id(), "the photo keeps its attachment");
        assertArrayEquals(saved, served(after.get(0)));
        String listing = drive.send(role, "PROPFIND", drive.url("media/SafeSave/"), Map.of("Depth", "1"), null).text();
        assertFalse(listing.contains(".sb-"), listing);
    }

    @Test
    void findersSafeSaveOfAPostsContent() {
        String post = drive.postFolder(bed.id("posts", "blocks"));
        String folder = post + "content.html.sb-0f1e2d3c-Ab12Cd/";
        assertEquals(201, drive.send("editor", "MKCOL", drive.url(folder), Map.of(), null).status());
        assertEquals(201, drive.send("editor", "PUT", drive.url(folder + "content.html"), Map.of(), "<p>Saved by TextEdit.</p>").status());
        assertEquals(204, drive.send("editor", "MOVE", drive.url(folder + "content.html"), Map.of("Destination", drive.url(post + "content.html")), null)
                .status());
        assertEquals(204, drive.send("editor", "DELETE", drive.url(folder), Map.of(), null).status());
        assertEquals("<p>Saved by TextEdit.</p>", wordpress.get(admin, Endpoint.POSTS, bed.id("posts", "blocks"), org.pressdav.wordpress.Context.EDIT)
                .content().raw());
    }

    /** Finder's own files in a folder (its ._ companions, .DS_Store) follow the folder when it is renamed, whoever made them. */
    @Test
    void renamedFoldersKeepEveryUsersOwnFiles() throws IOException {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/Trip/"), Map.of(), null).status());
        assertEquals(201, drive.sendBytes("editor", "PUT", drive.url("media/Trip/photo.png"), Map.of(), MediaUploadIT.png(91)).status());
        assertEquals(201, drive.send("editor", "PUT", drive.url("media/Trip/._photo.png"), Map.of(), "xattrs").status());
        assertEquals(201, drive.send("admin", "PUT", drive.url("media/Trip/.DS_Store"), Map.of(), "admin's view").status());
        assertEquals(201, drive.send("editor", "MOVE", drive.url("media/Trip/"), Map.of("Destination", drive.url("media/Trip 2026/")), null).status());
        assertEquals("xattrs", drive.send("editor", "GET", drive.url("media/Trip 2026/._photo.png"), Map.of(), null).text());
        assertEquals("admin's view", drive.send("admin", "GET", drive.url("media/Trip 2026/.DS_Store"), Map.of(), null).text());
        assertEquals(404, drive.send("editor", "GET", drive.url("media/Trip/._photo.png"), Map.of(), null).status());

        String post = drive.postFolder(bed.id("posts", "crlf"));
        assertEquals(201, drive.send("editor", "PUT", drive.url(post + "._content.html"), Map.of(), "post xattrs").status());
        String renamed = "posts/" + bed.id("posts", "crlf") + "-crlf-renamed/";
        assertEquals(201, drive.send("editor", "MOVE", drive.url(post), Map.of("Destination", drive.url(renamed)), null).status());
        assertEquals("post xattrs", drive.send("editor", "GET", drive.url(renamed + "._content.html"), Map.of(), null).text());
    }

    @Test
    void explorerMakesAFolderCopiesInSavesAndRenames() throws IOException {
        String role = "author";
        assertEquals(201, drive.send(role, "MKCOL", drive.url("media/New folder"), Map.of(), null).status());
        String win32 = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\">"
                + "<D:set><D:prop><Z:Win32FileAttributes>00000010</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>";
        assertEquals(207, drive.send(role, "PROPPATCH", drive.url("media/New folder"), Map.of(), win32).status());
        assertEquals(201, drive.send(role, "MOVE", drive.url("media/New folder"),
                Map.of("Destination", drive.url("media/Explorer"), "Overwrite", "F"), null).status());

        // Copy in: an empty create, a lock, the content under it, Win32 times, unlock.
        byte[] doc = "%PDF-1.4\n% Explorer\n%%EOF\n".getBytes();
        String file = drive.url("media/Explorer/report.pdf");
        assertEquals(201, drive.sendBytes(role, "PUT", file, Map.of(), new byte[0]).status());
        String token = token(drive.send(role, "LOCK", file, Map.of(), LOCK));
        assertEquals(201, drive.sendBytes(role, "PUT", file, Map.of("If", "(<" + token + ">)"), doc).status());
        assertEquals(207, drive.send(role, "PROPPATCH", file, Map.of("If", "(<" + token + ">)"), win32).status());
        assertEquals(204, drive.send(role, "UNLOCK", file, Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertEquals(1, under("Explorer").size());
        assertArrayEquals(doc, served(under("Explorer").get(0)));

        // Save in place, then a rename onto a name that is taken (412: Explorer asks the user), then a free one.
        String again = token(drive.send(role, "LOCK", file, Map.of(), LOCK));
        byte[] newer = "%PDF-1.4\n% Explorer, saved again\n%%EOF\n".getBytes();
        assertEquals(204, drive.sendBytes(role, "PUT", file, Map.of("If", "(<" + again + ">)"), newer).status());
        assertEquals(204, drive.send(role, "UNLOCK", file, Map.of("Lock-Token", "<" + again + ">"), null).status());
        assertEquals(201, drive.sendBytes(role, "PUT", drive.url("media/Explorer/taken.pdf"), Map.of(), doc).status());
        assertEquals(412, drive.send(role, "MOVE", file, Map.of("Destination", drive.url("media/Explorer/taken.pdf"), "Overwrite", "F"), null).status());
        assertEquals(201, drive.send(role, "MOVE", file, Map.of("Destination", drive.url("media/Explorer/final.pdf"), "Overwrite", "F"), null).status());
        assertEquals(List.of("Explorer/final.pdf", "Explorer/taken.pdf"), under("Explorer").stream().map(Media::drivePath).sorted().toList());
        assertArrayEquals(newer, served(under("Explorer").stream().filter(m -> m.drivePath().endsWith("final.pdf")).findFirst().orElseThrow()));
    }
}
