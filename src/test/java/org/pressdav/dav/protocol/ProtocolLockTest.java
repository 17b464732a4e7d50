package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/** Locks and the If header, in process over an in-memory WordPress (RFC 4918 §6, §9.10, §9.11, §10.4). */
class ProtocolLockTest {
    private InProcessDrive drive;
    private long post;
    private long draft;
    private String folder;

    @BeforeEach
    void start() {
        drive = new InProcessDrive();
        post = drive.wordpress.addPost("post", AUTHOR.id(), "publish", "Locked story", "Body.");
        draft = drive.wordpress.addPost("post", AUTHOR.id(), "draft", "Anas own draft", "Body.");
        folder = drive.folderOf(post);
    }

    @AfterEach
    void stop() {
        drive.close();
    }

    static String lockInfo(String scope, String type) {
        return "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:" + scope + "/></D:lockscope><D:locktype><D:" + type
                + "/></D:locktype><D:owner>tester</D:owner></D:lockinfo>";
    }

    private Answer lock(Account who, String path, String depth) {
        return drive.send(who, "LOCK", path, Map.of("Depth", depth, "Timeout", "Second-600"), lockInfo("exclusive", "write"));
    }

    private static String token(Answer answer) {
        assertTrue(answer.status() == 200 || answer.status() == 201, answer.status() + " " + answer.text());
        Matcher m = Pattern.compile("<(opaquelocktoken:[^>]+)>").matcher(answer.header("Lock-Token"));
        assertTrue(m.find());
        return m.group(1);
    }

    private static Map<String, String> submitting(String token) {
        return Map.of("If", "(<" + token + ">)");
    }

    @Test
    void aLockedFileTakesNoWriteWithoutItsToken() {
        String file = folder + "title.txt";
        String token = token(lock(ADMIN, file, "0"));
        assertEquals(423, drive.send(ADMIN, "PUT", file, Map.of(), "no token").status());
        assertEquals(423, drive.send(ADMIN, "PROPPATCH", file, Map.of(), ProtocolWriteTest.propertyUpdate("a", "b")).status());
        assertEquals(423, drive.send(ADMIN, "DELETE", file, Map.of(), null).status());
        assertEquals("Locked story", drive.wordpress.post(post).title().raw());
        assertEquals(204, drive.send(ADMIN, "PUT", file, submitting(token), "with token").status());
        assertEquals("with token", drive.wordpress.post(post).title().raw());
    }

    @Test
    void aDepthInfinityLockCoversWhatIsInsideAndADepthZeroOneDoesNot() {
        String token = token(lock(ADMIN, folder, "infinity"));
        assertEquals(423, drive.send(ADMIN, "PUT", folder + "excerpt.txt", Map.of(), "inside").status());
        assertEquals(204, drive.send(ADMIN, "PUT", folder + "excerpt.txt", submitting(token), "inside").status());
        String lockdiscovery = drive.send(ADMIN, "PROPFIND", folder + "excerpt.txt", Map.of("Depth", "0"), null).text();
        assertTrue(lockdiscovery.contains(token), "lockdiscovery of a file inside names the folder's lock");
        assertEquals(204, drive.send(ADMIN, "UNLOCK", folder, Map.of("Lock-Token", "<" + token + ">"), null).status());

        token(lock(ADMIN, folder, "0"));
        assertEquals(204, drive.send(ADMIN, "PUT", folder + "excerpt.txt", Map.of(), "a depth 0 lock covers the folder alone").status());
    }

    @Test
    void aLockInsideAFolderKeepsItFromBeingDeletedOrMoved() {
        String token = token(lock(ADMIN, folder + "content.html", "0"));
        assertEquals(423, drive.send(ADMIN, "DELETE", folder, Map.of(), null).status());
        assertEquals(423, drive.send(EDITOR, "MOVE", folder, Map.of("Destination", drive.url("posts/" + post + "-moved/")), null).status());
        assertEquals("publish", drive.wordpress.post(post).status());
        Answer deleted = drive.send(ADMIN, "DELETE", folder, Map.of("If", "<" + drive.url(folder + "content.html") + "> (<" + token + ">)"), null);
        assertEquals(204, deleted.status(), deleted.text());
        assertEquals("trash", drive.wordpress.post(post).status());
    }

