package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A site whose one configured URL ({@code http://blog.invalid:8000/}, a name nothing resolves) is
 * reached at another address, as pressdav reaches WordPress on a Compose network: every request for
 * the site's URL must arrive at that address, under the site's own name, and none for another origin.
 */
class WordPressAddressTest {
    private static final HttpUrl SITE = HttpUrl.get("http://blog.invalid:8000/");

    private final MockWebServer server = new MockWebServer();
    private final FakeWordPress wordpress = new FakeWordPress();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(wordpress);
        server.start();
        wordpress.route("/", r -> new MockResponse.Builder().code(200)
                .setHeader("Link", "<http://blog.invalid:8000/wp-json/>; rel=\"https://api.w.org/\"").build());
        wordpress.route("/wp-json/", r -> FakeWordPress.json(200,
                "{\"name\":\"Blog\",\"url\":\"http://blog.invalid:8000\",\"home\":\"http://blog.invalid:8000\",\"namespaces\":[\"wp/v2\"]}"));
        wordpress.route("/wp-content/uploads/2026/12/a.txt", r -> new MockResponse.Builder().code(200).body("bytes of a").build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSiteIsFoundAndReadAtItsAddressUnderItsOwnName() throws Exception {
        OkHttpWordPressClient client = OkHttpWordPressClient.forSite(SITE, server.url("/"), ClientSettings.defaults());

        assertEquals("Blog", client.index(Credentials.ANONYMOUS).name());
        assertEquals("http://blog.invalid:8000/wp-json/", client.restRoot().toString());
        try (MediaContent content = client.download(Credentials.ANONYMOUS, media("http://blog.invalid:8000/wp-content/uploads/2026/12/a.txt"), null)) {
            assertArrayEquals("bytes of a".getBytes(StandardCharsets.UTF_8), content.body().readAllBytes());
        }
        for (RecordedRequest request : wordpress.requests) {
            assertEquals("blog.invalid:8000", request.getHeaders().get("Host"));
        }
        assertEquals(3, wordpress.requests.size());
    }

    @Test
    void onlyTheSitesOwnOriginIsSentThere() {
        WordPressAddress address = new WordPressAddress(SITE, HttpUrl.get("http://wordpress/"));

        assertEquals(HttpUrl.get("http://wordpress/wp-json/wp/v2/posts?page=2"), address.route(HttpUrl.get("http://blog.invalid:8000/wp-json/wp/v2/posts?page=2")));
        HttpUrl cdn = HttpUrl.get("https://cdn.example.org/wp-content/uploads/a.jpg");
        assertEquals(cdn, address.route(cdn));
        HttpUrl otherScheme = HttpUrl.get("https://blog.invalid:8000/wp-json/");
        assertEquals(otherScheme, address.route(otherScheme));
    }

    private static Media media(String sourceUrl) {
        return new Media(7, "a", "inherit", sourceUrl, null, null, 1, 0, null, "text/plain", "file", sourceUrl, null, null);
    }
}
