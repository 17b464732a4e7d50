package org.pressdav.wordpress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pressdav.testbed.TestBed;

/** The client against the real test-bed WordPress: no mock stands in for it. */
class WordPressClientIT {
    private static TestBed bed;
    private static OkHttpWordPressClient client;
    private static Credentials admin;

    @BeforeAll
    static void connect() {
        bed = TestBed.get();
        client = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());
        admin = bed.credentials("admin");
    }

    @Test
    void theSiteIsFoundFromItsHomeUrlAndTheCompanionPluginIsSeen() {
        SiteIndex index = client.index(Credentials.ANONYMOUS);
        assertEquals("pressdav test bed", index.name());
        assertTrue(index.hasCompanionPlugin(), "namespaces: " + index.namespaces());
    }

    @Test
    void theCoreTypesReadFromWordPressAreTheOnesTheDriveIsBuiltOn() {
        SiteTypes asAdmin = client.types(admin);
        assertEquals(java.util.List.of(PostType.POST, PostType.PAGE), asAdmin.postTypes().subList(0, 2), "types: " + asAdmin.postTypes());
        assertEquals(java.util.List.of(Taxonomy.CATEGORY, Taxonomy.TAG), asAdmin.taxonomies().subList(0, 2), "taxonomies: " + asAdmin.taxonomies());
        assertTrue(asAdmin.postTypes().stream().noneMatch(type -> type.name().equals("attachment")), "media are not a post type to the drive");

        SiteTypes asAuthor = client.types(bed.credentials("author"));
        assertTrue(asAuthor.postTypes().contains(PostType.POST), "an author may edit posts");
        assertFalse(asAuthor.postTypes().contains(PostType.PAGE), "an author may not edit pages");

        SiteTypes asVisitor = client.types(Credentials.ANONYMOUS);
        assertTrue(asVisitor.postTypes().stream().anyMatch(type -> type.name().equals("page") && type.editCapability() == null),
                "visitors see every type, and not who may edit it: " + asVisitor.postTypes());
    }

    @Test
    void everyTrapPostReadsBackByteForByteWhatTheSeedWrote() {
        for (String kind : new String[] {"posts", "pages"}) {
            Endpoint<Post> endpoint = kind.equals("posts") ? Endpoint.POSTS : Endpoint.PAGES;
            for (JsonNode seeded : bed.seedData().get(kind)) {
                String key = seeded.get("key").asText();
                Post post = client.get(admin, endpoint, bed.id(kind, key), Context.EDIT);
                assertArrayEquals(seeded.get("title").asText().getBytes(UTF_8), post.title().raw().getBytes(UTF_8), key + " title");
                assertArrayEquals(seeded.get("content").asText().getBytes(UTF_8), post.content().raw().getBytes(UTF_8), key + " content");
                assertEquals(seeded.path("status").asText("publish"), post.status(), key + " status");
            }
        }
    }

    @Test
    void theTrapsAreWhatTheyClaimToBe() {
        Post draft = client.get(admin, Endpoint.POSTS, bed.id("posts", "draft-no-slug"), Context.EDIT);
        assertEquals("", draft.slug());
        assertEquals("an-unsaved-draft", draft.generatedSlug());

        Post first = client.get(admin, Endpoint.POSTS, bed.id("posts", "same-title-1"), Context.EDIT);
        Post second = client.get(admin, Endpoint.POSTS, bed.id("posts", "same-title-2"), Context.EDIT);
        assertEquals(first.title().raw(), second.title().raw());
        assertFalse(first.slug().equals(second.slug()));

        Post secret = client.get(admin, Endpoint.POSTS, bed.id("posts", "password"), Context.EDIT);
        assertEquals("s3cret", secret.password());

        Post team = client.get(admin, Endpoint.PAGES, bed.id("pages", "team"), Context.EDIT);
        assertEquals(bed.id("pages", "about"), team.parent());
    }

    @Test
    void everyKindOfObjectLists() {
        assertEquals(bed.seedData().get("categories").size() + 1, // + WordPress's own "Uncategorized"
                client.list(admin, Endpoint.CATEGORIES, ListQuery.all().with("hide_empty", "false")).items().size());
        assertEquals(bed.seedData().get("tags").size(), client.list(admin, Endpoint.TAGS, ListQuery.all()).items().size());
        assertEquals(bed.seedData().get("users").size() + 1,
                client.list(admin, Endpoint.USERS, ListQuery.all().withContext(Context.EDIT)).items().size());
        assertEquals(bed.seedData().get("media").size(), client.list(admin, Endpoint.MEDIA, ListQuery.all()).items().size());
        Listing<Comment> comments = client.list(admin, Endpoint.COMMENTS,
                ListQuery.all().withContext(Context.EDIT).with("status", "all"));
        assertTrue(comments.items().stream().anyMatch(c -> c.status().equals("hold")));
        assertEquals("pressdav test bed", client.settings(admin).title());
        assertEquals("ana author", client.me(bed.credentials("author")).username());
    }

    @Test
    void aListingOfFewFieldsCarriesNoContent() {
        Listing<Post> listing = client.list(admin, Endpoint.POSTS,
                ListQuery.all().withFields("id", "slug", "modified_gmt").with("status", "any").withContext(Context.EDIT));
        assertEquals(listing.total(), listing.items().size());
        for (Post post : listing.items()) {
            assertNotNull(post.modifiedGmt());
            assertEquals(null, post.content());
        }
    }

    @Test
    void createUpdateTrashAndDeleteRoundTrip() {
        Credentials editor = bed.credentials("editor");
        Post created = client.create(editor, Endpoint.POSTS, Map.of("title", "Round trip", "status", "draft", "content", "first"));
        assertEquals("draft", created.status());

        String bytes = "second 🎉\r\nwith CRLF, NFD Cafe\u0301 and a backslash \\ <!-- wp:paragraph -->";
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("content", bytes);
        change.put("title", "Round trip, renamed");
        client.update(editor, Endpoint.POSTS, created.id(), change);
        Post updated = client.get(editor, Endpoint.POSTS, created.id(), Context.EDIT);
        assertEquals(bytes, updated.content().raw());
        assertEquals("Round trip, renamed", updated.title().raw());

        Post trashed = client.trash(editor, Endpoint.POSTS, created.id());
        assertEquals("trash", trashed.status());
        assertEquals("trash", client.get(editor, Endpoint.POSTS, created.id(), Context.EDIT).status());

        client.delete(editor, Endpoint.POSTS, created.id());
        WordPressException gone = assertThrows(WordPressException.class,
                () -> client.get(editor, Endpoint.POSTS, created.id(), Context.EDIT));
        assertEquals(404, gone.status());
        assertEquals("rest_post_invalid_id", gone.code());
    }

    @Test
    void anUploadDownloadsByteIdentical(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("round-trip.png");
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(4918);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ImageIO.write(image, "png", png.toFile());
        byte[] expected = Files.readAllBytes(png);

        Media media = client.upload(admin, "round-trip.png", "image/png", png, null);
        try {
            assertEquals("image/png", media.mimeType());
            try (MediaContent content = client.download(admin, media, null)) {
                assertEquals(200, content.status());
                assertArrayEquals(expected, content.body().readAllBytes());
            }
        } finally {
            client.delete(admin, Endpoint.MEDIA, media.id());
        }
        WordPressException gone = assertThrows(WordPressException.class,
                () -> client.get(admin, Endpoint.MEDIA, media.id(), Context.EDIT));
        assertEquals(404, gone.status());
    }

    @Test
    void aRangeDownloadReturnsTheRightSlice() throws IOException {
        Media big = client.get(admin, Endpoint.MEDIA, bed.id("media", "large"), Context.EDIT);
        byte[] whole = Files.readAllBytes(bed.uploadsDir().resolve(bed.manifest().at("/media/large/file").asText()));
        assertTrue(whole.length > 2_000_000, "the large seed file is several MB");

        try (MediaContent slice = client.download(admin, big, "bytes=1000-1999")) {
            assertEquals(206, slice.status());
            assertEquals("bytes 1000-1999/" + whole.length, slice.header("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(whole, 1000, 2000), slice.body().readAllBytes());
        }
        try (MediaContent tail = client.download(admin, big, "bytes=-500")) {
            assertEquals(206, tail.status());
            assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 500, whole.length), tail.body().readAllBytes());
        }
        try (MediaContent beyond = client.download(admin, big, "bytes=" + (whole.length + 10) + "-")) {
            assertEquals(416, beyond.status());
        }
    }

    @Test
    void aWrongApplicationPasswordIsRejectedEvenOnPublicRoutes() {
        Credentials wrong = Credentials.of(bed.credentials("subscriber").login(), "abcd efgh ijkl mnop qrst uvwx");
        WordPressException e = assertThrows(WordPressException.class,
                () -> client.list(wrong, Endpoint.POSTS, ListQuery.all()));
        assertEquals(401, e.status());
        WordPressException index = assertThrows(WordPressException.class, () -> client.index(wrong));
        assertEquals(401, index.status());
        WordPressException nobody = assertThrows(WordPressException.class,
                () -> client.me(Credentials.of("nobody-at-all", "abcd efgh ijkl mnop qrst uvwx")));
        assertEquals(401, nobody.status());
    }

    @Test
    void aSubscribersWriteIsForbiddenWithWordPresssMessage() {
        long id = bed.id("posts", "emoji");
        Post before = client.get(admin, Endpoint.POSTS, id, Context.EDIT);

        WordPressException e = assertThrows(WordPressException.class,
                () -> client.update(bed.credentials("subscriber"), Endpoint.POSTS, id, Map.of("content", "defaced")));

        assertEquals(403, e.status());
        assertEquals("rest_cannot_edit", e.code());
        assertEquals("Sorry, you are not allowed to edit this post.", e.getMessage());
        assertEquals(before.content().raw(), client.get(admin, Endpoint.POSTS, id, Context.EDIT).content().raw());
    }

    @Test
    void aSubscriberCannotReadSettingsOrAnotherUsersDraft() {
        Credentials subscriber = bed.credentials("subscriber");
        assertEquals(403, assertThrows(WordPressException.class, () -> client.settings(subscriber)).status());
        WordPressException draft = assertThrows(WordPressException.class,
                () -> client.get(subscriber, Endpoint.POSTS, bed.id("posts", "author-draft"), Context.VIEW));
        assertTrue(draft.status() == 401 || draft.status() == 403, draft.toString());
    }
}
