package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;
import static org.pressdav.wordpress.InMemoryWordPress.AUTHOR;
import static org.pressdav.wordpress.InMemoryWordPress.EDITOR;
import static org.pressdav.wordpress.InMemoryWordPress.SUBSCRIBER;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.testbed.RunningDrive.Answer;
import org.pressdav.wordpress.InMemoryWordPress;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * What an author, an administrator and a subscriber may do over the companion plugin, as the
 * plugin enforces it: what its index lists to each, whose files each moves, replaces and deletes,
 * and who may store a file a browser runs script from.
 */
class PluginPermissionsTest {
    private final InProcessDrive drive = new InProcessDrive(new InMemoryWordPress().withPlugin());

    @AfterEach
    void stop() {
        drive.close();
    }

    /** The ids of the posts whose folders posts/ lists to this user. */
    private java.util.Set<Long> listedPosts(Account who) {
        Answer listing = drive.send(who, "PROPFIND", "posts/", Map.of("Depth", "1"), null);
        assertEquals(207, listing.status(), listing.text());
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("<D:href>/posts/(\\d+)[^<]*/</D:href>").matcher(listing.text());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private Answer move(Account who, String from, String to) {
        return drive.send(who, "MOVE", "media/" + from, Map.of("Destination", drive.url("media/" + to)), null);
    }

    private String pathOf(String name) {
        long id = drive.wordpress.media().stream().filter(m -> m.title().raw().equals(name)).findFirst().orElseThrow().id();
        return drive.wordpress.plugin().drivePathOf(id);
    }

    @Test
    void eachRoleListsThePostsTheIndexShowsThem() {
        long published = drive.wordpress.addPost("post", ADMIN.id(), "publish", "Public", "");
        long adminsDraft = drive.wordpress.addPost("post", ADMIN.id(), "draft", "Admin draft", "");
        long authorsDraft = drive.wordpress.addPost("post", AUTHOR.id(), "draft", "Author draft", "");
        long editorsPrivate = drive.wordpress.addPost("post", EDITOR.id(), "private", "Editor private", "");

        assertEquals(java.util.Set.of(published), listedPosts(SUBSCRIBER));
        assertEquals(java.util.Set.of(published, authorsDraft), listedPosts(AUTHOR), "an author: the published ones and their own");
        assertEquals(java.util.Set.of(published, adminsDraft, authorsDraft, editorsPrivate), listedPosts(ADMIN));
        assertTrue(drive.wordpress.calls.get("index:post").get() >= 3, "listed from the plugin's index");
    }

    @Test
    void anAuthorMovesReplacesAndDeletesTheirOwnFilesAnAdministratorAnyones() {
        assertEquals(201, drive.send(ADMIN, "MKCOL", "media/Shared/", Map.of(), null).status());
        assertEquals(201, drive.send(ADMIN, "PUT", "media/Shared/admins.png", Map.of(), "admin's").status());
        assertEquals(201, drive.send(AUTHOR, "PUT", "media/Shared/authors.png", Map.of(), "author's").status());

        assertEquals(403, move(AUTHOR, "Shared/admins.png", "Shared/taken.png").status(), "an author moves only their own files");
        assertEquals(403, drive.send(AUTHOR, "PUT", "media/Shared/admins.png", Map.of(), "overwritten").status());
        assertEquals(201, move(AUTHOR, "Shared/authors.png", "Shared/mine.png").status());
        assertEquals("Shared/mine.png", pathOf("authors.png"));

        Answer folder = move(AUTHOR, "Shared/", "Taken/");
        assertEquals(403, folder.status(), "a folder holding an administrator's file: " + folder.text());
        assertEquals("Shared/mine.png", pathOf("authors.png"), "nothing was moved");
        assertEquals("Shared/admins.png", pathOf("admins.png"));

        assertEquals(201, move(ADMIN, "Shared/", "Moved/").status(), "an administrator moves anyone's files");
        assertEquals("Moved/mine.png", pathOf("authors.png"));
        assertEquals(204, drive.send(ADMIN, "DELETE", "media/Moved/mine.png", Map.of(), null).status());
        assertEquals(1, drive.wordpress.media().size());
    }

    @Test
    void aFileABrowserRunsScriptFromIsStoredOnlyForThoseWhoMayPublishScript() {
        assertEquals(201, drive.send(AUTHOR, "MKCOL", "media/Art/", Map.of(), null).status());
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        Answer refused = drive.send(AUTHOR, "PUT", "media/Art/logo.svg", Map.of(), svg);
        assertEquals(415, refused.status(), refused.text());
        assertEquals(201, drive.send(AUTHOR, "PUT", "media/Art/logo.png", Map.of(), "png").status());
        assertEquals(415, move(AUTHOR, "Art/logo.png", "Art/logo.svg").status(), "nor by a rename");
        assertEquals(201, drive.send(EDITOR, "PUT", "media/Art/editors.svg", Map.of(), svg).status(), "an editor may publish unfiltered HTML");
        assertEquals(415, drive.send(ADMIN, "PUT", "media/Art/run.php", Map.of(), "<?php").status(), "what a web server runs, nobody");
    }
}
