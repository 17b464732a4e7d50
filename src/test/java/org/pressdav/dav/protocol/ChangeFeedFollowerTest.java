package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pressdav.wordpress.InMemoryWordPress.ADMIN;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * The change-feed follower over the companion plugin: listings and files cached for the feed's
 * long TTL (an hour) show an edit made in WordPress, not through the drive, once the follower has
 * read the feed past it; a feed that lost track makes the drive start again.
 */
class ChangeFeedFollowerTest {
    /** Long enough for a loaded machine; the follower reads every 100 ms. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final InProcessDrive drive = new InProcessDrive(new InMemoryWordPress().withPlugin(), "--change-poll", "100ms");

    @AfterEach
    void stop() {
        drive.close();
    }

    private String listing(String folder) {
        return drive.send(ADMIN, "PROPFIND", folder, Map.of("Depth", "1"), null).text();
    }

    private void awaitFollowed() throws InterruptedException {
        drive.wordpress.plugin().awaitFeedFollowedPast(drive.wordpress.plugin().feedHead(), PATIENCE);
    }

    @Test
    void aPostPublishedAndAPostRetitledInWordPressShowOnceTheFeedIsFollowed() throws InterruptedException {
        long post = drive.wordpress.addPost("post", ADMIN.id(), "publish", "First", "");
        awaitFollowed();
        String folder = drive.folderOf(post);
        assertTrue(drive.send(ADMIN, "GET", folder + "title.txt", Map.of(), null).text().startsWith("First"));
        assertTrue(listing("posts/").contains("<D:href>/" + folder + "</D:href>"), "the listing, cached now for the feed's hour");

        long second = drive.wordpress.addPost("post", ADMIN.id(), "publish", "Second", "");
        drive.wordpress.retitle(post, "Retitled in wp-admin");
        awaitFollowed();
        assertTrue(listing("posts/").contains("<D:href>/posts/" + second), "the new post is listed: " + listing("posts/"));
        String title = drive.send(ADMIN, "GET", folder + "title.txt", Map.of(), null).text();
        assertTrue(title.startsWith("Retitled in wp-admin"), title);
    }

    @Test
    void aPostTrashedAndATagDeletedByAnotherClientAreGoneOnceTheFeedIsFollowed() throws InterruptedException {
        long post = drive.wordpress.addPost("post", ADMIN.id(), "publish", "Doomed", "");
        drive.wordpress.addTerm("post_tag", "Fleeting");
        long tag = drive.wordpress.terms("post_tag").get(0).id();
        awaitFollowed();
        String folder = drive.folderOf(post);
        assertTrue(listing("tags/").contains("<D:href>/tags/fleeting/</D:href>"), "cached now for the feed's hour");

        Credentials admin = Credentials.of("admin", "admin-pass");
        drive.wordpress.trash(admin, Endpoint.POSTS, post);
        drive.wordpress.delete(admin, Endpoint.TAGS, tag);
        awaitFollowed();
        assertFalse(listing("posts/").contains("<D:href>/" + folder + "</D:href>"), listing("posts/"));
        assertFalse(listing("tags/").contains("fleeting"), listing("tags/"));
    }

    @Test
    void aMediaFolderMadeElsewhereShowsOnceTheFeedIsFollowed() throws InterruptedException {
        assertTrue(listing("media/").contains("<D:href>/media/</D:href>"), "the listing, cached now for the feed's hour");
        // Made by another instance of the drive, or another client of the plugin: not through this drive.
        drive.wordpress.makeMediaFolder(Credentials.of("editor", "editor-pass"), "Elsewhere");
        awaitFollowed();
        assertTrue(listing("media/").contains("<D:href>/media/Elsewhere/</D:href>"), listing("media/"));
    }

    @Test
    void aFeedThatLostTrackMakesTheDriveStartAgainByItself() throws InterruptedException {
        assertTrue(listing("posts/").contains("<D:href>/posts/</D:href>"), "the listing, cached now for the feed's hour");
        drive.wordpress.addPost("post", ADMIN.id(), "publish", "Lost one", "");
        drive.wordpress.addPost("post", ADMIN.id(), "publish", "Lost two", "");
        // Pruned past the follower's place before it read: it must resync (410) and drop the whole cache.
        drive.wordpress.plugin().pruneFeedTo(1);
        awaitFollowed();
        String listing = listing("posts/");
        assertTrue(listing.contains("lost-one") && listing.contains("lost-two"), listing);
    }
}