    @Test
    void aLockIsItsOwnersAndAnAdministratorsToRemoveAndItsTokenIsTheirsToSee() {
        String file = folder + "content.html";
        String token = token(lock(AUTHOR, file, "0"));
        assertEquals(423, drive.send(EDITOR, "PUT", file, submitting(token), "another user's token is not theirs").status());
        assertEquals(403, drive.send(EDITOR, "UNLOCK", file, Map.of("Lock-Token", "<" + token + ">"), null).status());
        String seen = drive.send(EDITOR, "PROPFIND", file, Map.of("Depth", "0"), null).text();
        assertTrue(seen.contains("<D:activelock>") && !seen.contains(token), seen);
        assertTrue(drive.send(AUTHOR, "PROPFIND", file, Map.of("Depth", "0"), null).text().contains(token));
        assertEquals(409, drive.send(AUTHOR, "UNLOCK", file, Map.of("Lock-Token", "<opaquelocktoken:none>"), null).status());
        assertEquals(204, drive.send(ADMIN, "UNLOCK", file, Map.of("Lock-Token", token), null).status(), "the administrator's override");
        assertEquals(204, drive.send(EDITOR, "PUT", file, Map.of(), "free").status());
    }

    @Test
    void aLockOutlivesARestartOfPressdav() {
        String file = folder + "content.html";
        String token = token(lock(AUTHOR, file, "0"));
        drive.close();
        drive = new InProcessDrive(drive.wordpress, drive.data);
        assertEquals(423, drive.send(EDITOR, "PUT", file, Map.of(), "the editor's overwrite").status());
        assertEquals(204, drive.send(AUTHOR, "PUT", file, submitting(token), "the author's save").status());
        assertEquals("the author's save", drive.wordpress.post(post).content().raw());
        String seen = drive.send(AUTHOR, "PROPFIND", file, Map.of("Depth", "0"), null).text();
        assertTrue(seen.contains(token) && seen.contains("tester"), seen);
        assertEquals(204, drive.send(AUTHOR, "UNLOCK", file, Map.of("Lock-Token", "<" + token + ">"), null).status());
        drive.close();
        drive = new InProcessDrive(drive.wordpress, drive.data);
        assertEquals(204, drive.send(EDITOR, "PUT", file, Map.of(), "free after the unlock").status(), "an unlock outlives a restart too");
    }

