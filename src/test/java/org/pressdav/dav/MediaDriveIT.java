package org.pressdav.dav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * The media library as a drive, with the companion plugin, on the real test bed: folders made,
 * renamed, moved and deleted anywhere in media/; any file put anywhere under the name given;
 * files renamed, moved and replaced keeping their id and URL; and what is refused, refused whole.
 */
class MediaDriveIT extends WritingIT {
    private static final String MULTISTATUS_DEPTH_1 = "1";

    /** The attachment the drive shows at this path below media/, as WordPress holds it now. */
    private static Optional<Media> at(String path) {
        return wordpress.index(admin, Endpoint.MEDIA).stream().filter(m -> path.equals(m.drivePath())).findFirst();
    }

    private static Media attachmentAt(String path) {
        return at(path).orElseThrow(() -> new AssertionError("no attachment at " + path));
    }

    private static byte[] served(Media media) throws IOException {
        try (MediaContent content = wordpress.download(admin, media, null)) {
            return content.body().readAllBytes();
        }
    }

    private static int put(String role, String path, byte[] bytes) {
        return drive.sendBytes(role, "PUT", drive.url("media/" + path), Map.of(), bytes).status();
    }

    private static RunningDrive.Answer move(String role, String from, String to) {
        return drive.send(role, "MOVE", drive.url("media/" + from), Map.of("Destination", drive.url("media/" + to)), null);
    }

    private static String listing(String role, String folder) {
        return drive.send(role, "PROPFIND", drive.url("media/" + folder), Map.of("Depth", MULTISTATUS_DEPTH_1), null).text();
    }

    @Test
    void foldersAreMadeAtAnyDepthAndTakeAnyFileUnderTheNameGiven() throws IOException {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/Trips/"), Map.of(), null).status());
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/Trips/Lisbon 2026/"), Map.of(), null).status());
        assertEquals(405, drive.send("editor", "MKCOL", drive.url("media/Trips/"), Map.of(), null).status(), "it exists");
        assertEquals(409, drive.send("editor", "MKCOL", drive.url("media/Nowhere/x/"), Map.of(), null).status(), "no parent");
        assertTrue(listing("editor", "Trips/").contains("Lisbon%202026"), listing("editor", "Trips/"));

        byte[] photo = MediaUploadIT.png(21);
        assertEquals(201, put("editor", "Trips/Lisbon 2026/tram 28 — é.png", photo));
        Media tram = attachmentAt("Trips/Lisbon 2026/tram 28 — é.png");
        assertArrayEquals(photo, served(tram));
        byte[] data = {0, 1, 2, 3, (byte) 0xFF};
        assertEquals(201, put("editor", "Trips/route.bin", data), "any file type, with the test bed's any-file option");
        assertEquals(201, put("editor", "Trips/README", "no extension".getBytes()));
        assertEquals(201, put("editor", "Trips/empty.txt", new byte[0]), "a 0-byte file waits for its content as on any folder");
        assertArrayEquals(data, drive.sendBytes("editor", "GET", drive.url("media/Trips/route.bin"), Map.of(), null).body());
        assertTrue(listing("editor", "Trips/").contains("README"));

        RunningDrive.Answer runnable = drive.sendBytes("editor", "PUT", drive.url("media/Trips/shell.php"), Map.of(), "<?php".getBytes());
        assertEquals(415, runnable.status(), runnable.text());
        assertTrue(at("Trips/shell.php").isEmpty());
        assertEquals(400, put("editor", "Trips/what?.png", photo), "a name Windows forbids");
        assertEquals(403, drive.send("subscriber", "MKCOL", drive.url("media/Trips/mine/"), Map.of(), null).status());
        assertEquals(403, put("subscriber", "Trips/sub.png", photo));
    }

