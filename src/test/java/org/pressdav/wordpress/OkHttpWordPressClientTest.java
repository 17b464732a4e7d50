package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpWordPressClientTest {
    private static final Credentials ADMIN = Credentials.of("admin", "good pass");

    private final MockWebServer server = new MockWebServer();
    private final FakeWordPress wordpress = new FakeWordPress();
    private final AtomicLong nanos = new AtomicLong();
    private OkHttpWordPressClient client;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(wordpress);
        server.start();
        client = clientWith(ClientSettings.defaults().withLoginCacheTtl(Duration.ofSeconds(60)));
    }

    private OkHttpWordPressClient clientWith(ClientSettings settings) {
        return OkHttpWordPressClient.forRestRoot(RestRoot.at(server.url("/wp-json/")), settings, nanos::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wordpressErrorKeepsItsStatusCodeAndMessage() {
        wordpress.route("/wp-json/wp/v2/posts/12", r -> FakeWordPress.json(403,
                "{\"code\":\"rest_cannot_edit\",\"message\":\"Sorry, you are not allowed to edit this post.\",\"data\":{\"status\":403}}"));

        WordPressException e = assertThrows(WordPressException.class,
                () -> client.update(ADMIN, Endpoint.POSTS, 12, Map.of("content", "x")));

        assertEquals(403, e.status());
        assertEquals("rest_cannot_edit", e.code());
        assertEquals("Sorry, you are not allowed to edit this post.", e.getMessage());
    }

    /** WordPress publishes a collection's schema, with its registered meta keys, in the answer to OPTIONS on its route. */
    @Test
    void aCollectionsSchemaIsItsAnswerToOptions() {
        wordpress.route("/wp-json/wp/v2/posts", r -> "OPTIONS".equals(r.getMethod())
                ? FakeWordPress.json(200, "{\"namespace\":\"wp/v2\",\"schema\":{\"title\":\"post\",\"properties\":{\"meta\":"
                        + "{\"type\":\"object\",\"properties\":{\"subtitle\":{\"type\":\"string\"}}}}}}")
                : FakeWordPress.json(405, "{\"code\":\"rest_no_route\",\"message\":\"No route\"}"));

        assertEquals("string", client.schema(ADMIN, Endpoint.POSTS).at("/properties/meta/properties/subtitle/type").asText());
    }

    /** A template's id keeps its double slash in the route, as WordPress documents; a save answers the user's copy. */
    @Test
    void aTemplateIsSavedAndRevertedAtItsThemeAndSlug() {
        Endpoint<Template> templates = Endpoint.ofTemplates("wp/v2", "templates", "wp_template");
        wordpress.route("/wp-json/wp/v2/templates/blocks//index", r -> "DELETE".equals(r.getMethod())
                ? FakeWordPress.json(200, "{\"deleted\":true,\"previous\":{}}")
                : FakeWordPress.json(200, """
                {"id":"blocks//index","theme":"blocks","content":{"raw":"<p>x</p>","block_version":0},"slug":"index","source":"custom",
                 "type":"wp_template","description":"","title":{"raw":"Index","rendered":"Index"},"status":"publish","wp_id":41,
                 "has_theme_file":true,"author":1}"""));

        Template saved = client.saveTemplate(ADMIN, templates, "blocks//index", Map.of("content", "<p>x</p>"));
        client.revertTemplate(ADMIN, templates, "blocks//index");

        assertEquals("custom", saved.source());
        assertEquals(41, saved.wpId());
        assertTrue(saved.hasThemeFile());
        assertEquals("<p>x</p>", saved.content().raw());
        List<String> sent = wordpress.requests.stream().filter(r -> r.getUrl().encodedPath().contains("templates"))
                .map(r -> r.getMethod() + " " + r.getUrl().encodedQuery()).toList();
        assertEquals(List.of("POST context=edit", "DELETE force=true"), sent);
    }

    /** The active theme links its user's global styles (WordPress makes the post when asked); a classic theme links none. */
    @Test
    void theActiveThemesGlobalStylesAreFoundThroughItsLinkAndSavedAtTheirPost() {
        wordpress.route("/wp-json/wp/v2/themes", r -> FakeWordPress.json(200, """
                [{"stylesheet":"blocks","template":"blocks","_links":{"self":[{"href":"x"}],
                  "wp:user-global-styles":[{"href":"http://wp.test/wp-json/wp/v2/global-styles/57"}]}}]"""));
        wordpress.route("/wp-json/wp/v2/global-styles/57", r -> FakeWordPress.json(200, "POST".equals(r.getMethod())
                ? "{\"id\":57,\"settings\":{},\"styles\":{\"color\":{\"text\":\"#aa0000\"}}}"
                : "{\"id\":57,\"title\":{\"raw\":\"Custom Styles\"},\"settings\":{\"color\":{\"custom\":false}},\"styles\":{}}"));

        GlobalStyles styles = client.globalStyles(ADMIN);
        GlobalStyles saved = client.saveGlobalStyles(ADMIN, styles, Map.of("styles", Map.of("color", Map.of("text", "#aa0000"))));

        assertEquals(57, styles.id());
        assertEquals("blocks", styles.stylesheet());
        assertEquals(false, styles.settings().at("/color/custom").asBoolean(true));
        assertEquals("#aa0000", saved.styles().at("/color/text").asText());
        assertEquals("blocks", saved.stylesheet());

        wordpress.route("/wp-json/wp/v2/themes", r -> FakeWordPress.json(200, "[{\"stylesheet\":\"classic\",\"_links\":{}}]"));
        assertEquals(null, client.globalStyles(ADMIN));
    }

    @Test
    void aPostHoldsTheTermIdsOfEveryTaxonomyByItsRestBase() {
        wordpress.route("/wp-json/wp/v2/books/7", r -> FakeWordPress.json(200, """
                {"id":7,"type":"book","slug":"dune","status":"publish","genres":[5,9],"tags":[],"class_list":["post-7"],
                 "meta":{"isbn":"x"},"_links":{"self":[{"href":"x"}]}}"""));
        Taxonomy genre = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");

        Post book = client.get(ADMIN, Endpoint.ofPostType("wp/v2", "books", "book"), 7, Context.VIEW);

        assertEquals(List.of(5L, 9L), book.terms(genre));
        assertEquals(List.of(), book.terms(Taxonomy.TAG));
        assertEquals(List.of(), book.terms(Taxonomy.CATEGORY), "a type without categories has none");
        assertEquals(java.util.Set.of("genres", "tags"), book.terms().keySet(), "only arrays of whole numbers are terms");
    }

    @Test
    void aPluginsFieldNamedTermsIsNotTakenForThePostsTerms() {
        wordpress.route("/wp-json/wp/v2/books/7", r -> FakeWordPress.json(200, """
                {"id":7,"type":"book","slug":"dune","status":"publish","genres":[5],"terms":{"genre":[{"id":5,"name":"Fantasy"}]}}"""));
        Taxonomy genre = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");

        Post book = client.get(ADMIN, Endpoint.ofPostType("wp/v2", "books", "book"), 7, Context.VIEW);

        assertEquals(List.of(5L), book.terms(genre));
        assertEquals(java.util.Set.of("genres"), book.terms().keySet());
    }

    @Test
    void anErrorPageThatIsNotJsonIsQuotedNotSwallowed() {
        wordpress.route("/wp-json/wp/v2/posts/3", r -> new MockResponse.Builder().code(500)
                .body("<html><body><h1>Internal Server Error</h1><p>PHP Fatal error: out of memory</p></body></html>").build());

        WordPressException e = assertThrows(WordPressException.class, () -> client.get(ADMIN, Endpoint.POSTS, 3, Context.EDIT));

        assertEquals(500, e.status());
        assertEquals("http_500", e.code());
        assertTrue(e.getMessage().contains("PHP Fatal error: out of memory"), e.getMessage());
    }

    @Test
    void aSuccessThatIsNotJsonIsABadGateway() {
        wordpress.route("/wp-json/wp/v2/posts/4", r -> new MockResponse.Builder().code(200).body("<html>maintenance</html>").build());

        WordPressException e = assertThrows(WordPressException.class, () -> client.get(ADMIN, Endpoint.POSTS, 4, Context.EDIT));

        assertEquals(502, e.status());
        assertEquals(WordPressException.BAD_RESPONSE, e.code());
    }

    @Test
    void wordpressDownIsABadGatewayThatSaysWhere() {
        HttpUrl down = server.url("/wp-json/");
        server.close();
        OkHttpWordPressClient orphan = OkHttpWordPressClient.forRestRoot(RestRoot.at(down), ClientSettings.defaults(), nanos::get);

        WordPressException e = assertThrows(WordPressException.class, () -> orphan.index(Credentials.ANONYMOUS));

        assertEquals(502, e.status());
        assertEquals(WordPressException.UNREACHABLE, e.code());
        assertTrue(e.getMessage().contains(down.host() + ":" + down.port()), e.getMessage());
    }

    @Test
    void aSlowWordPressIsAGatewayTimeout() {
        wordpress.route("/wp-json/", r -> new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        ClientSettings impatient = new ClientSettings(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1), 4, Duration.ofSeconds(60),
                Duration.ofSeconds(4), 1 << 20);

        WordPressException e = assertThrows(WordPressException.class, () -> clientWith(impatient).index(Credentials.ANONYMOUS));

        assertEquals(504, e.status());
        assertEquals(WordPressException.TIMEOUT, e.code());
    }

    @Test
    void listingFetchesEveryPageWithFieldsAndKeepsTheOrder() {
        int total = 250;
        wordpress.route("/wp-json/wp/v2/posts", r -> {
            int page = Integer.parseInt(orElse(r.getUrl().queryParameter("page"), "1"));
            long from = (page - 1) * 100L + 1;
            long to = Math.min(page * 100L, total);
            String items = LongStream.rangeClosed(from, to).mapToObj(id -> "{\"id\":" + id + ",\"slug\":\"p" + id + "\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            return new MockResponse.Builder().code(200).body(items)
                    .setHeader("X-WP-Total", total).setHeader("X-WP-TotalPages", 3).build();
        });

        Listing<Post> listing = client.list(ADMIN, Endpoint.POSTS, ListQuery.all().withFields("id", "slug").with("status", "any"));

        assertEquals(total, listing.total());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), listing.items().stream().map(Post::id).toList());
        assertEquals("p250", listing.items().get(249).slug());
        List<HttpUrl> pageUrls = wordpress.requests.stream().map(r -> r.getUrl())
                .filter(u -> u.encodedPath().equals("/wp-json/wp/v2/posts")).toList();
        assertEquals(3, pageUrls.size());
        for (HttpUrl url : pageUrls) {
            assertEquals("100", url.queryParameter("per_page"));
            assertEquals("id,slug", url.queryParameter("_fields"));
            assertEquals("any", url.queryParameter("status"));
            assertEquals("id", url.queryParameter("orderby"));
        }
    }

    @Test
    void everyCallCarriesTheCallersOwnCredentialsAndAUserAgent() {
        wordpress.route("/wp-json/wp/v2/posts/5", r -> FakeWordPress.json(200, "{\"id\":5}"));

        client.get(ADMIN, Endpoint.POSTS, 5, Context.EDIT);

        for (var request : wordpress.requests) {
            assertEquals(FakeWordPress.GOOD_AUTHORIZATION, request.getHeaders().get("Authorization"));
            assertTrue(request.getHeaders().get("User-Agent").startsWith("pressdav/"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedBeforeAnyPublicRouteIsAsked() {
        wordpress.route("/wp-json/wp/v2/posts", r -> FakeWordPress.json(200, "[{\"id\":1}]"));
        Credentials wrong = Credentials.of("admin", "wrong pass");

        WordPressException e = assertThrows(WordPressException.class, () -> client.list(wrong, Endpoint.POSTS, ListQuery.all()));

        assertEquals(401, e.status());
        assertEquals("incorrect_password", e.code());
        assertEquals(0, wordpress.count("/wp-json/wp/v2/posts"));
    }

    @Test
    void anAcceptedLoginIsTrustedForItsTimeToLiveThenCheckedAgain() {
        wordpress.route("/wp-json/wp/v2/posts/5", r -> FakeWordPress.json(200, "{\"id\":5}"));

        client.get(ADMIN, Endpoint.POSTS, 5, Context.EDIT);
        client.get(ADMIN, Endpoint.POSTS, 5, Context.EDIT);
        assertEquals(1, wordpress.count("/wp-json/wp/v2/users/me"));

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        client.get(ADMIN, Endpoint.POSTS, 5, Context.EDIT);
        assertEquals(2, wordpress.count("/wp-json/wp/v2/users/me"));
    }

    @Test
    void anonymousCallsSendNoAuthorizationAndNeedNoLogin() {
        wordpress.route("/wp-json/", r -> FakeWordPress.json(200, "{\"name\":\"Site\",\"namespaces\":[\"wp/v2\",\"pressdav/v1\"]}"));

        SiteIndex index = client.index(Credentials.ANONYMOUS);

        assertTrue(index.hasCompanionPlugin());
        assertEquals(1, wordpress.requests.size());
        assertEquals(null, wordpress.requests.get(0).getHeaders().get("Authorization"));
    }

    @Test
    void gmtDatesWithoutAZoneAreReadAsUtc() {
        wordpress.route("/wp-json/wp/v2/posts/7", r -> FakeWordPress.json(200,
                "{\"id\":7,\"date_gmt\":\"2026-11-25T17:38:06\",\"modified_gmt\":\"2026-11-25T18:00:00\",\"title\":{\"raw\":\"T\",\"rendered\":\"T\"}}"));

        Post post = client.get(ADMIN, Endpoint.POSTS, 7, Context.EDIT);

        assertEquals(Instant.parse("2026-11-25T17:38:06Z"), post.dateGmt());
        assertEquals(Instant.parse("2026-11-25T18:00:00Z"), post.modifiedGmt());
        assertEquals("T", post.title().raw());
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Test
    void anAnswerLargerThanTheCapIsABadGatewayThatSaysSoNotAnOutOfMemoryError() {
        OkHttpWordPressClient capped = clientWith(ClientSettings.defaults().withMaxAnswerBytes(1 << 20));
        String huge = "{\"id\":12,\"content\":{\"raw\":\"" + "a".repeat(3 << 20) + "\"}}";
        wordpress.route("/wp-json/wp/v2/posts/12", r -> FakeWordPress.json(200, huge));
        WordPressException declared = assertThrows(WordPressException.class, () -> capped.get(ADMIN, Endpoint.POSTS, 12, Context.EDIT));
        assertEquals(502, declared.status());
        assertTrue(declared.getMessage().contains("more than 1048576 bytes"), declared.getMessage());

        wordpress.route("/wp-json/wp/v2/posts/12", r -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/json").chunkedBody(huge, 64 * 1024).build());
        WordPressException streamed = assertThrows(WordPressException.class, () -> capped.get(ADMIN, Endpoint.POSTS, 12, Context.EDIT));
        assertEquals(502, streamed.status(), "no Content-Length: stopped while reading");
        assertTrue(streamed.getMessage().contains("--max-wordpress-answer-mb"), streamed.getMessage());
    }

    /**
     * A chunk that fails aborts the upload, so its pieces go at once, and only once the chunks in
     * flight are done: a chunk stored after the abort would outlive it (red before: the DELETE went
     * out while chunk 2 was still being stored). The opening names the chunk size the plugin holds
     * every chunk to.
     */
    @Test
    void aFailedChunkAbortsTheUploadAfterTheChunksInFlight(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String id = "0123456789abcdef0123456789abcdef";
        String uploads = "/wp-json/pressdav/v1/uploads";
        java.util.concurrent.atomic.AtomicBoolean slowChunkDone = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean abortedAfterIt = new java.util.concurrent.atomic.AtomicBoolean();
        wordpress.route(uploads, r -> FakeWordPress.json(200, "{\"id\":\"" + id + "\",\"max_chunk\":10}"));
        wordpress.route(uploads + "/" + id + "/0", r -> FakeWordPress.json(200, "{}"));
        wordpress.route(uploads + "/" + id + "/1", r -> FakeWordPress.json(500, "{\"code\":\"pressdav_write_failed\",\"message\":\"The chunk could not be stored.\"}"));
        wordpress.route(uploads + "/" + id + "/2", r -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowChunkDone.set(true);
            return FakeWordPress.json(200, "{}");
        });
        wordpress.route(uploads + "/" + id + "/3", r -> FakeWordPress.json(200, "{}"));
        wordpress.route(uploads + "/" + id, r -> {
            abortedAfterIt.set(slowChunkDone.get());
            return FakeWordPress.json(200, "{\"aborted\":true}");
        });
        java.nio.file.Path file = dir.resolve("forty.bin");
        java.nio.file.Files.write(file, new byte[40]);

        WordPressException failed = assertThrows(WordPressException.class, () -> client.uploadInChunks(ADMIN, "forty.bin", file, "a/forty.bin", 0, 10));

        assertEquals(500, failed.status());
        assertEquals(1, wordpress.requests.stream().filter(r -> r.getMethod().equals("DELETE")).count(), "the upload is aborted");
        assertTrue(abortedAfterIt.get(), "the abort waits for the chunks in flight");
        assertEquals(0, wordpress.count(uploads + "/" + id + "/finish"));
        String opening = wordpress.requests.stream().filter(r -> r.getUrl().encodedPath().equals(uploads)).findFirst().orElseThrow().getBody().utf8();
        assertTrue(opening.contains("\"chunk\":10"), opening);
    }

    /** Open uploads as Redis keeps them for several instances: a map, with every id ever recorded. */
    private static final class KeptUploads implements OpenUploads {
        final Map<String, String> open = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public java.util.Optional<String> find(String upload) {
            return java.util.Optional.ofNullable(open.get(upload));
        }

        @Override
        public void opened(String upload, String id) {
            open.put(upload, id);
            recorded.add(id);
        }

        @Override
        public void ended(String upload, String id) {
            open.remove(upload, id);
        }
    }

    private static java.nio.file.Path fortyBytes(java.nio.file.Path dir) throws java.io.IOException {
        byte[] bytes = new byte[40];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return java.nio.file.Files.write(dir.resolve("forty.bin"), bytes);
    }

    private List<String> chunksPut(String id) {
        String prefix = "/wp-json/pressdav/v1/uploads/" + id + "/";
        return wordpress.requests.stream().filter(r -> r.getMethod().equals("PUT") && r.getUrl().encodedPath().startsWith(prefix))
                .map(r -> r.getUrl().encodedPath().substring(prefix.length())).sorted().toList();
    }

    /**
     * The same file sent again for the same place, after an instance opened its upload and died:
     * the plugin's status names the chunks it holds, and only those missing or different from the
     * file (by SHA-256) are sent before the upload finishes; no new upload is opened. Red if the
     * open upload is not looked for (an opening is posted, four chunks sent) or a held chunk is
     * kept without its hash checked (chunk 2 is not sent).
     */
    @Test
    void anUploadSentAgainGoesOnFromTheChunksWordPressHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = fortyBytes(dir);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        String id = "0123456789abcdef0123456789abcdef";
        String uploads = "/wp-json/pressdav/v1/uploads";
        KeptUploads kept = new KeptUploads();
        kept.open.put(OpenUploads.key(ADMIN, "forty.bin", "a/forty.bin", 0, 40, 10), id);
        client.resumeUploadsThrough(kept);
        String pieces = "{\"0\":\"" + Sha256.of(java.util.Arrays.copyOfRange(bytes, 0, 10)) + "\",\"1\":\""
                + Sha256.of(java.util.Arrays.copyOfRange(bytes, 10, 20)) + "\",\"2\":\"" + Sha256.of(new byte[10]) + "\"}";
        wordpress.route(uploads + "/" + id, r -> FakeWordPress.json(200, "{\"id\":\"" + id + "\",\"size\":40,\"chunk\":10,\"chunks\":4,\"pieces\":" + pieces + "}"));
        for (int i = 0; i < 4; i++) {
            wordpress.route(uploads + "/" + id + "/" + i, r -> FakeWordPress.json(200, "{}"));
        }
        wordpress.route(uploads + "/" + id + "/finish", r -> FakeWordPress.json(200, "{\"id\":77}"));

        assertEquals(77, client.uploadInChunks(ADMIN, "forty.bin", file, "a/forty.bin", 0, 10));

        assertEquals(0, wordpress.count(uploads), "no new upload is opened");
        assertEquals(List.of("2", "3"), chunksPut(id), "only the chunks WordPress lacks or holds otherwise are sent");
        assertEquals(2, client.chunksKept());
        assertEquals(2, client.chunksSent());
        assertTrue(wordpress.requests.stream().anyMatch(r -> r.getUrl().encodedPath().equals(uploads + "/" + id + "/finish")
                && r.getBody().utf8().contains("\"chunks\":4")), "finished with every chunk");
        assertEquals(Map.of(), kept.open, "a finished upload is no longer open");
    }

    /**
     * An open upload the plugin no longer holds (it finished, or expired) is not gone on with: a new
     * one is opened, kept while it is open, and every chunk sent. Red if a 404 of the status were an
     * error, or if the chunks were sent to the old id.
     */
    @Test
    void anUploadThePluginNoLongerHoldsStartsOver(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = fortyBytes(dir);
        String gone = "0123456789abcdef0123456789abcdef";
        String fresh = "fedcba9876543210fedcba9876543210";
        String uploads = "/wp-json/pressdav/v1/uploads";
        KeptUploads kept = new KeptUploads();
        kept.open.put(OpenUploads.key(ADMIN, "forty.bin", "a/forty.bin", 0, 40, 10), gone);
        client.resumeUploadsThrough(kept);
        wordpress.route(uploads + "/" + gone, r -> FakeWordPress.json(404, "{\"code\":\"pressdav_no_upload\",\"message\":\"There is no such upload; it may have expired.\",\"data\":{\"status\":404}}"));
        wordpress.route(uploads, r -> FakeWordPress.json(200, "{\"id\":\"" + fresh + "\",\"max_chunk\":10}"));
        for (int i = 0; i < 4; i++) {
            wordpress.route(uploads + "/" + fresh + "/" + i, r -> FakeWordPress.json(200, "{}"));
        }
        wordpress.route(uploads + "/" + fresh + "/finish", r -> FakeWordPress.json(200, "{\"id\":78}"));

        assertEquals(78, client.uploadInChunks(ADMIN, "forty.bin", file, "a/forty.bin", 0, 10));

        assertEquals(List.of("0", "1", "2", "3"), chunksPut(fresh));
        assertEquals(List.of(), chunksPut(gone));
        assertEquals(List.of(fresh), kept.recorded, "the new upload was kept while it was open");
        assertEquals(Map.of(), kept.open);
        assertEquals(0, client.chunksKept());
    }

    /**
     * Post types as {@code wp/v2/types?context=edit} describes them (trimmed to what is read), with a custom {@code book}
     * whose features include one registered with arguments and one turned off.
     */
    private static final String TYPES_EDIT = """
            {"post":{"slug":"post","hierarchical":false,"rest_base":"posts","rest_namespace":"wp/v2","taxonomies":["category","post_tag"],
                     "supports":{"title":true,"editor":true,"author":true,"thumbnail":true,"excerpt":true,"trackbacks":true,
                                 "custom-fields":true,"comments":true,"revisions":true,"post-formats":true},
                     "capabilities":{"edit_post":"edit_post","edit_posts":"edit_posts"}},
             "page":{"slug":"page","hierarchical":true,"rest_base":"pages","rest_namespace":"wp/v2","taxonomies":[],
                     "supports":{"title":true,"editor":true,"author":true,"thumbnail":true,"page-attributes":true,"custom-fields":true,
                                 "comments":true,"revisions":true},
                     "capabilities":{"edit_post":"edit_page","edit_posts":"edit_pages"}},
             "attachment":{"slug":"attachment","hierarchical":false,"rest_base":"media","rest_namespace":"wp/v2","taxonomies":[],
                     "supports":{"title":true,"author":true,"comments":true},
                     "capabilities":{"edit_posts":"edit_posts"}},
             "book":{"slug":"book","hierarchical":false,"rest_base":"books","rest_namespace":"library/v1","taxonomies":["genre","post_tag","private_shelf"],
                     "supports":{"title":true,"editor":{"notes":true},"comments":false},
                     "capabilities":{"edit_posts":"edit_books"}}}
            """;
    private static final String TAXONOMIES_EDIT = """
            {"category":{"slug":"category","hierarchical":true,"rest_base":"categories","rest_namespace":"wp/v2","labels":{"singular_name":"Category"}},
             "post_tag":{"slug":"post_tag","hierarchical":false,"rest_base":"tags","rest_namespace":"wp/v2","labels":{"singular_name":"Tag"}},
             "genre":{"slug":"genre","hierarchical":true,"rest_base":"genres","labels":{"singular_name":"Genre"}}}
            """;

    @Test
    void theTypesAUserMayEditAreReadAsDescriptorsOfWhatWordPressPublishes() {
        wordpress.route("/wp-json/wp/v2/types", r -> FakeWordPress.json(200, TYPES_EDIT));
        wordpress.route("/wp-json/wp/v2/taxonomies", r -> FakeWordPress.json(200, TAXONOMIES_EDIT));

        SiteTypes types = client.types(ADMIN);

        Taxonomy genre = new Taxonomy(Endpoint.ofTaxonomy("wp/v2", "genres", "genre"), true, "genre");
        PostType book = new PostType(Endpoint.ofPostType("library/v1", "books", "book"), false, "edit_books", List.of(genre, Taxonomy.TAG),
                java.util.Set.of("title", "editor"));
        assertEquals(List.of(PostType.POST, PostType.PAGE, book), types.postTypes(),
                "posts and pages read as the drive has always had them; media is not a post type to the drive; a taxonomy not in REST is left out;"
                        + " a feature with arguments is supported, one set false is not");
        assertEquals(List.of(Taxonomy.CATEGORY, Taxonomy.TAG, genre), types.taxonomies());
        assertEquals("library/v1/books", book.endpoint().route());
        assertEquals(List.of("edit", "edit"), wordpress.requests.stream().filter(r -> !r.getUrl().encodedPath().endsWith("/users/me"))
                .map(r -> r.getUrl().queryParameter("context")).toList());
    }

    @Test
    void aUserWhoMayEditNoTypeSeesEveryTypeAsVisitorsDo() {
        String typesView = TYPES_EDIT.replaceAll(",\\s*\"capabilities\":\\{[^}]*\\}", "")
                .replaceAll(",\\s*\"supports\":\\{(\\{[^}]*\\}|[^{}])*\\}", "");
        String taxonomiesView = TAXONOMIES_EDIT.replaceAll(",\"labels\":\\{[^}]*\\}", "");
        wordpress.route("/wp-json/wp/v2/types", r -> "edit".equals(r.getUrl().queryParameter("context"))
                ? FakeWordPress.json(403, "{\"code\":\"rest_cannot_view\",\"message\":\"Sorry, you are not allowed to edit posts in this post type.\",\"data\":{\"status\":403}}")
                : FakeWordPress.json(200, typesView));
        wordpress.route("/wp-json/wp/v2/taxonomies", r -> FakeWordPress.json(200, taxonomiesView));

        SiteTypes types = client.types(ADMIN);

        assertEquals(List.of("post", "page", "book"), types.postTypes().stream().map(PostType::name).toList());
        assertTrue(types.postTypes().stream().allMatch(type -> type.editCapability() == null), "WordPress did not say who may edit them");
        assertTrue(types.postTypes().stream().allMatch(type -> type.supports().isEmpty()), "nor what they support");
        assertEquals(List.of(true, false, true), types.taxonomies().stream().map(Taxonomy::hierarchical).toList());
        assertEquals("post_tag", types.taxonomies().get(1).noun(), "without its label a term is called by its taxonomy's name");
        assertEquals(List.of("edit", "view", "view"), wordpress.requests.stream().filter(r -> !r.getUrl().encodedPath().endsWith("/users/me"))
                .map(r -> r.getUrl().queryParameter("context")).toList());
    }

    @Test
    void aVisitorIsNotRefusedTheEditContextFirst() {
        wordpress.route("/wp-json/wp/v2/types", r -> FakeWordPress.json(200, "{}"));
        wordpress.route("/wp-json/wp/v2/taxonomies", r -> FakeWordPress.json(200, "{}"));

        assertEquals(new SiteTypes(List.of(), List.of()), client.types(Credentials.ANONYMOUS));
        assertEquals(List.of("view", "view"), wordpress.requests.stream().map(r -> r.getUrl().queryParameter("context")).toList());
    }
}
