package org.pressdav.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestRootTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void prettyPermalinksPutRoutesUnderWpJson() {
        RestRoot root = RestRoot.at(HttpUrl.get("https://example.org/blog/wp-json/"));
        assertEquals("https://example.org/blog/wp-json/wp/v2/posts/12", root.route("wp/v2/posts/12").build().toString());
        assertEquals("https://example.org/blog/wp-json/", root.route("").build().toString());
    }

    @Test
    void plainPermalinksUseTheRestRouteParameter() {
        RestRoot root = RestRoot.at(HttpUrl.get("https://example.org/?rest_route=/"));
        HttpUrl url = root.route("wp/v2/posts").addQueryParameter("per_page", "100").build();
        assertEquals("/wp/v2/posts", url.queryParameter("rest_route"));
        assertEquals("100", url.queryParameter("per_page"));
        assertEquals("/", url.encodedPath());
    }

    @Test
    void discoveryReadsTheApiLinkTheSiteAnnounces() {
        String api = server.url("/wp-json/").toString();
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("Link", "<" + api + ">; rel=\"https://api.w.org/\"").build());

        RestRoot root = RestRoot.discover(OkHttpWordPressClient.httpClient(ClientSettings.defaults()), server.url("/"));

        assertEquals(api, root.base().toString());
    }

    @Test
    void aSiteInAFolderGivenWithoutItsSlashIsAskedAtTheAddressItRedirectsTo() throws Exception {
        String api = server.url("/two/wp-json/").toString();
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", server.url("/two/").toString()).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Link", "<" + api + ">; rel=\"https://api.w.org/\"").build());

        RestRoot root = RestRoot.discover(OkHttpWordPressClient.httpClient(ClientSettings.defaults()), server.url("/two"));

        assertEquals(api, root.base().toString());
        assertEquals("/two", server.takeRequest().getTarget());
        assertEquals("/two/", server.takeRequest().getTarget());
    }

    @Test
    void aRedirectElsewhereIsNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", server.url("/other/").toString()).build());

        WordPressException e = assertThrows(WordPressException.class,
                () -> RestRoot.discover(OkHttpWordPressClient.httpClient(ClientSettings.defaults()), server.url("/two")));

        assertEquals(502, e.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aSiteThatIsNotWordPressIsAClearError() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>a static site</html>").build());

        WordPressException e = assertThrows(WordPressException.class,
                () -> RestRoot.discover(OkHttpWordPressClient.httpClient(ClientSettings.defaults()), server.url("/")));

        assertEquals(502, e.status());
        assertEquals(WordPressException.BAD_RESPONSE, e.code());
    }
}
