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
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/** Locking (DAV class 2): Finder's and Explorer's sequences with LOCK and UNLOCK, and what locks keep out. */
class LockIT extends WritingIT {
    private static final String FINDER_LOCK = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\">"
            + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
            + "<D:owner><D:href>http://www.apple.com/webdav_fs/</D:href></D:owner></D:lockinfo>";
    private static final Pattern TOKEN = Pattern.compile("<D:locktoken><D:href>([^<]+)</D:href>");




    private static String lockInfo(String scope, String owner) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:" + scope + "/></D:lockscope>"
                + "<D:locktype><D:write/></D:locktype><D:owner><D:href>" + owner + "</D:href></D:owner></D:lockinfo>";
    }

    /** Takes a lock and returns its token, read from the body as Finder does. */
    private static String lock(String role, String path, String body, Map<String, String> headers, int expected) {
        RunningDrive.Answer answer = drive.send(role, "LOCK", drive.url(path), headers, body);
        assertEquals(expected, answer.status(), answer.text());
        Matcher m = TOKEN.matcher(answer.text());
        assertTrue(m.find(), answer.text());
        assertEquals("<" + m.group(1) + ">", answer.header("Lock-Token"));
        return m.group(1);
    }

    private static List<Media> named(String prefix) {
        return wordpress.list(bed.credentials("admin"), Endpoint.MEDIA, ListQuery.all()).items().stream()
                .filter(m -> m.sourceUrl().substring(m.sourceUrl().lastIndexOf('/') + 1).startsWith(prefix)).toList();
    }

    @Test
    void optionsOffersClassTwo() {
        RunningDrive.Answer options = drive.send(null, "OPTIONS", drive.url(), Map.of(), null);
        assertEquals("1, 2", options.header("DAV"));
        assertTrue(options.header("Allow").contains("LOCK") && options.header("Allow").contains("UNLOCK"));
    }

    @Test
    void finderCopiesAFileInWithItsLocks() throws IOException {
        String name = "finder-locked.png";
        byte[] bytes = MediaUploadIT.png(21);
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url(month + name), Map.of("Depth", "0"), null).status());
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url(month + name), Map.of(), new byte[0]).status());
        String token = lock("admin", month + name, FINDER_LOCK, Map.of("Depth", "0", "Timeout", "Second-600"), 200);
        assertEquals(0, drive.send("admin", "GET", drive.url(month + name), Map.of(), null).body().length);
        RunningDrive.Answer put = drive.putChunked("admin", drive.url(month + name),
                Map.of("If", "(<" + token + ">)", "X-Expected-Entity-Length", String.valueOf(bytes.length)), bytes);
        assertEquals(201, put.status(), put.text());
        RunningDrive.Answer refresh = drive.send("admin", "LOCK", drive.url(month + name),
                Map.of("If", "(<" + token + ">)", "Timeout", "Second-600"), null);
        assertEquals(200, refresh.status());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(month + name), Map.of("Lock-Token", "<" + token + ">"), null).status());

        String appleDouble = month + "._" + name;
        assertEquals(201, drive.sendBytes("admin", "PUT", drive.url(appleDouble), Map.of(), new byte[0]).status());
        String adToken = lock("admin", appleDouble, FINDER_LOCK, Map.of("Depth", "0", "Timeout", "Second-600"), 200);
        assertEquals(204, drive.sendBytes("admin", "PUT", drive.url(appleDouble), Map.of("If", "(<" + adToken + ">)"), new byte[4096]).status());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(appleDouble), Map.of("Lock-Token", "<" + adToken + ">"), null).status());

        List<Media> uploaded = named("finder-locked");
        assertEquals(1, uploaded.size());
        try (MediaContent content = wordpress.download(bed.credentials("admin"), uploaded.get(0), null)) {
            assertArrayEquals(bytes, content.body().readAllBytes());
        }
    }

    @Test
    void explorerCopiesAFileInWithItsLocks() {
        String file = month + "explorer-locked.png";
        byte[] bytes;
        try {
            bytes = MediaUploadIT.png(22);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(201, drive.sendBytes("editor", "PUT", drive.url(file), Map.of(), new byte[0]).status());
        // Windows sends no Depth on LOCK, an hour's timeout, and may send Lock-Token without <> on UNLOCK.
        String token = lock("editor", file, lockInfo("exclusive", "editor"), Map.of("Timeout", "Second-3600"), 200);
        String patch = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\">"
                + "<D:set><D:prop><Z:Win32FileAttributes>00000020</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>";
        assertEquals(423, drive.send("editor", "PROPPATCH", drive.url(file), Map.of(), patch).status(), "locked: the token is needed");
        assertEquals(207, drive.send("editor", "PROPPATCH", drive.url(file), Map.of("If", "(<" + token + ">)"), patch).status());
        assertEquals(200, drive.send("editor", "HEAD", drive.url(file), Map.of(), null).status());
        assertEquals(201, drive.sendBytes("editor", "PUT", drive.url(file), Map.of("If", "(<" + token + ">)"), bytes).status());
        assertEquals(204, drive.send("editor", "UNLOCK", drive.url(file), Map.of("Lock-Token", token), null).status());
        assertEquals(207, drive.send("editor", "PROPFIND", drive.url(file), Map.of("Depth", "0"), null).status());
        assertEquals(1, named("explorer-locked").size());
    }

    @Test
    void aLockedFieldIsSavedInPlaceWithItsToken() {
        long id = bed.id("posts", "emoji");
        String file = "posts/" + id + "-emoji-🎉-party/content.html";
        String token = lock("admin", file, FINDER_LOCK, Map.of("Depth", "0"), 200);
        assertEquals(423, drive.send("admin", "PUT", drive.url(file), Map.of(), "no token").status());
        assertEquals(423, drive.send("editor", "PUT", drive.url(file), Map.of("If", "(<" + token + ">)"), "not hers").status(),
                "another user's token is not theirs");
        assertEquals(204, drive.send("admin", "PUT", drive.url(file), Map.of("If", "(<" + token + ">)"), "<p>Saved while locked.</p>").status());
        assertEquals("<p>Saved while locked.</p>",
                wordpress.get(bed.credentials("admin"), Endpoint.POSTS, id, Context.EDIT).content().raw());
        String discovery = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/></D:prop></D:propfind>";
        String seenByEditor = drive.send("editor", "PROPFIND", drive.url(file), Map.of("Depth", "0"), discovery).text();
        assertTrue(seenByEditor.contains("activelock") && !seenByEditor.contains(token),
                "another user sees that the file is locked, never the token: " + seenByEditor);
        assertTrue(drive.send("admin", "PROPFIND", drive.url(file), Map.of("Depth", "0"), discovery).text().contains(token),
                "the owner sees the token");
        assertEquals(409, drive.send("admin", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<opaquelocktoken:wrong>"), null).status());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertEquals(204, drive.send("editor", "PUT", drive.url(file), Map.of(), "<p>Free again.</p>").status());
    }

    @Test
    void sharedLocksShareAndExclusiveOnesDoNot() {
        String file = month + ".DS_Store";
        String first = lock("admin", file, lockInfo("shared", "a"), Map.of("Depth", "0"), 201);
        String second = lock("admin", file, lockInfo("shared", "b"), Map.of("Depth", "0"), 200);
        assertEquals(423, drive.send("admin", "LOCK", drive.url(file), Map.of("Depth", "0"), lockInfo("exclusive", "c")).status());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<" + first + ">"), null).status());
        assertEquals(204, drive.send("admin", "DELETE", drive.url(file), Map.of("If", "(<" + second + ">)"), null).status());
        assertFalse(drive.send("admin", "PROPFIND", drive.url(month), Map.of("Depth", "1"), null).text().contains(second),
                "a deleted file's locks go with it");
    }

    @Test
    void whereNoFileCanBeMadeALockIsRefusedAndTheIfHeaderIsEvaluated() {
        long id = bed.id("posts", "crlf");
        String folder = "posts/" + id + "-windows-line-endings/";
        assertEquals(403, drive.send("admin", "LOCK", drive.url("posts/new.txt"), Map.of(), FINDER_LOCK).status(),
                "posts/ holds folders only");
        assertEquals(409, drive.send("admin", "LOCK", drive.url("posts/99999-none/x.txt"), Map.of(), FINDER_LOCK).status());
        String title = folder + "title.txt";
        String etag = drive.send("admin", "HEAD", drive.url(title), Map.of(), null).header("ETag");
        assertEquals(412, drive.send("admin", "PUT", drive.url(title), Map.of("If", "([\"not-it\"])"), "x").status());
        assertEquals(204, drive.send("admin", "PUT", drive.url(title), Map.of("If", "([" + etag + "])"), "Windows line endings").status());
        assertEquals(204, drive.send("admin", "PUT", drive.url(title), Map.of("If", "(Not <opaquelocktoken:none>)"), "Windows line endings").status());
        assertEquals(400, drive.send("admin", "PUT", drive.url(title), Map.of("If", "garbage"), "x").status());
    }

    @Test
    void savingADraftsTitleUnderALockLeavesTheFolderWhereTheEditorHasIt() {
        // vim over davfs2 on a draft without a slug (named after its title): LOCK, PUT, GET, PROPFIND, UNLOCK, save again.
        long id = bed.id("posts", "author-draft");
        assertEquals("", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).slug(), "the seeded draft has no slug");
        String folder = drive.postFolder(id);
        String title = folder + "title.txt";
        String token = lock("author", title, lockInfo("exclusive", "vim"), Map.of("Depth", "0", "Timeout", "Second-600"), 200);
        Map<String, String> withToken = Map.of("If", "(<" + token + ">)");
        assertEquals(204, drive.send("author", "PUT", drive.url(title), withToken, "Ana renames her draft").status());
        assertEquals("Ana renames her draft", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).title().raw());
        assertEquals("Ana renames her draft", drive.send("author", "GET", drive.url(title), Map.of(), null).text());
        assertEquals(207, drive.send("author", "PROPFIND", drive.url(folder), Map.of("Depth", "1"), null).status());
        assertEquals(204, drive.send("author", "UNLOCK", drive.url(title), Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertEquals(204, drive.send("author", "PUT", drive.url(title), Map.of(), "Ana's second title").status(), "no lock left behind");
        assertEquals("Ana's second title", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).title().raw());
    }
}
