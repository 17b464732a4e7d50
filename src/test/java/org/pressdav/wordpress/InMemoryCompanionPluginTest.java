package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The fake's companion plugin answers as wordpress-plugin/pressdav does: each refusal with the
 * plugin's status and code (the protocol tests rely on them), and a fake without it 404 on every route.
 */
class InMemoryCompanionPluginTest {
    private static final Credentials ADMIN = Credentials.of("admin", "admin-pass");
    private static final Credentials AUTHOR = Credentials.of("author", "author-pass");
    private static final Credentials SUBSCRIBER = Credentials.of("subscriber", "subscriber-pass");

    private final InMemoryWordPress wordpress = new InMemoryWordPress().withPlugin();

    private static void refused(int status, String code, Executable call) {
        WordPressException e = assertThrows(WordPressException.class, call);
        assertEquals(status + " " + code, e.status() + " " + e.code(), e.getMessage());
    }

    private static Path file(String text) throws Exception {
        Path file = Files.createTempFile("plugin", ".bin");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void withoutThePluginEveryRouteIsNotFound() throws Exception {
        InMemoryWordPress core = new InMemoryWordPress();
        for (Executable call : List.<Executable>of(() -> core.companion(Credentials.ANONYMOUS), () -> core.changes(Credentials.ANONYMOUS, 0, 10),
                () -> core.index(ADMIN, Endpoint.POSTS), () -> core.mediaFolders(ADMIN), () -> core.makeMediaFolder(ADMIN, "a"),
                () -> core.moveMediaFolder(ADMIN, "a", "b"), () -> core.deleteMediaFolder(ADMIN, "a"), () -> core.moveMedia(ADMIN, 1, "a"),
                () -> core.replaceMedia(ADMIN, 1, "text/plain", file("x")), () -> core.uploadInChunks(ADMIN, "a", file("x"), null, 0, 65536))) {
            refused(404, "rest_no_route", call);
        }
    }

    @Test
    void theMediaDriveRefusesAsThePluginDoes() throws Exception {
        refused(401, "rest_forbidden", () -> wordpress.makeMediaFolder(Credentials.ANONYMOUS, "Trips"));
        refused(403, "rest_forbidden", () -> wordpress.makeMediaFolder(SUBSCRIBER, "Trips"));
        refused(400, "pressdav_bad_name", () -> wordpress.makeMediaFolder(AUTHOR, "Trips/what?"));
        refused(409, "pressdav_no_folder", () -> wordpress.makeMediaFolder(AUTHOR, "Nowhere/x"));
        wordpress.makeMediaFolder(AUTHOR, "Trips");
        refused(409, "pressdav_exists", () -> wordpress.makeMediaFolder(AUTHOR, "Trips"));
        wordpress.makeMediaFolder(AUTHOR, "Trips/Inner");
        refused(409, "pressdav_not_empty", () -> wordpress.deleteMediaFolder(AUTHOR, "Trips"));
        refused(409, "pressdav_into_itself", () -> wordpress.moveMediaFolder(AUTHOR, "Trips", "Trips/Inner/Deeper"));
        refused(404, "pressdav_not_found", () -> wordpress.moveMediaFolder(AUTHOR, "Nowhere", "Elsewhere"));

        Media admins = wordpress.upload(ADMIN, "admins.png", "image/png", file("png"), "Trips/admins.png");
        refused(415, "pressdav_not_stored", () -> wordpress.upload(AUTHOR, "x.php", "text/plain", file("<?php"), "Trips/x.php"));
        refused(403, "rest_cannot_edit", () -> wordpress.moveMedia(AUTHOR, admins.id(), "Trips/mine.png"));
        refused(403, "rest_cannot_edit", () -> wordpress.moveMediaFolder(AUTHOR, "Trips", "Moved"));
        refused(403, "rest_cannot_edit", () -> wordpress.replaceMedia(AUTHOR, admins.id(), "image/png", file("new")));
        refused(404, "rest_post_invalid_id", () -> wordpress.moveMedia(AUTHOR, 9999, "Trips/none.png"));
        wordpress.moveMediaFolder(ADMIN, "Trips", "Moved");
        assertEquals("Moved/admins.png", wordpress.plugin().drivePathOf(admins.id()));
        assertEquals(List.of("Moved", "Moved/Inner"), wordpress.mediaFolders(AUTHOR));
        assertEquals(List.of(), wordpress.mediaFolders(SUBSCRIBER));
    }

    @Test
    void anUploadInChunksChecksItsSizesAndLeavesNothingWhenItFails() throws Exception {
        byte[] big = new byte[150_000];
        Path file = Files.createTempFile("plugin", ".bin");
        Files.write(file, big);
        refused(400, "pressdav_bad_chunk_size", () -> wordpress.uploadInChunks(AUTHOR, "a.bin", file, null, 0, 1000));
        refused(403, "rest_forbidden", () -> wordpress.uploadInChunks(SUBSCRIBER, "a.bin", file, null, 0, 65536));
        refused(415, "pressdav_not_stored", () -> wordpress.uploadInChunks(AUTHOR, "a.phtml", file, null, 0, 65536));
        long id = wordpress.uploadInChunks(AUTHOR, "a.bin", file, null, 0, 65536);
        assertEquals(150_000, wordpress.bytesOf(id).length);
        assertEquals(3, wordpress.plugin().chunksStored(), "150,000 bytes in chunks of 65,536");
        long admins = wordpress.uploadInChunks(ADMIN, "b.bin", file, null, 0, 65536);
        refused(403, "rest_cannot_create", () -> wordpress.uploadInChunks(AUTHOR, "b.bin", file, null, admins, 65536));
        wordpress.uploadInChunks(AUTHOR, "a.bin", file, null, id, 65536);
        assertEquals(List.of(id, admins), wordpress.media().stream().map(Media::id).sorted().toList(), "a replace makes no new attachment");
        assertEquals(0, wordpress.plugin().openUploads());
    }

    @Test
    void theFeedShowsTheAnonymousOnlyWhatTheyMayReadAndSaysWhenItLostTrack() {
        long published = wordpress.addPost("post", 1, "publish", "Out", "");
        long draft = wordpress.addPost("post", 1, "draft", "In", "");
        Changes anonymous = wordpress.changes(Credentials.ANONYMOUS, 0, 10);
        assertEquals(List.of(new Changes.Change(1, "post", published, "saved"), new Changes.Change(2, "post", 0, "saved")), anonymous.changes(),
                "a draft is named by its type alone");
        assertEquals(draft, wordpress.changes(ADMIN, 1, 10).changes().get(0).id());
        assertEquals(2, wordpress.companion(Credentials.ANONYMOUS).head());
        wordpress.addPost("post", 1, "publish", "Third", "");
        wordpress.plugin().pruneFeedTo(1);
        refused(410, "pressdav_feed_resync", () -> wordpress.changes(Credentials.ANONYMOUS, 1, 10));
        refused(410, "pressdav_feed_resync", () -> wordpress.changes(Credentials.ANONYMOUS, 4, 10));
        assertEquals(1, wordpress.changes(Credentials.ANONYMOUS, 2, 10).changes().size(), "from just before the oldest row kept, it holds on");
    }
}
