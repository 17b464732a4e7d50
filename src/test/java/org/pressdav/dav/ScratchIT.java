package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.testbed.TestBed;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.OkHttpWordPressClient;

/** Temporary files of Finder, Windows and editors: kept per user by pressdav, never sent to WordPress. */
class ScratchIT {
    private static RunningDrive drive;
    private static TestBed bed;
    private static OkHttpWordPressClient wordpress;

    @BeforeAll
    static void start() {
        drive = RunningDrive.start("--scratch-max-mb", "1");
        bed = drive.bed();
        wordpress = drive.wordpress();
    }

    @AfterAll
    static void stop() {
        drive.close();
    }

    private static String postFolder() {
        return "posts/" + bed.id("posts", "emoji") + "-emoji-🎉-party/";
    }

    @Test
    void appleDoubleAndDsStoreRoundTripAndStayOutOfWordPress() {
        long posts = wordpress.list(bed.credentials("admin"), Endpoint.POSTS, ListQuery.all().with("status", "any")
                .withContext(Context.EDIT)).total();
        String appleDouble = postFolder() + "._content.html";
        byte[] xattrs = new byte[4096];
        xattrs[0] = 0x00;
        xattrs[1] = 0x05;
        xattrs[4095] = 0x7f;

        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(appleDouble), Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url(appleDouble), Map.of(), xattrs).status());
        assertEquals(204, drive.sendBytes("admin", "PUT", drive.url(appleDouble), Map.of(), xattrs).status());
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url("posts/.DS_Store"), Map.of(), new byte[] {1, 2, 3}).status());

        RunningDrive.Answer listing = drive.send("admin", "PROPFIND", drive.url(postFolder()), Map.of("Depth", "1"), null);
        assertTrue(listing.text().contains("/._content.html</D:href>"), listing.text());
        assertTrue(listing.text().contains("<D:getcontentlength>4096</D:getcontentlength>"));
        assertEquals(java.util.Arrays.toString(xattrs),
                java.util.Arrays.toString(drive.send("admin", "GET", drive.url(appleDouble), Map.of(), null).body()));

        assertFalse(drive.send("editor", "PROPFIND", drive.url(postFolder()), Map.of("Depth", "1"), null).text().contains("._content.html"),
                "another user does not see my temporary files");
        assertEquals(posts, wordpress.list(bed.credentials("admin"), Endpoint.POSTS, ListQuery.all().with("status", "any")
                .withContext(Context.EDIT)).total(), "WordPress never heard of them");

        assertEquals(204, drive.send("admin", "DELETE", drive.url(appleDouble), Map.of(), null).status());
        assertEquals(404, drive.send("admin", "GET", drive.url(appleDouble), Map.of(), null).status());
        assertEquals(204, drive.send("admin", "DELETE", drive.url("posts/.DS_Store"), Map.of(), null).status());
    }

    @Test
    void windowsAndEditorFilesToo() {
        for (String name : new String[] {"desktop.ini", "Thumbs.db", "~$draft.docx", ".content.html.swp", "4913"}) {
            String path = postFolder() + name;
            assertEquals(201, drive.send("editor", "PUT", drive.url(path), Map.of(), "x").status(), name);
            assertEquals("x", drive.send("editor", "GET", drive.url(path), Map.of(), null).text(), name);
            assertEquals(204, drive.send("editor", "DELETE", drive.url(path), Map.of(), null).status(), name);
        }
    }

    @Test
    void aTemporaryFileNeedsAnExistingFolderAndTheShareIsBounded() {
        assertEquals(409, drive.send("admin", "PUT", drive.url("posts/99999-nowhere/._x"), Map.of(), "x").status());
        RunningDrive.Answer tooBig = drive.sendBytes("author", "PUT", drive.url("posts/.DS_Store"), Map.of(), new byte[2 << 20]);
        assertEquals(507, tooBig.status());
        assertEquals(404, drive.send("author", "GET", drive.url("posts/.DS_Store"), Map.of(), null).status(), "nothing half-written stays");
    }

    @Test
    void findersTemporaryAndSafeSaveFoldersAreTheUsersOwn() {
        String folder = postFolder() + "content.html.sb-5a1b2c3d-Xy7Zq0/";
        assertEquals(201, drive.send("editor", "MKCOL", drive.url(".TemporaryItems"), Map.of(), null).status());
        assertEquals(201, drive.send("editor", "MKCOL", drive.url(folder), Map.of(), null).status());
        assertEquals(405, drive.send("editor", "MKCOL", drive.url(folder), Map.of(), null).status(), "there already");
        assertEquals(201, drive.send("editor", "MKCOL", drive.url(folder + "inside"), Map.of(), null).status(), "any name inside one");
        assertEquals(201, drive.send("editor", "PUT", drive.url(folder + "content.html"), Map.of(), "<p>new</p>").status());
        assertEquals(201, drive.send("editor", "PUT", drive.url(folder + "inside/notes.txt"), Map.of(), "n").status());
        assertEquals("<p>new</p>", drive.send("editor", "GET", drive.url(folder + "content.html"), Map.of(), null).text());

        String listing = drive.send("editor", "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).text();
        assertEquals(3, listing.split("<D:response>", -1).length - 1, "the folder, its file and its folder, once each:\n" + listing);
        assertTrue(drive.send("editor", "PROPFIND", drive.url(postFolder()), Map.of("Depth", "1"), null).text()
                .contains("content.html.sb-5a1b2c3d-Xy7Zq0/</D:href>"));
        assertTrue(drive.send("editor", "PROPFIND", drive.url(""), Map.of("Depth", "1"), null).text().contains("/.TemporaryItems/</D:href>"));
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(folder), Map.of("Depth", "0"), null).status(), "another user's");
        assertFalse(drive.send("admin", "PROPFIND", drive.url(postFolder()), Map.of("Depth", "1"), null).text().contains(".sb-"));

        String renamed = postFolder() + "content.html.sb-99-Zz/";
        assertEquals(403, drive.send("editor", "MOVE", drive.url(folder), Map.of("Destination", drive.url("posts/Plain")), null).status(),
                "a folder of one's own does not become a draft");
        assertEquals(201, drive.send("editor", "MOVE", drive.url(folder), Map.of("Destination", drive.url(renamed)), null).status());
        assertEquals("n", drive.send("editor", "GET", drive.url(renamed + "inside/notes.txt"), Map.of(), null).text());
        assertEquals(201, drive.send("editor", "MOVE", drive.url(renamed), Map.of("Destination", drive.url(folder)), null).status());
        assertEquals(204, drive.send("editor", "DELETE", drive.url(folder), Map.of(), null).status(), "with everything in it");
        assertEquals(404, drive.send("editor", "GET", drive.url(folder + "content.html"), Map.of(), null).status());
        assertEquals(404, drive.send("editor", "PROPFIND", drive.url(folder), Map.of("Depth", "0"), null).status());
        assertEquals(204, drive.send("editor", "DELETE", drive.url(".TemporaryItems"), Map.of(), null).status());
        assertEquals(409, drive.send("editor", "MKCOL", drive.url("posts/99999-nowhere/x.sb-1-a"), Map.of(), null).status());
    }

    @Test
    void emptyFoldersCountAgainstTheShareToo() {
        int made = 0;
        int status;
        do {
            status = drive.send("subscriber", "MKCOL", drive.url("posts/.TemporaryItems-" + made + ".sb-1-a"), Map.of(), null).status();
            made++;
        } while (status == 201 && made < 1000);
        assertEquals(507, status, "a 1 MiB share holds 256 folders of a 4 KiB block each");
        assertEquals(257, made);
        for (int i = 0; i < made - 1; i++) {
            assertEquals(204, drive.send("subscriber", "DELETE", drive.url("posts/.TemporaryItems-" + i + ".sb-1-a"), Map.of(), null).status());
        }
        assertEquals(201, drive.send("subscriber", "MKCOL", drive.url("posts/again.sb-1-a"), Map.of(), null).status(), "deleting gave the share back");
        assertEquals(204, drive.send("subscriber", "DELETE", drive.url("posts/again.sb-1-a"), Map.of(), null).status());
    }
}
