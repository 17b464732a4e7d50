package org.pressdav.dav.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.pressdav.config.ConfigLoader;
import org.pressdav.dav.DavPath;
import org.pressdav.server.Pressdav;
import org.pressdav.testbed.RunningDrive;
import org.pressdav.wordpress.InMemoryWordPress.Account;
import org.pressdav.wordpress.InMemoryWordPress;

/**
 * The real pressdav stack (Jetty, Milton, pressdav's handlers, cache and stores) started in this
 * JVM on a free port over an {@link InMemoryWordPress}: the protocol tests' drive. No WordPress,
 * no root, a second to start.
 */
final class InProcessDrive implements AutoCloseable {
    final InMemoryWordPress wordpress;
    final Path data;
    private List<String> reached = List.of();
    private final Pressdav pressdav;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();

    InProcessDrive(String... flags) {
        this(new InMemoryWordPress(), flags);
    }

    /** Over a WordPress set up before pressdav starts (with the companion plugin's media folders, say). */
    InProcessDrive(InMemoryWordPress wordpress, String... flags) {
        this(wordpress, temporaryDataDir(), flags);
    }

    /** A drive over this WordPress and data directory: started again over another's, it is that drive restarted. */
    InProcessDrive(InMemoryWordPress wordpress, Path data, String... flags) {
        this(wordpress, data, Clock.systemUTC(), flags);
    }

    /** A drive whose stores, locks and dates read {@code clock}: a test moves it to pass their time. */
    InProcessDrive(InMemoryWordPress wordpress, Clock clock, String... flags) {
        this(wordpress, temporaryDataDir(), clock, flags);
    }

    private InProcessDrive(InMemoryWordPress wordpress, Path data, Clock clock, String... flags) {
        this(wordpress, data, args -> Pressdav.serve(ConfigLoader.load(args, Map.of()), wordpress, clock),
                withFlags(List.of("--wordpress-url", "http://wp.test/"), flags));
    }

    /** How a drive is started from its flags. */
    @FunctionalInterface
    interface Start {
        Pressdav start(List<String> args) throws Exception;
    }

    private InProcessDrive(InMemoryWordPress wordpress, Path data, Start start, List<String> flags) {
        this.wordpress = wordpress;
        this.data = data;
        try {
            List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", data.toString()));
            args.addAll(flags);
            pressdav = start.start(args);
        } catch (Exception e) {
            throw new IllegalStateException("pressdav did not start", e);
        }
    }

    /**
     * A drive of several sites under {@code sites/} ({@code --site} and {@code --network} among the flags), each site's URL
     * answered by the WordPress {@code sites} maps it to; a URL it does not map cannot be reached.
     */
    static InProcessDrive ofSites(Map<String, InMemoryWordPress> sites, String... flags) {
        List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
        InProcessDrive drive = new InProcessDrive(null, temporaryDataDir(), args -> Pressdav.serveSites(ConfigLoader.load(args, Map.of()), (url, at) -> {
            reached.add(url + (at == null ? "" : " at " + at));
            InMemoryWordPress site = sites.get(url.toString());
            if (site == null) {
                throw new org.pressdav.wordpress.WordPressException(502, org.pressdav.wordpress.WordPressException.UNREACHABLE,
                        "WordPress cannot be reached at " + url + ": connection refused");
            }
            return site;
        }, Clock.systemUTC()), List.of(flags));
        drive.reached = reached;
        return drive;
    }

    /** With several sites: each site's URL pressdav made a client for, and where it reaches it ({@code URL at ADDRESS}) if elsewhere. */
    List<String> reached() {
        return reached;
    }

    private static List<String> withFlags(List<String> first, String... flags) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(flags));
        return all;
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("pressdav-protocol");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The URL of a drive path given decoded, for example {@code posts/12-hello/}. */
    String url(String path) {
        String base = pressdav.baseUrl();
        String encoded = DavPath.parseDecoded(path).encoded();
        return base.substring(0, base.length() - 1) + encoded + (path.endsWith("/") && !encoded.endsWith("/") ? "/" : "");
    }

    RunningDrive.Answer send(Account who, String method, String path, Map<String, String> headers, String body) {
        return sendBytes(who, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    RunningDrive.Answer sendBytes(Account who, String method, String path, Map<String, String> headers, byte[] body) {
        Request.Builder request = new Request.Builder().url(path.startsWith("http") ? path : url(path));
        headers.forEach(request::header);
        if (who != null) {
            request.header("Authorization", okhttp3.Credentials.basic(who.login(), who.password(), StandardCharsets.UTF_8));
        }
        boolean needsBody = List.of("PROPFIND", "PUT", "PROPPATCH", "LOCK").contains(method);
        request.method(method, body == null ? (needsBody ? RequestBody.create(new byte[0]) : null)
                : RequestBody.create(body, MediaType.get(method.equals("PUT") ? "application/octet-stream" : "application/xml; charset=utf-8")));
        try (Response response = http.newCall(request.build()).execute()) {
            return new RunningDrive.Answer(response.code(), response.headers().toMultimap(), response.body().bytes());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** The names in a folder ({@code posts/12-hello/}) as {@code who} lists it, a folder's with its slash ({@code revisions/}). */
    java.util.List<String> namesIn(Account who, String folder) {
        RunningDrive.Answer listing = send(who, "PROPFIND", folder, Map.of("Depth", "1"), null);
        if (listing.status() != 207) {
            throw new AssertionError(folder + ": " + listing.status() + " " + listing.text());
        }
        String href = url(folder).replaceFirst("^http://[^/]+", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<D:href>" + java.util.regex.Pattern.quote(href) + "([^<]+)</D:href>")
                .matcher(listing.text());
        java.util.List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A file's text as {@code who} reads it; anything but a 200 fails the test. */
    String read(Account who, String path) {
        RunningDrive.Answer answer = send(who, "GET", path, Map.of(), null);
        if (answer.status() != 200) {
            throw new AssertionError(path + ": " + answer.status() + " " + answer.text());
        }
        return answer.text();
    }

    /** A post's folder as its listing names it to the administrator: {@code posts/12-hello/}. */
    String folderOf(long id) {
        String listing = send(InMemoryWordPress.ADMIN, "PROPFIND", "posts/", Map.of("Depth", "1"), null).text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<D:href>/posts/(" + id + "(-[^<]*)?)/</D:href>").matcher(listing);
        if (!m.find()) {
            throw new AssertionError("post " + id + " is not listed: " + listing);
        }
        return "posts/" + DavPath.parseEncoded("/" + m.group(1)).name() + "/";
    }

    int port() {
        return pressdav.port();
    }

    @Override
    public void close() {
        // Idle keep-alive connections would hold the graceful stop for its full wait.
        http.connectionPool().evictAll();
        try {
            pressdav.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
