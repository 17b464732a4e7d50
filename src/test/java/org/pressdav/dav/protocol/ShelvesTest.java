package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.DavPath;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * Folders too big for one answer, split into shelves ({@code --max-folder-entries}): a walk of the shelves finds
 * every object the folder would list unsplit, exactly once, for every role; no folder lists more than the limit;
 * an object's folder is one object under its old path and its shelf path (content, ETag, locks, renames).
 * The oracle is the same WordPress listed by a drive that never splits.
 */
class ShelvesTest {
    private static final int LIMIT = 100;
    private static final Pattern HREF = Pattern.compile("<(?:\\w+:)?href>([^<]+)</(?:\\w+:)?href>");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})");

    private InMemoryWordPress wordpress;
    private InProcessDrive split;
    private InProcessDrive whole;
    private final List<Long> posts = new ArrayList<>();

    @BeforeEach
    void start() {
        wordpress = new InMemoryWordPress();
        Instant first = Instant.parse("2023-01-15T10:00:00Z");
        // 130 posts five days apart (about six a month from January 2023 to October 2024), drafts among them.
        for (int i = 0; i < 130; i++) {
            long author = i % 3 == 0 ? AUTHOR.id() : EDITOR.id();
            long id = wordpress.addPost("post", author, i % 5 == 0 ? "draft" : "publish", "Story " + i, "text " + i);
            wordpress.redate(id, first.plus(5L * i, ChronoUnit.DAYS));
            posts.add(id);
        }
        split = new InProcessDrive(wordpress, "--max-folder-entries", String.valueOf(LIMIT));
        whole = new InProcessDrive(wordpress, "--max-folder-entries", "0");
    }

    @AfterEach
    void stop() {
        split.close();
        whole.close();
    }

    @Test
    void aWalkOfTheShelvesFindsWhatTheWholeFolderListsExactlyOnceForEveryRole() {
        for (Account who : List.of(ADMIN, EDITOR, AUTHOR, SUBSCRIBER)) {
            Map<String, Integer> found = walk(who, "posts/");
            List<String> expected = children(whole, who, "posts/");
            assertTrue(expected.size() > LIMIT, who.login() + " sees more posts than the limit: " + expected.size());
            assertEquals(new TreeMap<>(once(expected)), new TreeMap<>(found), who.login() + "'s walk of posts/");
        }
        assertEquals(List.of("2023/", "2024/"), children(split, ADMIN, "posts/"), "posts/ over the limit lists its years");
        List<String> months = children(split, ADMIN, "posts/2023/");
        assertEquals("01/", months.get(0));
        assertTrue(months.stream().allMatch(m -> m.matches("(0[1-9]|1[0-2])/")), "a year lists its months: " + months);
    }

    @Test
    void aMonthOverTheLimitListsItsDaysAndADayOverTheLimitRangesOfIds() {
        Instant day = Instant.parse("2022-07-04T08:00:00Z");
        List<String> ofTheDay = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT + 3; i++) {
            long id = wordpress.addPost("post", EDITOR.id(), "publish", "Import " + i, "imported");
            wordpress.redate(id, day.plusSeconds(i));
            ofTheDay.add(id + "-import-" + i + "/");
        }
        assertEquals(List.of("04/"), children(split, ADMIN, "posts/2022/07/"));
        List<String> ranges = children(split, ADMIN, "posts/2022/07/04/");
        assertTrue(ranges.size() >= 3 && ranges.stream().allMatch(r -> r.matches("\\d+-\\d+/")), "ranges of ids: " + ranges);
        Map<String, Integer> found = walk(ADMIN, "posts/2022/");
        assertEquals(new TreeMap<>(once(ofTheDay)), new TreeMap<>(found));
        for (String range : ranges) {
            String[] ends = range.substring(0, range.length() - 1).split("-");
            assertEquals(LIMIT - 1, Long.parseLong(ends[1]) - Long.parseLong(ends[0]), "a range is as wide as the limit: " + range);
        }
    }

    @Test
    void sparseIdsOnOneDayStillListWithinTheLimit() {
        // WordPress shares ids between posts, revisions and attachments: 150 posts of one day, 121 ids apart.
        Instant day = Instant.parse("2021-03-09T08:00:00Z");
        List<String> ofTheDay = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            for (int gap = 0; gap < 120; gap++) {
                wordpress.addTerm("post_tag", "gap " + i + " " + gap); // takes an id, as a revision would
            }
            long id = wordpress.addPost("post", EDITOR.id(), "publish", "Sparse " + i, "text");
            wordpress.redate(id, day.plusSeconds(i));
            ofTheDay.add(id + "-sparse-" + i + "/");
        }
        Map<String, Integer> found = walk(ADMIN, "posts/2021/03/09/");
        assertEquals(new TreeMap<>(once(ofTheDay)), new TreeMap<>(found), "every post of the day once, no folder over the limit");
        List<String> ranges = children(split, ADMIN, "posts/2021/03/09/");
        assertTrue(ranges.size() <= LIMIT && ranges.stream().allMatch(r -> r.matches("\\d+-\\d+/")), ranges.toString());
    }

    @Test
    void noFolderListsMoreThanTheLimit() {
        for (String top : List.of("posts/", "posts/2023/", "posts/2023/01/", "posts/2024/06/")) {
            assertTrue(children(split, ADMIN, top).size() <= LIMIT, top);
        }
    }

    @Test
    void anObjectIsOneObjectUnderItsOldPathAndItsShelfPath() {
        long id = posts.get(7);
        String name = wordpress.post(id).slug().isEmpty() ? null : id + "-" + wordpress.post(id).slug();
        assertNotNull(name);
        String old = "posts/" + name + "/";
        String shelved = shelfPathOf(id) + name + "/";
        Answer plain = split.send(ADMIN, "GET", old + "content.html", Map.of(), null);
        Answer onShelf = split.send(ADMIN, "GET", shelved + "content.html", Map.of(), null);
        assertEquals(200, plain.status());
        assertEquals(plain.text(), onShelf.text());
        assertEquals(plain.header("ETag"), onShelf.header("ETag"), "one ETag under both paths");
        // A draft's date moves with each save: the shelf it was opened on may be empty by the next one, and still leads to it.
        assertEquals(plain.text(), split.read(ADMIN, "posts/1999/01/" + name + "/content.html"));
        assertEquals(404, split.send(ADMIN, "PROPFIND", "posts/1999/01/", Map.of("Depth", "0"), null).status(), "but lists nothing");

        // A lock taken through the shelf holds the post under its old path too, and its token works there.
        Answer lock = split.send(EDITOR, "LOCK", shelved + "content.html", Map.of("Timeout", "Second-600"),
                "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                        + "<D:locktype><D:write/></D:locktype></D:lockinfo>");
        assertEquals(200, lock.status(), lock.text());
        String token = lock.header("Lock-Token");
        assertEquals(423, split.send(ADMIN, "PUT", old + "content.html", Map.of(), "<p>not mine to write</p>").status());
        assertTrue(split.send(EDITOR, "PROPFIND", old + "content.html", Map.of("Depth", "0"), null).text()
                .contains(token.substring(1, token.length() - 1)), "lockdiscovery under the old path shows the lock");
        assertEquals(204, split.send(EDITOR, "PUT", old + "content.html", Map.of("If", "(" + token + ")"), "<p>saved</p>").status());
        assertEquals("<p>saved</p>", split.read(ADMIN, shelved + "content.html"));
        assertEquals(204, split.send(EDITOR, "UNLOCK", old + "content.html", Map.of("Lock-Token", token), null).status());
    }

    @Test
    void savesThroughBothPathsAtOnceByTwoRolesLoseNothingWhileASubscriberIsRefused() throws Exception {
        long id = posts.get(11);
        String name = id + "-" + wordpress.post(id).slug() + "/";
        String old = "posts/" + name;
        String shelved = shelfPathOf(id) + name;
        int rounds = 5;
        java.util.concurrent.ExecutorService crowd = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            // Each writer saves its own field, through its own path, round after round: one post, three fields, two roles.
            done.add(crowd.submit(() -> save(ADMIN, shelved + "title.txt", "Title ", rounds)));
            done.add(crowd.submit(() -> save(EDITOR, old + "content.html", "<p>content ", rounds)));
            done.add(crowd.submit(() -> save(EDITOR, shelved + "excerpt.txt", "Excerpt ", rounds)));
            done.add(crowd.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    assertEquals(403, split.send(SUBSCRIBER, "PUT", (i % 2 == 0 ? shelved : old) + "content.html", Map.of(), "<p>vandal</p>").status());
                }
            }));
            for (var future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            crowd.shutdownNow();
        }
        var saved = wordpress.post(id);
        assertEquals("Title " + (rounds - 1), saved.title().text(), "the last title saved, in WordPress");
        assertEquals("<p>content " + (rounds - 1), saved.content().text(), "the last content saved, none of the subscriber's");
        assertEquals("Excerpt " + (rounds - 1), saved.excerpt().text(), "the last excerpt saved");
        assertEquals(split.read(ADMIN, old + "title.txt"), split.read(ADMIN, shelved + "title.txt"));
    }

    /** {@code rounds} saves of one file, each answered 204: {@code prefix} and the round. */
    private void save(Account who, String file, String prefix, int rounds) {
        for (int i = 0; i < rounds; i++) {
            Answer put = split.send(who, "PUT", file, Map.of(), prefix + i);
            assertEquals(204, put.status(), file + ": " + put.text());
        }
    }

    @Test
    void aRenameOnAShelfRenamesThePostAndItStaysOnItsShelf() {
        long id = posts.get(8);
        String shelf = shelfPathOf(id);
        String name = id + "-" + wordpress.post(id).slug();
        Answer moved = split.send(EDITOR, "MOVE", shelf + name + "/", Map.of("Destination", split.url(shelf + id + "-renamed/")), null);
        assertEquals(201, moved.status(), moved.text());
        assertEquals("renamed", wordpress.post(id).slug());
        assertTrue(children(split, EDITOR, shelf).contains(id + "-renamed/"));
        assertFalse(children(split, EDITOR, shelf).contains(name + "/"));
    }

    @Test
    void aNewFolderOnAShelfIsANewDraftFoundByItsNameAndOnTheShelfOfItsDate() {
        Answer made = split.send(AUTHOR, "MKCOL", "posts/2023/02/Summer plans", Map.of(), null);
        assertEquals(201, made.status(), made.text());
        assertEquals(207, split.send(AUTHOR, "PROPFIND", "posts/2023/02/Summer plans/", Map.of("Depth", "0"), null).status());
        assertEquals(207, split.send(AUTHOR, "PROPFIND", "posts/Summer plans/", Map.of("Depth", "0"), null).status());
        var now = Instant.now().atZone(java.time.ZoneOffset.UTC);
        String thisMonth = String.format("posts/%04d/%02d/", now.getYear(), now.getMonthValue());
        assertTrue(children(split, AUTHOR, thisMonth).contains("Summer plans/"), "listed on this month's shelf, its date's");
        assertFalse(children(split, AUTHOR, "posts/2023/02/").contains("Summer plans/"));
    }

    @Test
    void aNameOfAShelfsFormIsFreeWhereNoFolderIsSplit() {
        wordpress.addTerm("post_tag", "kept");
        // tags/ holds one tag: no shelves, so A, Other and 0-9 are names a new tag may take, and an empty year is nothing.
        assertEquals(201, split.send(EDITOR, "MKCOL", "tags/A", Map.of(), null).status());
        assertEquals(201, split.send(EDITOR, "MKCOL", "tags/Other", Map.of(), null).status());
        assertEquals(404, split.send(ADMIN, "PROPFIND", "tags/B/", Map.of("Depth", "0"), null).status());
        assertEquals(404, split.send(ADMIN, "PROPFIND", "posts/1999/", Map.of("Depth", "0"), null).status(), "a year without posts");
        assertEquals(409, split.send(ADMIN, "MKCOL", "posts/1999/New", Map.of(), null).status(), "no new folder in a shelf that is not there");
    }

    @Test
    void finderFilesOnTwoShelvesAreTwoFiles() {
        String lock = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                + "<D:locktype><D:write/></D:locktype></D:lockinfo>";
        for (String shelf : List.of("posts/2023/", "posts/2024/", "posts/")) {
            assertEquals(201, split.send(EDITOR, "PUT", shelf + ".DS_Store", Map.of(), "finder " + shelf).status(), shelf);
            Answer locked = split.send(EDITOR, "LOCK", shelf + ".DS_Store", Map.of("Timeout", "Second-60"), lock);
            assertEquals(200, locked.status(), shelf + ": " + locked.text());
        }
        assertEquals("finder posts/2024/", split.read(EDITOR, "posts/2024/.DS_Store"));
    }

    @Test
    void aPostsFolderMovedOntoItselfOnAnotherShelfIsRefusedAsSuch() {
        long id = posts.get(9);
        String name = id + "-" + wordpress.post(id).slug() + "/";
        Answer moved = split.send(EDITOR, "MOVE", shelfPathOf(id) + name, Map.of("Destination", split.url("posts/" + name)), null);
        assertEquals(403, moved.status(), moved.text());
        assertTrue(moved.text().contains("itself"), moved.text());
        assertEquals(wordpress.post(id).slug(), name.substring(name.indexOf('-') + 1, name.length() - 1), "nothing renamed");
    }

    @Test
    void namesThatAreNoShelvesAreNotFound() {
        for (String path : List.of("posts/2023/13/", "posts/202/", "posts/2023/02/32/", "posts/2023/02/05/3-12/", "posts/abcd/")) {
            assertEquals(404, split.send(ADMIN, "PROPFIND", path, Map.of("Depth", "0"), null).status(), path);
        }
        assertEquals(403, split.send(ADMIN, "LOCK", "posts/2023/", Map.of(),
                "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
                        + "<D:locktype><D:write/></D:locktype></D:lockinfo>").status(), "a shelf is no object to lock");
    }

    @Test
    void termsAreShelvedByTheirFirstLetterAndCommentsByRangesOfIds() {
        for (String name : List.of("banana", "cherry", "2024", "7up", "zebra", "_private")) {
            wordpress.addTerm("post_tag", name);
        }
        for (int i = 0; i < LIMIT + 5; i++) {
            wordpress.addTerm("post_tag", "apple " + i);
        }
        for (int i = 0; i < LIMIT + 5; i++) {
            wordpress.addComment(posts.get(1), "approved", "comment " + i);
        }
        List<String> letters = children(split, ADMIN, "tags/");
        assertEquals(List.of("0-9/", "A/", "B/", "C/", "Other/", "Z/"), letters);
        assertEquals(new TreeMap<>(once(children(whole, ADMIN, "tags/"))), new TreeMap<>(walk(ADMIN, "tags/")));
        assertEquals(new TreeMap<>(once(children(whole, SUBSCRIBER, "comments/"))), new TreeMap<>(walk(SUBSCRIBER, "comments/")));
        assertTrue(children(split, ADMIN, "comments/").stream().allMatch(r -> r.matches("\\d+-\\d+/")));
        // "A" holds more tags than the limit: ranges of ids inside it.
        assertTrue(children(split, ADMIN, "tags/A/").stream().allMatch(r -> r.matches("\\d+-\\d+/")), "tags/A/ over the limit");
    }

    @Test
    void theDefaultLimitKeepsExplorersAnswerUnderAMillionBytesWithTheLongestNames() {
        // As many posts as the default lets one folder list, each named as long as WordPress allows (a 200-character slug),
        // under the longest prefix the drive gives a folder of posts (a site of a network): Explorer's 18 properties each.
        int limit = Integer.parseInt(org.pressdav.config.Setting.MAX_FOLDER_ENTRIES.defaultValue());
        InMemoryWordPress big = new InMemoryWordPress();
        String longTitle = "a".repeat(190);
        for (int i = 0; i < limit; i++) {
            big.addPost("post", EDITOR.id(), "publish", longTitle + " " + i, "text");
        }
        String site = ("news.example.org-8443-" + "s".repeat(63)).substring(0, 63); // the longest name a site may have
        try (InProcessDrive drive = InProcessDrive.ofSites(Map.of("http://wp.test/", big), "--site", site + "=http://wp.test/")) {
            Answer answer = drive.send(ADMIN, "PROPFIND", "sites/" + site + "/posts/", Map.of("Depth", "1"), AnswerFormTest.EXPLORER);
            assertEquals(207, answer.status(), answer.text());
            int entries = answer.text().split("<D:response>", -1).length - 2;
            assertEquals(limit, entries, "the folder lists every post: the default's worth, unsplit");
            assertTrue(answer.body().length < 1_000_000, "Explorer's answer is " + answer.body().length + " bytes");
        }
    }

    /** The month shelf a post stands on, from its date in WordPress. */
    private String shelfPathOf(long id) {
        var utc = wordpress.post(id).dateGmt().atZone(java.time.ZoneOffset.UTC);
        return String.format("posts/%04d/%02d/", utc.getYear(), utc.getMonthValue());
    }

    /**
     * Every object's folder below {@code top} as the split drive lists it, with how many times it was listed: a name the
     * unsplit drive lists at the top is an object's, anything else must have a shelf's form and is walked into.
     */
    private Map<String, Integer> walk(Account who, String top) {
        String kindFolder = top.substring(0, top.indexOf('/') + 1);
        List<String> objects = children(whole, who, kindFolder);
        Map<String, Integer> found = new HashMap<>();
        List<String> folders = new ArrayList<>(List.of(top));
        while (!folders.isEmpty()) {
            String folder = folders.remove(folders.size() - 1);
            List<String> listed = children(split, who, folder);
            assertTrue(listed.size() <= LIMIT, folder + " lists " + listed.size());
            for (String name : listed) {
                if (objects.contains(name)) {
                    found.merge(name, 1, Integer::sum);
                } else {
                    assertTrue(name.matches("(\\d{4}|\\d{2}|\\d+-\\d+|[A-Z]|0-9|Other)/"), folder + name + " is neither an object nor a shelf");
                    folders.add(folder + name);
                }
            }
        }
        return found;
    }

    private static Map<String, Integer> once(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.put(name, 1));
        return counts;
    }

    /** The names a folder lists to {@code who} (a folder's with its slash), each a 200 in the answer. */
    private static List<String> children(InProcessDrive drive, Account who, String folder) {
        Answer listing = drive.send(who, "PROPFIND", folder, Map.of("Depth", "1"), null);
        assertEquals(207, listing.status(), folder + ": " + listing.text());
        String self = DavPath.parseDecoded("/" + folder).encoded();
        List<String> names = new ArrayList<>();
        Matcher href = HREF.matcher(listing.text());
        while (href.find()) {
            String path = href.group(1);
            String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (bare.equals(self)) {
                continue;
            }
            names.add(DavPath.parseEncoded(bare).name() + (path.endsWith("/") ? "/" : ""));
        }
        Matcher status = STATUS_LINE.matcher(listing.text());
        while (status.find()) {
            assertTrue(status.group(1).equals("200") || status.group(1).equals("404"), listing.text());
        }
        return names;
    }
}
