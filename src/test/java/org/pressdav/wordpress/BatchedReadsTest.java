package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OkHttpWordPressClient#getEach} and {@link OkHttpWordPressClient#revisionsOfEach} through the companion plugin's
 * batched reads, against a fake plugin on mockwebserver3: the reads sent, a hundred a request, each slot read as the
 * single GET would be, what is left out, and the failures of the batch itself.
 */
class BatchedReadsTest {
    private static final Credentials ADMIN = Credentials.of("admin", "good pass");
    private static final String READS = "/wp-json/pressdav/v1/reads";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final FakeWordPress wordpress = new FakeWordPress();
    private OkHttpWordPressClient client;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(wordpress);
        server.start();
        client = clientWith(ClientSettings.defaults());
    }

    private OkHttpWordPressClient clientWith(ClientSettings settings) {
        OkHttpWordPressClient made = OkHttpWordPressClient.forRestRoot(RestRoot.at(server.url("/wp-json/")),
                settings.withLoginCacheTtl(Duration.ofSeconds(60)), () -> 0L);
        made.readInBatches();
        return made;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The plugin, answering each read with {@code slot} of its path (a JSON object: status, body, total). */
    private void plugin(Function<String, String> slot) {
        wordpress.route(READS, r -> FakeWordPress.json(200, reads(r).stream().map(slot).collect(Collectors.joining(",", "{\"reads\":[", "]}"))));
    }

    private static List<String> reads(RecordedRequest request) {
        try {
            List<String> paths = new ArrayList<>();
            JSON.readTree(request.getBody().utf8()).path("reads").forEach(path -> paths.add(path.asText()));
            return paths;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<List<String>> batchesSent() {
        return wordpress.requests.stream().filter(r -> r.getUrl().encodedPath().equals(READS)).map(BatchedReadsTest::reads).toList();
    }

    private static String post(long id) {
        return "{\"id\":" + id + ",\"slug\":\"p" + id + "\",\"date_gmt\":\"2026-11-25T17:38:06\",\"title\":{\"raw\":\"T" + id
                + "\",\"rendered\":\"T" + id + "\"},\"categories\":[3],\"meta\":{\"subtitle\":\"s\"}}";
    }

    private static long idIn(String path) {
        return Long.parseLong(path.replaceAll("^/wp/v2/posts/(\\d+).*$", "$1"));
    }

    @Test
    void eachReadIsTheSingleGetsRouteAndContextAHundredARequestInTheOrderAsked() {
        plugin(path -> "{\"status\":200,\"body\":" + post(idIn(path)) + ",\"total\":null}");
        List<Long> ids = LongStream.rangeClosed(1, 250).boxed().toList();

        Map<Long, Post> posts = objects(client.getEach(ADMIN, Endpoint.POSTS, ids, Context.EDIT));

        List<List<String>> sent = batchesSent();
        assertEquals(List.of(100, 100, 50), sent.stream().map(List::size).toList());
        assertEquals("/wp/v2/posts/1?context=edit", sent.get(0).get(0));
        assertEquals("/wp/v2/posts/250?context=edit", sent.get(2).get(49));
        assertEquals(ids, List.copyOf(posts.keySet()));
        assertEquals("p250", posts.get(250L).slug());
        assertEquals(0, wordpress.count("/wp-json/wp/v2/posts/1"), "no read alone");
    }

    @Test
    void aMixedAnswerKeepsWhatWasAnswered200AsGetReadsItAndLeavesOutTheRest() {
        Map<Long, String> slots = Map.of(
                1L, "{\"status\":200,\"body\":" + post(1) + ",\"total\":null}",
                2L, "{\"status\":401,\"body\":{\"code\":\"rest_forbidden_context\",\"message\":\"no\",\"data\":{\"status\":401}},\"total\":null}",
                3L, "{\"status\":403,\"body\":{\"code\":\"rest_forbidden_context\",\"message\":\"no\",\"data\":{\"status\":403}},\"total\":null}",
                4L, "{\"status\":404,\"body\":{\"code\":\"rest_post_invalid_id\",\"message\":\"no\",\"data\":{\"status\":404}},\"total\":null}",
                5L, "{\"status\":500,\"body\":{\"code\":\"oops\",\"message\":\"broken\",\"data\":{\"status\":500}},\"total\":null}",
                6L, "{\"status\":200,\"body\":" + post(6) + ",\"total\":null}");
        plugin(path -> slots.get(idIn(path)));
        wordpress.route("/wp-json/wp/v2/posts/1", r -> FakeWordPress.json(200, post(1)));

        Map<Long, Post> posts = objects(client.getEach(ADMIN, Endpoint.POSTS, List.of(1L, 2L, 3L, 4L, 5L, 6L), Context.VIEW));

        assertEquals(List.of(1L, 6L), List.copyOf(posts.keySet()));
        assertEquals(client.get(ADMIN, Endpoint.POSTS, 1, Context.VIEW), posts.get(1L), "as get reads it, terms and meta too");
        assertEquals("/wp/v2/posts/1?context=view", batchesSent().get(0).get(0));
    }

    @Test
    void revisionsAreAskedAsRevisionsAsksThemAndAPostWithMoreThanOnePageIsLeftOut() {
        String two = "[" + post(91) + "," + post(92) + "]";
        wordpress.route("/wp-json/wp/v2/posts/7/revisions", r -> new MockResponse.Builder().code(200).body(two)
                .setHeader("X-WP-Total", 2).setHeader("X-WP-TotalPages", 1).build());
        plugin(path -> path.startsWith("/wp/v2/posts/7/") ? "{\"status\":200,\"body\":" + two + ",\"total\":2}"
                : path.startsWith("/wp/v2/posts/8/") ? "{\"status\":200,\"body\":" + two + ",\"total\":250}"
                : "{\"status\":403,\"body\":{\"code\":\"rest_cannot_read\",\"message\":\"no\",\"data\":{\"status\":403}},\"total\":null}");

        Map<Long, List<Post>> revisions = client.revisionsOfEach(ADMIN, Endpoint.POSTS, List.of(7L, 8L, 9L));
        List<Post> alone = client.revisions(ADMIN, Endpoint.POSTS, 7);

        assertEquals(Map.of(7L, alone), revisions);
        RecordedRequest single = wordpress.requests.stream().filter(r -> r.getUrl().encodedPath().equals("/wp-json/wp/v2/posts/7/revisions"))
                .findFirst().orElseThrow();
        assertEquals("/wp/v2/posts/7/revisions?" + single.getUrl().encodedQuery(), batchesSent().get(0).get(0));
    }

    @Test
    void aBatchWordPressCannotAnswerIsTheUsualError() {
        wordpress.route(READS, r -> FakeWordPress.json(503, "{\"code\":\"service_unavailable\",\"message\":\"Down for maintenance\"}"));

        WordPressException e = assertThrows(WordPressException.class, () -> client.getEach(ADMIN, Endpoint.POSTS, List.of(1L, 2L), Context.EDIT));

        assertEquals(503, e.status());
        assertEquals("service_unavailable", e.code());
        assertEquals(1, batchesSent().size(), "a WordPress that is down is not asked again in halves");
    }

    @Test
    void aBatchPhpFailsOnIsAskedAgainInHalves() {
        // PHP's memory_limit: a batch of three long posts fails (500) where fewer pass.
        wordpress.route(READS, r -> reads(r).size() > 2 ? FakeWordPress.json(500, "{\"code\":\"internal_server_error\",\"message\":\"critical\"}")
                : FakeWordPress.json(200, "{\"reads\":[" + String.join(",", reads(r).stream()
                        .map(path -> "{\"status\":200,\"body\":" + post(idIn(path)) + ",\"total\":null}").toList()) + "]}"));

        Map<Long, Post> posts = objects(client.getEach(ADMIN, Endpoint.POSTS, List.of(1L, 2L, 3L), Context.EDIT));

        assertEquals(List.of(1L, 2L, 3L), List.copyOf(posts.keySet()));
        assertEquals(List.of(3, 1, 2), batchesSent().stream().map(List::size).toList());
    }

    @Test
    void aSiteThatFailsItsHalvesTooIsTheErrorNotAFloodOfSmallerBatches() {
        // A database that is down answers 500 to everything: not a batch too big for PHP.
        wordpress.route(READS, r -> FakeWordPress.json(500, "{\"code\":\"internal_server_error\",\"message\":\"Error establishing a database connection\"}"));
        List<Long> ids = LongStream.rangeClosed(1, 100).boxed().toList();

        WordPressException e = assertThrows(WordPressException.class, () -> client.getEach(ADMIN, Endpoint.POSTS, ids, Context.EDIT));

        assertEquals(500, e.status());
        assertEquals(List.of(100, 50), batchesSent().stream().map(List::size).toList());
    }

    @Test
    void anAnswerLargerThanPressdavReadsIsAskedAgainInHalvesDownToOneReadWhichIsLeftOut() {
        OkHttpWordPressClient capped = clientWith(ClientSettings.defaults().withMaxAnswerBytes(1 << 20));
        String large = "x".repeat(300 << 10);
        plugin(path -> "{\"status\":200,\"body\":{\"id\":" + idIn(path) + ",\"content\":{\"raw\":\""
                + (idIn(path) == 4 ? large.repeat(4) : large) + "\"}},\"total\":null}");

        Map<Long, Post> posts = objects(capped.getEach(ADMIN, Endpoint.POSTS, List.of(1L, 2L, 3L, 4L), Context.EDIT));

        assertEquals(List.of(1L, 2L, 3L), List.copyOf(posts.keySet()));
        assertEquals(large, posts.get(3L).content().raw());
        assertEquals(List.of(List.of(1L, 2L, 3L, 4L), List.of(1L, 2L), List.of(3L, 4L), List.of(3L), List.of(4L)),
                batchesSent().stream().map(batch -> batch.stream().map(BatchedReadsTest::idIn).toList()).toList());
    }

    @Test
    void withoutThePluginsReadsEachObjectIsOneGet() {
        OkHttpWordPressClient plain = OkHttpWordPressClient.forRestRoot(RestRoot.at(server.url("/wp-json/")), ClientSettings.defaults(), () -> 0L);
        wordpress.route("/wp-json/wp/v2/posts/1", r -> FakeWordPress.json(200, post(1)));

        Map<Long, Post> posts = objects(plain.getEach(ADMIN, Endpoint.POSTS, List.of(1L, 2L), Context.EDIT));

        assertEquals(List.of(1L), List.copyOf(posts.keySet()));
        assertEquals(List.of(), batchesSent());
        assertEquals(1, wordpress.count("/wp-json/wp/v2/posts/2"));
    }

    /** The records of a batch's reads, as {@code get} reads them (the JSON beside each is what {@code getJson} reads). */
    private static <T> Map<Long, T> objects(Map<Long, WordPressClient.Read<T>> reads) {
        Map<Long, T> objects = new java.util.LinkedHashMap<>();
        reads.forEach((id, read) -> objects.put(id, read.object()));
        return objects;
    }
}
