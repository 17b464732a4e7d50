package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * A client that walks into one post's folder after another (davfs2's {@code ls -R}, rclone's {@code lsf -R}) has the next
 * posts read ahead in batches ({@code ReadAhead}, the companion plugin's {@code reads}): the walk's requests are answered
 * from the cache, each user's from their own reads, and a save that lands while its post is being read ahead is what the
 * next read shows. A person opening a folder now and then sets nothing off.
 */
class ReadAheadTest {
    private static final Pattern POST_FOLDER = Pattern.compile("<D:href>/posts/([^<]+)/</D:href>");

    private final List<InProcessDrive> drives = new ArrayList<>();

    @AfterEach
    void stop() {
        drives.forEach(InProcessDrive::close);
    }

    private InProcessDrive drive(InMemoryWordPress wordpress) {
        InProcessDrive drive = new InProcessDrive(wordpress);
        drives.add(drive);
        return drive;
    }

    /** WordPress with the plugin and {@code count} posts: published ones of the editor's, every third a draft of the author's or the editor's. */
    private static InMemoryWordPress site(int count) {
        InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();
        for (int i = 0; i < count; i++) {
            if (i % 3 == 0) {
                // Drafts, every other one the author's own: the author sees theirs and not the editor's.
                wordpress.addPost("post", i % 2 == 0 ? AUTHOR.id() : EDITOR.id(), "draft", "Draft " + i, "<p>draft " + i + "</p>");
            } else {
                wordpress.addPost("post", EDITOR.id(), "publish", "Story " + i, "<p>story " + i + "</p>");
            }
        }
        return wordpress;
    }

    /** The post folders {@code who} sees in posts/, in the order {@code ls} walks them (by name). */
    private static List<String> folders(InProcessDrive drive, Account who) {
        String listing = drive.send(who, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text();
        List<String> names = new ArrayList<>();
        Matcher m = POST_FOLDER.matcher(listing);
        while (m.find()) {
            names.add(m.group(1));
        }
        names.sort(null);
        return names;
    }

    /** What a walker asks of one post's folder: the folder, and its revisions/ where it has one. Returns both answers. */
    private static String open(InProcessDrive drive, Account who, String folder) {
        String listing = drive.send(who, "PROPFIND", "posts/" + folder + "/", Map.of("Depth", "1"), null).text();
        String revisions = listing.contains("/revisions/</D:href>")
                ? drive.send(who, "PROPFIND", "posts/" + folder + "/revisions/", Map.of("Depth", "1"), null).text() : "";
        return listing + revisions;
    }

    private static int calls(InMemoryWordPress wordpress, String call) {
        AtomicInteger count = wordpress.calls.get(call);
        return count == null ? 0 : count.get();
    }

    /** Waits (up to ten seconds) until WordPress has been asked {@code reads} batches. */
    private static void awaitBatches(InMemoryWordPress wordpress, int reads) throws InterruptedException {
        for (int i = 0; i < 1000 && calls(wordpress, "reads") < reads; i++) {
            Thread.sleep(10);
        }
        assertTrue(calls(wordpress, "reads") >= reads, "batches read ahead: " + wordpress.calls);
    }

    @Test
    void aWalkIntoEveryPostsFolderIsAnsweredFromBatchesReadAhead() throws InterruptedException {
        InMemoryWordPress wordpress = site(300);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = folders(drive, ADMIN);
        assertEquals(300, folders.size());
        for (int i = 0; i < 3; i++) {
            open(drive, ADMIN, folders.get(i));
        }
        // The third open makes a walk: the posts after it and their revisions, in two batches.
        awaitBatches(wordpress, 2);
        int gets = calls(wordpress, "get");
        int revisions = calls(wordpress, "revisions");
        for (int i = 3; i < 53; i++) {
            String answer = open(drive, ADMIN, folders.get(i));
            assertTrue(answer.contains("/content.html</D:href>") && answer.contains("/revisions/</D:href>"), answer);
        }
        assertEquals(0, calls(wordpress, "get") - gets, "posts read one by one during the walk: " + wordpress.calls);
        assertEquals(0, calls(wordpress, "revisions") - revisions, "revisions read one by one during the walk: " + wordpress.calls);
    }

    @Test
    void aPersonOpeningAFolderNowAndThenSetsNothingOff() {
        InMemoryWordPress wordpress = site(20);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = folders(drive, ADMIN);
        for (int i = 0; i < 5; i++) {
            open(drive, ADMIN, folders.get(0)); // one post, its files opened and saved again and again
            drive.send(ADMIN, "PUT", "posts/" + folders.get(0) + "/title.txt", Map.of(), "Title " + i);
        }
        open(drive, ADMIN, folders.get(1));
        assertEquals(0, calls(wordpress, "reads"), "batches: " + wordpress.calls);
    }

    @Test
    void eachUserSeesWhatTheirOwnReadsShowThoughAnotherWalkedFirst() throws InterruptedException {
        InMemoryWordPress wordpress = site(120);
        InProcessDrive drive = drive(wordpress);
        // The administrator walks first: their edit-context reads (raw content, revisions) fill the cache.
        List<String> adminFolders = folders(drive, ADMIN);
        for (String folder : adminFolders) {
            open(drive, ADMIN, folder);
        }
        awaitBatches(wordpress, 2);
        // The author walks what they see; each folder must answer as a drive that never reads ahead answers them.
        List<String> authorFolders = folders(drive, AUTHOR);
        assertTrue(authorFolders.size() < adminFolders.size(), "the author does not see the editor's and author's drafts alike: " + authorFolders);
        int batches = calls(wordpress, "reads");
        List<String> read = new ArrayList<>();
        for (String folder : authorFolders) {
            read.add(open(drive, AUTHOR, folder));
        }
        assertTrue(calls(wordpress, "reads") > batches, "the author's walk was read ahead too: " + wordpress.calls);
        // The oracle: the same WordPress, its folders opened one at a time by a fresh drive without the plugin's reads.
        InProcessDrive alone = drive(wordpress.withoutReads());
        for (int i = 0; i < authorFolders.size(); i++) {
            String folder = authorFolders.get(i);
            assertEquals(stripDates(open(alone, AUTHOR, folder)), stripDates(read.get(i)), "posts/" + folder + "/ as the author");
        }
    }

    /** Dates are the posts' own, but a listing of revisions carries none where there is none: compared without them. */
    private static String stripDates(String answer) {
        return answer.replaceAll("<D:getlastmodified>[^<]*</D:getlastmodified>", "").replaceAll("<D:creationdate>[^<]*</D:creationdate>", "")
                .replaceAll("<D:getetag>[^<]*</D:getetag>", "");
    }

    @Test
    void aSaveThatLandsWhileItsPostIsReadAheadIsWhatTheNextReadShows() throws InterruptedException {
        InMemoryWordPress wordpress = site(30);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = folders(drive, ADMIN);
        String saved = folders.get(10);
        // The batch has read the posts (the old content of the one saved below) and waits before it hands them over.
        HeldBatch held = HeldBatch.in(wordpress);
        CountDownLatch read = held.read();
        CountDownLatch written = held.release();
        for (int i = 0; i < 3; i++) {
            open(drive, ADMIN, folders.get(i));
        }
        assertTrue(read.await(10, TimeUnit.SECONDS), "no batch was read ahead: " + wordpress.calls);
        assertEquals(204, drive.send(EDITOR, "PUT", "posts/" + saved + "/content.html", Map.of(), "<p>saved meanwhile</p>").status());
        written.countDown();
        awaitBatches(wordpress, 2);
        assertEquals("<p>saved meanwhile</p>", drive.send(ADMIN, "GET", "posts/" + saved + "/content.html", Map.of(), null).text());
    }

    @Test
    void aWalkInAnyOrderHasTheWholeShelfReadAhead() throws InterruptedException {
        InMemoryWordPress wordpress = site(300);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = new ArrayList<>(folders(drive, ADMIN));
        java.util.Collections.reverse(folders); // from the last: not the listing's order, nor ls's
        for (int i = 0; i < 3; i++) {
            open(drive, ADMIN, folders.get(i));
        }
        awaitBatches(wordpress, 6); // three hundreds of posts, and of their revisions
        for (int i = 3; i < 7; i++) {
            open(drive, ADMIN, folders.get(i)); // among them a post of each author: their names (author.txt) are read once
        }
        int gets = calls(wordpress, "get");
        for (int i = 7; i < folders.size(); i += 7) {
            open(drive, ADMIN, folders.get(i));
        }
        assertEquals(0, calls(wordpress, "get") - gets, "posts read one by one during the walk: " + wordpress.calls);
    }

    @Test
    void aFolderOpenedWhileItsPostIsBeingReadAheadWaitsForThatReadRatherThanReadingItAgain() throws Exception {
        InMemoryWordPress wordpress = site(30);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = folders(drive, ADMIN);
        HeldBatch held = HeldBatch.in(wordpress);
        CountDownLatch reading = held.read();
        CountDownLatch go = held.release();
        for (int i = 0; i < 3; i++) {
            open(drive, ADMIN, folders.get(i));
        }
        assertTrue(reading.await(10, TimeUnit.SECONDS), "no batch was read ahead: " + wordpress.calls);
        int gets = calls(wordpress, "get");
        java.util.concurrent.CompletableFuture<String> opened = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> drive.send(ADMIN, "GET", "posts/" + folders.get(5) + "/content.html", Map.of(), null).text());
        Thread.sleep(300); // the GET is under way, its post still being read ahead
        assertFalse(opened.isDone(), "the GET waits for the batch that is reading its post");
        go.countDown();
        assertTrue(opened.get(10, TimeUnit.SECONDS).contains("story") || opened.get().contains("draft"), opened.get());
        assertEquals(0, calls(wordpress, "get") - gets, "the post was read again: " + wordpress.calls);
    }

    /** A batch that, once it has read its objects, waits for {@code release} before it hands them over; {@code read}: it has. */
    private record HeldBatch(CountDownLatch read, CountDownLatch release) {
        static HeldBatch in(InMemoryWordPress wordpress) {
            HeldBatch held = new HeldBatch(new CountDownLatch(1), new CountDownLatch(1));
            wordpress.whileReadingEach(() -> {
                held.read().countDown();
                try {
                    held.release().await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return held;
        }
    }

    /**
     * A crowd while the administrator's batch holding their posts is in flight: the administrator and the editor save two
     * fields of one post at once, the author saves their own draft, a subscriber tries the editor's post. Every save lands
     * and is what the next reads show, the subscriber's is refused. The saves read their post while the batch holds its
     * place, so they wait for it: red if that wait hung (a place never given back) or failed with the batch, or if a save
     * were lost or let through. (A batch's value kept under keys taken after a save is the test above's.)
     */
    @Test
    void aCrowdOfRolesSavingWhileTheirPostsAreReadAheadLosesNothing() throws Exception {
        InMemoryWordPress wordpress = site(30);
        InProcessDrive drive = drive(wordpress);
        List<String> folders = folders(drive, ADMIN);
        String editors = folders.stream().filter(name -> name.endsWith("-story-1")).findFirst().orElseThrow();
        String authors = folders.stream().filter(name -> name.endsWith("-draft-0")).findFirst().orElseThrow();
        HeldBatch held = HeldBatch.in(wordpress);
        for (int i = 0; i < 3; i++) {
            open(drive, ADMIN, folders.get(i));
        }
        assertTrue(held.read().await(10, TimeUnit.SECONDS), "no batch was read ahead: " + wordpress.calls);
        java.util.concurrent.ExecutorService crowd = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var title = crowd.submit(() -> drive.send(ADMIN, "PUT", "posts/" + editors + "/title.txt", Map.of(), "Title by the admin").status());
            var content = crowd.submit(() -> drive.send(EDITOR, "PUT", "posts/" + editors + "/content.html", Map.of(), "<p>by the editor</p>")
                    .status());
            var draft = crowd.submit(() -> drive.send(AUTHOR, "PUT", "posts/" + authors + "/content.html", Map.of(), "<p>by the author</p>")
                    .status());
            var refused = crowd.submit(() -> drive.send(SUBSCRIBER, "PUT", "posts/" + editors + "/content.html", Map.of(), "<p>defaced</p>")
                    .status());
            Thread.sleep(300);
            held.release().countDown();
            assertTrue(List.of(200, 204).contains(title.get(10, TimeUnit.SECONDS)), "admin's title");
            assertTrue(List.of(200, 204).contains(content.get(10, TimeUnit.SECONDS)), "editor's content");
            assertTrue(List.of(200, 204).contains(draft.get(10, TimeUnit.SECONDS)), "author's draft");
            assertTrue(List.of(401, 403, 404).contains(refused.get(10, TimeUnit.SECONDS)), "the subscriber's save");
        } finally {
            crowd.shutdownNow();
        }
        awaitBatches(wordpress, 2);
        assertEquals("Title by the admin", drive.send(ADMIN, "GET", "posts/" + editors + "/title.txt", Map.of(), null).text().strip());
        assertEquals("<p>by the editor</p>", drive.send(ADMIN, "GET", "posts/" + editors + "/content.html", Map.of(), null).text());
        assertEquals("<p>by the author</p>", drive.send(ADMIN, "GET", "posts/" + authors + "/content.html", Map.of(), null).text());
        assertEquals("<p>by the author</p>", drive.send(AUTHOR, "GET", "posts/" + authors + "/content.html", Map.of(), null).text());
    }
}