    @Test
    void aFileRenamedMovedOrReplacedKeepsItsIdAndUrl() throws IOException {
        assertEquals(201, drive.send("author", "MKCOL", drive.url("media/Keep/"), Map.of(), null).status());
        assertEquals(201, drive.send("author", "MKCOL", drive.url("media/Keep/Sub/"), Map.of(), null).status());
        assertEquals(201, put("author", "Keep/logo.png", MediaUploadIT.png(31)));
        Media before = attachmentAt("Keep/logo.png");

        assertEquals(201, move("author", "Keep/logo.png", "Keep/Sub/brand.png").status());
        Media moved = attachmentAt("Keep/Sub/brand.png");
        assertEquals(before.id(), moved.id());
        assertEquals(before.sourceUrl(), moved.sourceUrl(), "no file on disk moved");
        assertTrue(at("Keep/logo.png").isEmpty());

        byte[] newer = MediaUploadIT.png(32);
        RunningDrive.Answer replaced = drive.sendBytes("author", "PUT", drive.url("media/Keep/Sub/brand.png"), Map.of("Content-Type", "image/png"), newer);
        assertEquals(204, replaced.status(), replaced.text());
        Media now = attachmentAt("Keep/Sub/brand.png");
        assertEquals(before.id(), now.id());
        assertEquals(before.sourceUrl(), now.sourceUrl());
        assertArrayEquals(newer, served(now));
        assertArrayEquals(newer, drive.sendBytes("author", "GET", drive.url("media/Keep/Sub/brand.png"), Map.of(), null).body());

        // rsync and editors: a temporary file written whole, then renamed over the original.
        byte[] newest = MediaUploadIT.png(33);
        assertEquals(201, put("author", "Keep/Sub/.brand.png.Ab12Cd", newest));
        assertEquals(204, move("author", "Keep/Sub/.brand.png.Ab12Cd", "Keep/Sub/brand.png").status());
        assertEquals(before.id(), attachmentAt("Keep/Sub/brand.png").id());
        assertArrayEquals(newest, served(attachmentAt("Keep/Sub/brand.png")));

        assertEquals(412, drive.send("author", "MOVE", drive.url("media/Keep/Sub/brand.png"),
                Map.of("Destination", drive.url("media/" + bed.manifest().at("/media/png/file").asText()), "Overwrite", "F"), null).status());
        assertEquals(400, move("author", "Keep/Sub/brand.png", "Keep/bad|name.png").status());
        String adminsFile = bed.manifest().at("/media/jpeg/file").asText();
        assertEquals(403, move("author", adminsFile, "Keep/taken.jpg").status(), "an author moves only their own files");
        assertEquals(403, drive.sendBytes("author", "PUT", drive.url("media/" + adminsFile), Map.of(), newer).status());
    }