    @Test
    void aCrowdLockingOneFileLeavesOneLockOnDiskThatHoldsAfterARestart() throws Exception {
        String file = folder + "content.html";
        List<java.util.concurrent.Callable<Answer>> tries = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Account who = i % 2 == 0 ? EDITOR : AUTHOR;
            tries.add(() -> lock(who, file, "0"));
        }
        for (int i = 0; i < 4; i++) {
            tries.add(() -> lock(SUBSCRIBER, file, "0"));
            tries.add(() -> drive.send(SUBSCRIBER, "PUT", file, Map.of(), "a subscriber's overwrite"));
        }
        List<Answer> answers;
        try (org.pressdav.testbed.Crowd crowd = new org.pressdav.testbed.Crowd(20)) {
            answers = crowd.all(tries);
        }
        List<Answer> won = answers.subList(0, 12).stream().filter(a -> a.status() == 200).toList();
        assertEquals(1, won.size(), "one of twelve parallel LOCKs wins: " + answers.stream().map(Answer::status).toList());
        assertEquals(11, answers.subList(0, 12).stream().filter(a -> a.status() == 423).count());
        // A subscriber's LOCK is 403; their PUT 403, or 423 once the file is locked: refused either way, and nothing written.
        assertTrue(answers.subList(12, 20).stream().allMatch(a -> a.status() == 403 || a.status() == 423),
                "the subscriber may neither lock nor write: " + answers.subList(12, 20).stream().map(Answer::status).toList());
        assertEquals("Body.", drive.wordpress.post(post).content().raw());
        String token = token(won.get(0));
        boolean editorWon = answers.indexOf(won.get(0)) % 2 == 0;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(drive.data.resolve("locks"))) {
            assertEquals(1, files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).count(), "one lock kept on disk, not one per try");
        }

        drive.close();
        drive = new InProcessDrive(drive.wordpress, drive.data);
        Account winner = editorWon ? EDITOR : AUTHOR;
        Account loser = editorWon ? AUTHOR : EDITOR;
        assertEquals(423, drive.send(loser, "PUT", file, Map.of(), "the loser's save").status());
        assertEquals(204, drive.send(winner, "PUT", file, submitting(token), "the winner's save").status());
        assertEquals("the winner's save", drive.wordpress.post(post).content().raw());
    }

    @Test
    void aLockHoldsOnTheObjectUnderEveryNameItHas() {
        assertEquals(201, drive.send(AUTHOR, "MKCOL", "posts/My Draft", Map.of(), null).status());
        long id = drive.wordpress.posts(p -> p.title().raw().equals("My Draft")).get(0).id();
        String token = token(lock(ADMIN, "posts/" + id + "-my-draft/content.html", "0"));
        assertEquals(423, drive.send(AUTHOR, "PUT", "posts/My Draft/content.html", Map.of(), "through the other name").status());
        assertEquals(204, drive.send(ADMIN, "PUT", "posts/" + id + "-my-draft/content.html", submitting(token), "mine").status());
    }

    @Test
    void onlyThoseWhoMayWriteMayLockAndTopFoldersAreNeverLocked() {
        for (String path : List.of("/", "posts/", "tags/", "media/", "site/", "site/name.txt", folder + "content.html")) {
            assertEquals(403, lock(SUBSCRIBER, path, "infinity").status(), path);
        }
        for (String path : List.of("/", "posts/", "tags/", "media/")) {
            assertEquals(403, lock(ADMIN, path, "infinity").status(), path);
        }
        assertEquals(201, drive.send(ADMIN, "MKCOL", "tags/still-possible", Map.of(), null).status());
        assertEquals(200, lock(AUTHOR, folder + "content.html", "0").status(), "the post's author may");
    }

    @Test
    void temporaryFilesAndTheirLocksAreEachUsersOwn() {
        String token = token(lock(SUBSCRIBER, "posts/._mine", "0"));
        assertEquals(201, drive.send(ADMIN, "PUT", "posts/._mine", Map.of(), "the admin's own").status());
        assertEquals(423, drive.send(SUBSCRIBER, "PUT", "posts/._mine", Map.of(), "without the token").status());
        assertEquals(204, drive.send(SUBSCRIBER, "PUT", "posts/._mine", submitting(token), "with it").status());
        assertEquals("the admin's own", drive.send(ADMIN, "GET", "posts/._mine", Map.of(), null).text());
    }

    @Test
    void aLockAndAPropertyInsideAFolderOfTheUsersOwnShowInItsListingAsOnItself() {
        assertEquals(201, drive.send(AUTHOR, "MKCOL", folder + ".TemporaryItems", Map.of(), null).status());
        String inside = folder + ".TemporaryItems/x.txt";
        assertEquals(201, drive.send(AUTHOR, "PUT", inside, Map.of(), "x").status());
        token(lock(AUTHOR, inside, "0"));
        String property = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:z=\"urn:test\"><D:set><D:prop>"
                + "<z:colour>teal</z:colour></D:prop></D:set></D:propertyupdate>";
        assertEquals(207, drive.send(AUTHOR, "PROPPATCH", folder + ".TemporaryItems", Map.of(), property).status());
        String allprop = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>";
        assertTrue(drive.send(AUTHOR, "PROPFIND", inside, Map.of("Depth", "0"), allprop).text().contains("activelock"));
        String listing = drive.send(AUTHOR, "PROPFIND", folder + ".TemporaryItems/", Map.of("Depth", "1"), allprop).text();
        assertTrue(listing.contains("activelock"), "the file's lock, in its folder's listing too: " + listing);
        assertTrue(listing.contains("teal"), "the folder's own property, on itself: " + listing);
        String above = drive.send(AUTHOR, "PROPFIND", folder, Map.of("Depth", "1"), allprop).text();
        assertTrue(above.contains("teal"), "the folder's property, in the listing of the folder it is in: " + above);
    }

    @Test
    void aLockOfAnotherScopeOrTypeIsRefused() {
        String file = folder + "excerpt.txt";
        assertEquals(400, drive.send(ADMIN, "LOCK", file, Map.of("Depth", "0"), lockInfo("bogus", "write")).status());
        assertEquals(400, drive.send(ADMIN, "LOCK", file, Map.of("Depth", "0"), lockInfo("exclusive", "read")).status());
        assertEquals(400, drive.send(ADMIN, "LOCK", file, Map.of("Depth", "0"), "<D:propfind xmlns:D=\"DAV:\"/>").status());
        assertEquals(200, lock(ADMIN, file, "0").status());
    }

    @Test
    void sharedLocksShareExclusiveOnesDoNotAndARefreshNeedsTheOwner() {
        String file = folder + "excerpt.txt";
        String first = token(drive.send(ADMIN, "LOCK", file, Map.of("Depth", "0"), lockInfo("shared", "write")));
        token(drive.send(EDITOR, "LOCK", file, Map.of("Depth", "0"), lockInfo("shared", "write")));
        assertEquals(423, drive.send(ADMIN, "LOCK", file, Map.of("Depth", "0"), lockInfo("exclusive", "write")).status());
        assertEquals(412, drive.send(EDITOR, "LOCK", file, Map.of("If", "(<" + first + ">)", "Timeout", "Second-60"), null).status());
        Answer refreshed = drive.send(ADMIN, "LOCK", file, Map.of("If", "(<" + first + ">)", "Timeout", "Second-60"), null);
        assertEquals(200, refreshed.status());
        assertTrue(refreshed.text().contains("Second-60") || refreshed.text().contains("Second-59"), refreshed.text());
    }

    @Test
    void theIfHeaderIsEvaluatedInFull() {
        String file = folder + "title.txt";
        String etag = drive.send(ADMIN, "HEAD", file, Map.of(), null).header("ETag");
        assertEquals(412, drive.send(ADMIN, "PUT", file, Map.of("If", "([\"not-it\"])"), "x").status());
        assertEquals(204, drive.send(ADMIN, "PUT", file, Map.of("If", "([" + etag + "])"), "Locked story").status());
        assertEquals(204, drive.send(ADMIN, "PUT", file, Map.of("If", "(Not <opaquelocktoken:none>)"), "Locked story").status());
        assertEquals(412, drive.send(ADMIN, "PUT", file, Map.of("If", "(<opaquelocktoken:none>) ([\"nor-this\"])"), "x").status());
        assertEquals(400, drive.send(ADMIN, "PUT", file, Map.of("If", "garbage"), "x").status());
        assertEquals("Locked story", drive.wordpress.post(post).title().raw());
    }

    @Test
    void lockingANameThatDoesNotExistMakesAnEmptyFileWhereOneMayBeMade() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String month = "media/" + today.getYear() + "/" + String.format("%02d", today.getMonthValue()) + "/";
        assertEquals(201, lock(AUTHOR, month + "new.png", "0").status());
        assertEquals(0, drive.send(AUTHOR, "GET", month + "new.png", Map.of(), null).body().length);
        assertEquals(201, lock(AUTHOR, folder + "sed1a2B3c", "0").status(), "any name but a field's in a post's folder");
        assertEquals(403, lock(AUTHOR, "posts/loose.txt", "0").status(), "posts/ holds folders only");
        assertEquals(409, lock(AUTHOR, "posts/99999-none/x.txt", "0").status());
    }

    @Test
    void savingASluglessDraftsTitleLeavesItsFolderWhereTheEditorHasIt() {
        // vim over davfs2 (issue 16, item 7): LOCK, PUT title.txt, GET, PROPFIND, UNLOCK, then the next save, all at one path.
        assertEquals("", drive.wordpress.post(draft).slug(), "a draft without a slug, named after its title");
        String at = drive.folderOf(draft);
        assertEquals("posts/" + draft + "-anas-own-draft/", at);
        String file = at + "title.txt";
        String token = token(lock(AUTHOR, file, "0"));
        assertEquals(204, drive.send(AUTHOR, "PUT", file, submitting(token), "A brand new title").status());
        assertEquals("A brand new title", drive.wordpress.post(draft).title().raw());
        assertEquals("A brand new title", drive.send(AUTHOR, "GET", file, Map.of(), null).text());
        assertEquals(207, drive.send(AUTHOR, "PROPFIND", at, Map.of("Depth", "1"), null).status());
        String listing = drive.send(AUTHOR, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text();
        assertTrue(listing.contains("<D:href>/" + at + "</D:href>"), "the editor's listing keeps the folder's name: " + listing);
        assertEquals(204, drive.send(AUTHOR, "UNLOCK", file, Map.of("Lock-Token", "<" + token + ">"), null).status());
        assertEquals(204, drive.send(AUTHOR, "PUT", file, Map.of(), "Another title").status(), "no lock is left behind");
        assertEquals(204, drive.send(AUTHOR, "PUT", at + "content.html", Map.of(), "More body.").status());

        // WordPress's new name reaches the same post, and is what everyone else sees.
        String renamed = "posts/" + draft + "-another-title/";
        assertEquals("Another title", drive.send(AUTHOR, "GET", renamed + "title.txt", Map.of(), null).text());
        assertEquals(renamed, drive.folderOf(draft));
        // A save of the slug itself renames the folder, for the one who saved it too.
        assertEquals(204, drive.send(AUTHOR, "PUT", at + "slug.txt", Map.of(), "chosen").status());
        assertTrue(drive.send(AUTHOR, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text().contains("<D:href>/posts/" + draft + "-chosen/</D:href>"));
    }
}
