package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Post;

/**
 * Locks with several users and a hostile one: a lock is its owner's, it is held on the object
 * whatever name reaches it, it covers what a folder holds, and only those who may write may take one.
 */
class LockOwnershipIT extends WritingIT {
    private static final String DISCOVERY = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/></D:prop></D:propfind>";

    private static String lockInfo(String scope, String type) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:" + scope + "/></D:lockscope>"
                + "<D:locktype><D:" + type + "/></D:locktype><D:owner>test</D:owner></D:lockinfo>";
    }

    private static RunningDrive.Answer lock(String role, String path, String depth) {
        return drive.send(role, "LOCK", drive.url(path), Map.of("Depth", depth, "Timeout", "Second-600"), lockInfo("exclusive", "write"));
    }

    private static String token(RunningDrive.Answer answer) {
        assertTrue(answer.status() == 200 || answer.status() == 201, answer.status() + " " + answer.text());
        Matcher m = Pattern.compile("<(opaquelocktoken:[^>]+)>").matcher(answer.header("Lock-Token"));
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void onlyTheOwnerOrAnAdministratorMayUnlockAndOthersNeverSeeTheToken() {
        String file = drive.postFolder(bed.id("posts", "emoji")) + "title.txt";
        String token = token(lock("admin", file, "0"));
        assertEquals(403, drive.send("editor", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<" + token + ">"), null).status());
        String seen = drive.send("editor", "PROPFIND", drive.url(file), Map.of("Depth", "0"), DISCOVERY).text();
        assertTrue(seen.contains("activelock") && !seen.contains(token), seen);
        assertEquals(423, drive.send("editor", "PUT", drive.url(file), Map.of(), "still locked").status());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<" + token + ">"), null).status());

        String editors = token(lock("editor", file, "0"));
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url(file), Map.of("Lock-Token", "<" + editors + ">"), null).status(),
                "an administrator may remove a lock a client left behind");
    }

    @Test
    void aLockHoldsOnTheObjectWhateverNameReachesIt() {
        assertEquals(201, drive.send("author", "MKCOL", drive.url("posts/Author Alias"), Map.of(), null).status());
        Post made = wordpress.list(admin, Endpoint.POSTS, ListQuery.all().withContext(Context.EDIT).with("status", "draft")
                .with("search", "Author Alias")).items().get(0);
        String token = token(lock("admin", "posts/" + made.id() + "-author-alias/content.html", "0"));
        RunningDrive.Answer through = drive.send("author", "PUT", drive.url("posts/Author Alias/content.html"), Map.of(), "past the lock");
        assertEquals(423, through.status(), through.text());
        assertNotEquals("past the lock", wordpress.get(admin, Endpoint.POSTS, made.id(), Context.EDIT).content().raw());
        assertEquals(204, drive.send("admin", "UNLOCK", drive.url("posts/" + made.id() + "-author-alias/content.html"),
                Map.of("Lock-Token", "<" + token + ">"), null).status());
    }

    @Test
    void aLockInsideAFolderKeepsTheFolderFromBeingMovedOrDeleted() {
        long id = bed.id("posts", "cjk");
        String folder = drive.postFolder(bed.id("posts", "cjk"));
        String token = token(lock("admin", folder + "content.html", "0"));
        assertEquals(423, drive.send("editor", "DELETE", drive.url(folder), Map.of(), null).status());
        assertEquals(423, drive.send("admin", "DELETE", drive.url(folder), Map.of(), null).status(), "the owner must submit the token");
        assertEquals(423, drive.send("editor", "MOVE", drive.url(folder), Map.of("Destination", drive.url("posts/" + id + "-moved/")), null)
                .status());
        assertEquals("publish", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status(), "not trashed");
        RunningDrive.Answer deleted = drive.send("admin", "DELETE", drive.url(folder),
                Map.of("If", "<" + drive.url(folder + "content.html") + "> (<" + token + ">)"), null);
        assertEquals(204, deleted.status(), deleted.text());
        assertEquals("trash", wordpress.get(admin, Endpoint.POSTS, id, Context.EDIT).status());
    }

    @Test
    void aSubscriberCannotLockWhatTheyMayNotWriteNorTheTopFolders() {
        for (String path : List.of("tags/", "media/", "posts/", "/", "site/name.txt", drive.postFolder(bed.id("posts", "emoji")) + "content.html")) {
            RunningDrive.Answer refused = lock("subscriber", path, "infinity");
            assertEquals(403, refused.status(), path + ": " + refused.text());
        }
        for (String path : List.of("tags/", "media/", "site/")) {
            assertEquals(403, lock("admin", path, "infinity").status(), "top folders are never locked: " + path);
        }
        assertEquals(201, drive.send("admin", "MKCOL", drive.url("tags/after-the-subscriber"), Map.of(), null).status());
        assertEquals(204, drive.send("admin", "PUT", drive.url("site/description.txt"), Map.of(),
                bed.seedData().at("/site/description").asText("Just another pressdav site")).status());
        RunningDrive.Answer month = lock("subscriber", WritingIT.month + "subscriber.png", "0");
        assertEquals(403, month.status(), "a subscriber may not upload, so may not make a file by locking its name");
    }

    @Test
    void temporaryFilesAndTheirLocksArePerUser() {
        String token = token(lock("subscriber", "posts/._mine", "0"));
        RunningDrive.Answer adminsOwn = drive.send("admin", "PUT", drive.url("posts/._mine"), Map.of(), "the admin's own file");
        assertEquals(201, adminsOwn.status(), adminsOwn.text());
        assertEquals(204, drive.send("subscriber", "UNLOCK", drive.url("posts/._mine"), Map.of("Lock-Token", "<" + token + ">"), null)
                .status());
    }

    @Test
    void aLockOfAnotherScopeOrTypeIsRefused() {
        String file = drive.postFolder(bed.id("posts", "emoji")) + "excerpt.txt";
        assertEquals(400, drive.send("admin", "LOCK", drive.url(file), Map.of("Depth", "0"), lockInfo("bogus", "write")).status());
        assertEquals(400, drive.send("admin", "LOCK", drive.url(file), Map.of("Depth", "0"), lockInfo("exclusive", "read")).status());
        assertEquals(200, lock("admin", file, "0").status(), "nothing was left locked by the refused ones");
    }
}