    @Test
    void aFolderMovesAndIsDeletedWithWhatItHolds() throws IOException {
        assertEquals(201, drive.send("admin", "MKCOL", drive.url("media/Album/"), Map.of(), null).status());
        assertEquals(201, drive.send("admin", "MKCOL", drive.url("media/Album/Empty/"), Map.of(), null).status());
        assertEquals(201, put("admin", "Album/one.png", MediaUploadIT.png(41)));
        assertEquals(201, put("admin", "Album/two.png", MediaUploadIT.png(42)));
        Media one = attachmentAt("Album/one.png");

        RunningDrive.Answer renamed = drive.send("admin", "MOVE", drive.url("media/Album/"), Map.of("Destination", drive.url("media/Albums 2026/")), null);
        assertEquals(201, renamed.status(), renamed.text());
        assertEquals(one.id(), attachmentAt("Albums 2026/one.png").id());
        assertEquals(one.sourceUrl(), attachmentAt("Albums 2026/one.png").sourceUrl());
        assertTrue(listing("admin", "Albums 2026/").contains("Empty"), "its empty folders go with it");
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url("media/Album/"), Map.of("Depth", "0"), null).status());
        assertEquals(409, drive.send("admin", "MOVE", drive.url("media/Albums 2026/"),
                Map.of("Destination", drive.url("media/Albums 2026/Empty/inside/")), null).status(), "not into itself");

        // An administrator's file in a folder the author deletes: the DELETE stops at it (207) and touches nothing after it.
        assertEquals(201, drive.send("author", "MKCOL", drive.url("media/Shared/"), Map.of(), null).status());
        assertEquals(201, put("admin", "Shared/a-admins.png", MediaUploadIT.png(43)));
        assertEquals(201, put("author", "Shared/b-authors.png", MediaUploadIT.png(44)));
        RunningDrive.Answer refused = drive.send("author", "DELETE", drive.url("media/Shared/"), Map.of(), null);
        assertEquals(207, refused.status(), refused.text());
        assertTrue(refused.text().contains("a-admins.png") && refused.text().contains("403"), refused.text());
        assertTrue(at("Shared/a-admins.png").isPresent() && at("Shared/b-authors.png").isPresent(), "what was refused, and what follows, is whole");

        long before = wordpress.index(admin, Endpoint.MEDIA).size();
        assertEquals(204, drive.send("admin", "DELETE", drive.url("media/Albums 2026/"), Map.of(), null).status());
        assertEquals(before - 2, wordpress.index(admin, Endpoint.MEDIA).size(), "both files deleted, nothing else");
        assertEquals(404, drive.send("admin", "PROPFIND", drive.url("media/Albums 2026/"), Map.of("Depth", "0"), null).status());
        assertFalse(wordpress.mediaFolders(admin).stream().anyMatch(f -> f.startsWith("Albums 2026")), wordpress.mediaFolders(admin).toString());
    }

    @Test
    void namesWithALiteralPercentAreWrittenReadListedMovedAndDeleted() throws IOException {
        assertEquals(201, drive.send("author", "MKCOL", drive.url("media/Percent/"), Map.of(), null).status());
        byte[] text = "all of it".getBytes();
        // drive.url encodes % as %25: the request line says 100%25%20done.txt.
        assertTrue(drive.url("media/Percent/100% done.txt").endsWith("/100%25%20done.txt"));
        assertEquals(201, put("author", "Percent/100% done.txt", text));
        assertArrayEquals(text, served(attachmentAt("Percent/100% done.txt")));
        assertArrayEquals(text, drive.sendBytes("author", "GET", drive.url("media/Percent/100% done.txt"), Map.of(), null).body());
        assertTrue(listing("author", "Percent/").contains("<D:href>/media/Percent/100%25%20done.txt</D:href>"), listing("author", "Percent/"));

        RunningDrive.Answer moved = move("author", "Percent/100% done.txt", "Percent/100% sure.txt");
        assertEquals(201, moved.status(), moved.text());
        assertArrayEquals(text, drive.sendBytes("author", "GET", drive.url("media/Percent/100% sure.txt"), Map.of(), null).body());

        // A name a browser's form may store: %2F is two letters and a digit in it, not a slash.
        assertEquals(201, put("author", "Percent/a%2Fb.jpg", MediaUploadIT.png(61)));
        assertArrayEquals(MediaUploadIT.png(61), drive.sendBytes("author", "GET", drive.url("media/Percent/a%2Fb.jpg"), Map.of(), null).body());
        assertTrue(listing("author", "Percent/").contains("<D:href>/media/Percent/a%252Fb.jpg</D:href>"), listing("author", "Percent/"));
        assertEquals(201, move("author", "Percent/a%2Fb.jpg", "Percent/c%2Fd.jpg").status());
        assertEquals(204, drive.send("author", "DELETE", drive.url("media/Percent/c%2Fd.jpg"), Map.of(), null).status());
        assertEquals(204, drive.send("author", "DELETE", drive.url("media/Percent/100% sure.txt"), Map.of(), null).status());
        assertTrue(at("Percent/c%2Fd.jpg").isEmpty() && at("Percent/100% sure.txt").isEmpty());
    }

    @Test
    void everyFolderHasTheDatesOfWhatItHolds() {
        // Each folder of media/ holding files: made with its first file (or when first seen, if earlier), changed with its newest (not pressdav's start).
        String listing = listing("admin", "");
        java.util.regex.Matcher folders = java.util.regex.Pattern.compile(
                "<D:href>/media/([^<]+)/</D:href>.*?<D:getlastmodified>([^<]+)</D:getlastmodified><D:creationdate>([^<]+)</D:creationdate>")
                .matcher(listing);
        List<Media> all = wordpress.index(admin, Endpoint.MEDIA);
        int checked = 0;
        while (folders.find()) {
            String folder = DavPath.parseEncoded("/" + folders.group(1)).name() + "/";
            List<Media> inside = all.stream().filter(m -> m.drivePath() != null && m.drivePath().startsWith(folder)).toList();
            if (inside.isEmpty()) {
                continue;
            }
            java.time.Instant first = inside.stream().map(Media::dateGmt).min(java.util.Comparator.naturalOrder()).orElseThrow();
            java.time.Instant newest = inside.stream().map(Media::modifiedGmt).max(java.util.Comparator.naturalOrder()).orElseThrow();
            // Made when its first file came, or earlier when this drive saw it (made empty, filled a second later).
            java.time.Instant created = java.time.Instant.parse(folders.group(3));
            if (first.isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(1)))) {
                assertEquals(first, created, folder + " creationdate of a folder older than this drive");
            } else {
                assertTrue(!created.isAfter(first), folder + " creationdate " + created + " after its first file's " + first);
            }
            assertEquals(newest, java.time.Instant.from(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(folders.group(2))),
                    folder + " getlastmodified");
            checked++;
        }
        assertTrue(checked > 0, listing);
    }

    @Test
    void everyAttachmentShowsInExactlyOneFolder() {
        List<Media> all = wordpress.index(admin, Endpoint.MEDIA);
        assertEquals(all.size(), all.stream().map(Media::drivePath).distinct().count(), "no two attachments at one path");
    }

    @Test
    void copyMakesNewAttachmentsNewDraftsAndNewTextWhereItMeansSomething() throws IOException {
        assertEquals(201, drive.send("editor", "MKCOL", drive.url("media/Originals/"), Map.of(), null).status());
        byte[] photo = MediaUploadIT.png(51);
        assertEquals(201, put("editor", "Originals/photo.png", photo));
        Media original = attachmentAt("Originals/photo.png");

        RunningDrive.Answer copied = drive.send("editor", "COPY", drive.url("media/Originals/photo.png"),
                Map.of("Destination", drive.url("media/Originals/photo copy.png")), null);
        assertEquals(201, copied.status(), copied.text());
        Media copy = attachmentAt("Originals/photo copy.png");
        assertTrue(copy.id() != original.id(), "a new attachment");
        assertArrayEquals(photo, served(copy));
        assertEquals(412, drive.send("editor", "COPY", drive.url("media/Originals/photo.png"),
                Map.of("Destination", drive.url("media/Originals/photo copy.png"), "Overwrite", "F"), null).status());

        RunningDrive.Answer folder = drive.send("editor", "COPY", drive.url("media/Originals/"), Map.of("Destination", drive.url("media/Copies/")), null);
        assertEquals(201, folder.status(), folder.text());
        assertArrayEquals(photo, served(attachmentAt("Copies/photo.png")));
        assertTrue(at("Copies/photo copy.png").isPresent());
        assertEquals(original.id(), attachmentAt("Originals/photo.png").id(), "the original stays");
        RunningDrive.Answer shallow = drive.send("editor", "COPY", drive.url("media/Originals/"),
                Map.of("Destination", drive.url("media/Empty copy/"), "Depth", "0"), null);
        assertEquals(201, shallow.status());
        assertTrue(wordpress.mediaFolders(admin).contains("Empty copy") && at("Empty copy/photo.png").isEmpty());

        // A post's folder into posts/: a new draft with the same title and content.
        String hello = drive.postFolder(bed.id("posts", "emoji"));
        RunningDrive.Answer draft = drive.send("editor", "COPY", drive.url(hello), Map.of("Destination", drive.url("posts/emoji again/")), null);
        assertEquals(201, draft.status(), draft.text());
        String source = new String(drive.sendBytes("editor", "GET", drive.url(hello + "content.html"), Map.of(), null).body());
        assertEquals(source, new String(drive.sendBytes("editor", "GET", drive.url("posts/emoji again/content.html"), Map.of(), null).body()));
        assertEquals("draft", new String(drive.sendBytes("editor", "GET", drive.url("posts/emoji again/status.txt"), Map.of(), null).body()).strip());

        // A field file onto another post's field file: a write of its text.
        String target = drive.postFolder(bed.id("posts", "cjk"));
        assertEquals(204, drive.send("editor", "COPY", drive.url(hello + "excerpt.txt"),
                Map.of("Destination", drive.url(target + "excerpt.txt")), null).status());
        assertEquals(new String(drive.sendBytes("editor", "GET", drive.url(hello + "excerpt.txt"), Map.of(), null).body()),
                new String(drive.sendBytes("editor", "GET", drive.url(target + "excerpt.txt"), Map.of(), null).body()));

        RunningDrive.Answer elsewhere = drive.send("editor", "COPY", drive.url("tags/fun/"), Map.of("Destination", drive.url("tags/fun2/")), null);
        assertEquals(403, elsewhere.status());
        assertTrue(elsewhere.text().contains("cannot be copied"), elsewhere.text());
    }
}
