package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.Media;

/**
 * media/ as a drive over the companion plugin (MediaDriveIT's cases, in process): folders at any
 * depth that take any file, files renamed and moved keeping their id and URL, folders moved with
 * what they hold and deleted, large files sent in chunks, a subscriber refused.
 */
class MediaDriveTest {
    private final InProcessDrive drive = new InProcessDrive(new InMemoryWordPress().withPlugin());

    @AfterEach
    void stop() {
        drive.close();
    }

    private Answer send(Account who, String method, String path) {
        return drive.send(who, method, "media/" + path, Map.of(), null);
    }

    private Answer put(Account who, String path, byte[] bytes) {
        return drive.sendBytes(who, "PUT", "media/" + path, Map.of(), bytes);
    }

    private Answer move(Account who, String from, String to, String... headers) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("Destination", drive.url("media/" + to)));
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return drive.send(who, "MOVE", "media/" + from, all, null);
    }

    private byte[] get(Account who, String path) {
        return drive.sendBytes(who, "GET", "media/" + path, Map.of(), null).body();
    }

    /** The attachment WordPress shows at this drive path, if any. */
    private Optional<Media> at(String path) {
        return drive.wordpress.media().stream().filter(m -> drive.wordpress.plugin().drivePathOf(m.id()).equals(path)).findFirst();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void foldersAreMadeAtAnyDepthAndTakeAFileUnderTheNameGiven() {
        assertEquals(201, send(EDITOR, "MKCOL", "Trips/").status());
        assertEquals(201, send(EDITOR, "MKCOL", "Trips/Lisbon 2026/").status());
        assertEquals(405, send(EDITOR, "MKCOL", "Trips/").status(), "it exists");
        assertEquals(409, send(EDITOR, "MKCOL", "Nowhere/x/").status(), "no parent");
        assertEquals(java.util.List.of("Trips", "Trips/Lisbon 2026"), drive.wordpress.mediaFolders(Credentials.of("admin", "admin-pass")));

        byte[] photo = bytes(300, 1);
        Answer put = put(EDITOR, "Trips/Lisbon 2026/tram 28 — é.png", photo);
        assertEquals(201, put.status(), put.text());
        Media tram = at("Trips/Lisbon 2026/tram 28 — é.png").orElseThrow();
        assertArrayEquals(photo, drive.wordpress.bytesOf(tram.id()));
        assertArrayEquals(photo, get(EDITOR, "Trips/Lisbon 2026/tram 28 — é.png"));
        assertEquals(201, put(EDITOR, "Trips/README", "no extension".getBytes()).status());
        assertTrue(drive.send(EDITOR, "PROPFIND", "media/Trips/", Map.of("Depth", "1"), null).text().contains("<D:href>/media/Trips/README</D:href>"));

        Answer runnable = put(EDITOR, "Trips/shell.php", "<?php".getBytes());
        assertEquals(415, runnable.status(), runnable.text());
        assertTrue(at("Trips/shell.php").isEmpty());
        assertEquals(400, put(EDITOR, "Trips/what?.png", photo).status(), "a name Windows forbids");
    }

    @Test
    void aFileRenamedMovedOrReplacedKeepsItsIdAndUrl() {
        assertEquals(201, send(AUTHOR, "MKCOL", "Keep/").status());
        assertEquals(201, send(AUTHOR, "MKCOL", "Keep/Sub/").status());
        assertEquals(201, put(AUTHOR, "Keep/logo.png", bytes(100, 2)).status());
        Media before = at("Keep/logo.png").orElseThrow();

        Answer moved = move(AUTHOR, "Keep/logo.png", "Keep/Sub/brand.png");
        assertEquals(201, moved.status(), moved.text());
        Media after = at("Keep/Sub/brand.png").orElseThrow();
        assertEquals(before.id(), after.id());
        assertEquals(before.sourceUrl(), after.sourceUrl(), "no file on disk moved");
        assertTrue(at("Keep/logo.png").isEmpty());
        assertEquals(404, send(AUTHOR, "PROPFIND", "Keep/logo.png").status());
        assertArrayEquals(bytes(100, 2), get(AUTHOR, "Keep/Sub/brand.png"));

        assertEquals(201, move(AUTHOR, "Keep/Sub/brand.png", "Keep/Sub/renamed.png").status(), "a rename in its folder");
        assertEquals(before.id(), at("Keep/Sub/renamed.png").orElseThrow().id());

        byte[] newer = bytes(120, 3);
        Answer replaced = drive.sendBytes(AUTHOR, "PUT", "media/Keep/Sub/renamed.png", Map.of("Content-Type", "image/png"), newer);
        assertEquals(204, replaced.status(), replaced.text());
        assertEquals(before.id(), at("Keep/Sub/renamed.png").orElseThrow().id(), "new bytes, the same attachment");
        assertArrayEquals(newer, drive.wordpress.bytesOf(before.id()));
        assertArrayEquals(newer, get(AUTHOR, "Keep/Sub/renamed.png"));

        assertEquals(201, put(AUTHOR, "Keep/other.png", bytes(10, 4)).status());
        assertEquals(412, move(AUTHOR, "Keep/Sub/renamed.png", "Keep/other.png", "Overwrite", "F").status());
        assertEquals(400, move(AUTHOR, "Keep/Sub/renamed.png", "Keep/bad|name.png").status());
        assertEquals(before.id(), at("Keep/Sub/renamed.png").orElseThrow().id(), "a refused move moves nothing");
    }

    @Test
    void aFolderMovesWithWhatItHoldsAndIsDeletedWithIt() {
        assertEquals(201, send(ADMIN, "MKCOL", "Album/").status());
        assertEquals(201, send(ADMIN, "MKCOL", "Album/Empty/").status());
        assertEquals(201, put(ADMIN, "Album/one.png", bytes(50, 5)).status());
        assertEquals(201, put(ADMIN, "Album/two.png", bytes(60, 6)).status());
        Media one = at("Album/one.png").orElseThrow();

        Answer renamed = move(ADMIN, "Album/", "Albums 2026/");
        assertEquals(201, renamed.status(), renamed.text());
        assertEquals(one.id(), at("Albums 2026/one.png").orElseThrow().id());
        assertEquals(one.sourceUrl(), at("Albums 2026/one.png").orElseThrow().sourceUrl());
        assertTrue(at("Albums 2026/two.png").isPresent());
        assertTrue(drive.send(ADMIN, "PROPFIND", "media/Albums 2026/", Map.of("Depth", "1"), null).text().contains("Empty"),
                "its empty folders go with it");
        assertEquals(404, send(ADMIN, "PROPFIND", "Album/").status());
        assertEquals(409, move(ADMIN, "Albums 2026/", "Albums 2026/Empty/inside/").status(), "not into itself");

        int before = drive.wordpress.media().size();
        assertEquals(204, send(ADMIN, "DELETE", "Albums 2026/").status());
        assertEquals(before - 2, drive.wordpress.media().size(), "both files deleted, nothing else");
        assertEquals(404, send(ADMIN, "PROPFIND", "Albums 2026/").status());
        assertFalse(drive.wordpress.mediaFolders(Credentials.of("admin", "admin-pass")).stream().anyMatch(f -> f.startsWith("Albums 2026")),
                "its folders are gone from WordPress too");
    }

    @Test
    void aFileLargerThanAChunkGoesInChunksAndIsReplacedInChunks() {
        assertEquals(201, send(AUTHOR, "MKCOL", "Video/").status());
        byte[] film = bytes(200_000, 7);
        Answer put = put(AUTHOR, "Video/film.mp4", film);
        assertEquals(201, put.status(), put.text());
        assertEquals(4, drive.wordpress.plugin().chunksStored(), "200,000 bytes in chunks of 65,536");
        Media stored = at("Video/film.mp4").orElseThrow();
        assertArrayEquals(film, drive.wordpress.bytesOf(stored.id()));
        assertArrayEquals(film, get(AUTHOR, "Video/film.mp4"));

        byte[] cut = bytes(140_000, 8);
        assertEquals(204, put(AUTHOR, "Video/film.mp4", cut).status());
        assertEquals(4 + 3, drive.wordpress.plugin().chunksStored());
        assertEquals(stored.id(), at("Video/film.mp4").orElseThrow().id(), "new bytes, the same attachment");
        assertArrayEquals(cut, drive.wordpress.bytesOf(stored.id()));
        assertEquals(0, drive.wordpress.plugin().openUploads(), "every upload finished");

        Answer runnable = put(AUTHOR, "Video/big.php", film);
        assertEquals(415, runnable.status(), runnable.text());
        assertTrue(at("Video/big.php").isEmpty());
        assertEquals(0, drive.wordpress.plugin().openUploads(), "a refused upload leaves nothing open");
    }

    @Test
    void aSubscriberMakesMovesAndDeletesNothing() {
        assertEquals(201, send(AUTHOR, "MKCOL", "Shared/").status());
        assertEquals(201, put(AUTHOR, "Shared/a.png", bytes(10, 9)).status());
        assertEquals(403, send(SUBSCRIBER, "MKCOL", "Shared/mine/").status());
        assertEquals(403, put(SUBSCRIBER, "Shared/sub.png", bytes(10, 10)).status());
        assertEquals(403, move(SUBSCRIBER, "Shared/a.png", "Shared/b.png").status());
        assertEquals(403, move(SUBSCRIBER, "Shared/", "Moved/").status());
        assertEquals(403, send(SUBSCRIBER, "DELETE", "Shared/").status());
        assertTrue(at("Shared/a.png").isPresent());
        assertEquals(java.util.List.of("Shared"), drive.wordpress.mediaFolders(Credentials.of("admin", "admin-pass")));
        assertTrue(drive.wordpress.mediaFolders(Credentials.of("subscriber", "subscriber-pass")).isEmpty(),
                "the names of folders are told to those who may upload");
    }
}
