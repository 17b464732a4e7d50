package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.pressdav.config.ConfigLoader;
import org.pressdav.ops.Scrape;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.OkHttpWordPressClient;
import org.pressdav.wordpress.RestRoot;

/**
 * pressdav started in this JVM as {@code main} assembles it, over the real OkHttp client talking to
 * a mockwebserver3 WordPress (its REST index, a 404 for everything else: enough for pressdav to start,
 * answer requests and call WordPress), so that its metrics hold every kind of meter it has.
 */
final class MeteredDrive implements AutoCloseable {
    static final String INSTANCE = "metered-1";

    private final MockWebServer wordpress = new MockWebServer();
    private final Pressdav pressdav;
    private final OkHttpClient http = new OkHttpClient();

    MeteredDrive(String... flags) throws Exception {
        wordpress.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().encodedPath().equals("/wp-json/")
                        ? json(200, "{\"name\":\"Metered\",\"description\":\"\",\"url\":\"\",\"home\":\"\",\"gmt_offset\":0,\"namespaces\":[\"wp/v2\"]}")
                        : json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and request method.\",\"data\":{\"status\":404}}");
            }
        });
        wordpress.start();
        OkHttpWordPressClient origin = OkHttpWordPressClient.forRestRoot(RestRoot.at(wordpress.url("/wp-json/")), ClientSettings.defaults(),
                Ticker.systemTicker());
        List<String> args = new java.util.ArrayList<>(List.of("--wordpress-url", wordpress.url("/").toString(), "--port", "0", "--data-dir",
                Files.createTempDirectory("pressdav-metered").toString(), "--instance-name", INSTANCE));
        args.addAll(List.of(flags));
        pressdav = Pressdav.serve(ConfigLoader.load(args, Map.of()), origin);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    /** The status of {@code method} on a path of the server, without a login. */
    int send(String method, String path) {
        Request request = new Request.Builder().url("http://127.0.0.1:" + pressdav.port() + path)
                .method(method, method.equals("PROPFIND") ? RequestBody.create(new byte[0]) : null).build();
        try (Response response = http.newCall(request).execute()) {
            response.body().bytes();
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metrics as Prometheus reads them. */
    Scrape scrape() {
        try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + pressdav.port() + "/metrics").build()).execute()) {
            if (response.code() != 200) {
                throw new AssertionError("/metrics answered " + response.code());
            }
            return Scrape.of(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        http.connectionPool().evictAll();
        pressdav.stop();
        wordpress.close();
    }
}
