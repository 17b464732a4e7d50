package org.pressdav.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.pressdav.config.ConfigLoader;
import org.pressdav.dav.DavPath;
import org.pressdav.server.Pressdav;
import org.pressdav.wordpress.ClientSettings;
import org.pressdav.wordpress.OkHttpWordPressClient;

/**
 * pressdav itself, started in this JVM on a free port in front of the test bed's WordPress,
 * plus a plain HTTP client for requests no DAV library would send (bad paths, bad XML).
 *
 * <p>With the system property {@value #URL} set, the drive is the one at that URL instead (a
 * balancer in front of several instances: {@code scripts/cluster}), and nothing is started here.
 * A test that starts pressdav with flags of its own cannot be run so. Where the property
 * {@value #RENEW} names a command ({@code scripts/cluster renew}), it runs before each test class
 * starts its drive: the drive forgets what it kept of the site the last class wrote, as a pressdav
 * started anew does.
 */
public final class RunningDrive implements AutoCloseable {
    public static final String URL = "pressdav.drive.url";
    public static final String RENEW = "pressdav.drive.renew";

    private final Pressdav pressdav; // null: a drive elsewhere, at url
    private final String url;
    private final TestBed bed;
    /** Whose roles {@link #send} and the clients log in as: the test bed's, or the second WordPress's for several sites. */
    private final Logins logins;
    private final boolean resetOnClose;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private OkHttpWordPressClient wordpress;

    private RunningDrive(Pressdav pressdav, String url, TestBed bed, Logins logins, boolean resetOnClose) {
        this.pressdav = pressdav;
        this.url = url;
        this.bed = bed;
        this.logins = logins;
        this.resetOnClose = resetOnClose;
    }

    /** For tests that write: the test bed is reset to its seed before, and again on {@link #close()}. */
    public static RunningDrive startOnFreshSeed(String... flags) {
        TestBed.get().script("reset");
        return start(true, flags);
    }

    /** Starts pressdav with these extra flags, for example {@code --anonymous-read true}. */
    public static RunningDrive start(String... flags) {
        return start(false, flags);
    }

    private static RunningDrive start(boolean resetOnClose, String... flags) {
        TestBed bed = TestBed.get();
        String elsewhere = System.getProperty(URL, "");
        if (!elsewhere.isEmpty()) {
            return elsewhere(elsewhere.endsWith("/") ? elsewhere : elsewhere + "/", bed, resetOnClose, flags);
        }
        List<String> args = new ArrayList<>(List.of("--wordpress-url", bed.url().toString()));
        args.addAll(List.of(flags));
        return started(bed, bed, resetOnClose, args);
    }

    /**
     * pressdav serving several sites under {@code sites/}, its flags ({@code --network}, {@code --site}) those of the
     * second WordPress ({@code scripts/network}); {@link #send} and the clients log in as that WordPress's users
     * ({@link NetworkBed}). Always started here: a drive elsewhere serves one site.
     */
    public static RunningDrive startSites(String... flags) {
        return started(TestBed.get(), NetworkBed.get(), false, List.of(flags));
    }

    private static RunningDrive started(TestBed bed, Logins logins, boolean resetOnClose, List<String> flags) {
        try {
            Path data = Files.createTempDirectory("pressdav-it");
            List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", data.toString()));
            args.addAll(flags);
            Pressdav pressdav = Pressdav.start(ConfigLoader.load(args, Map.of()));
            return new RunningDrive(pressdav, pressdav.baseUrl(), bed, logins, resetOnClose);
        } catch (Exception e) {
            throw new IllegalStateException("pressdav did not start", e);
        }
    }

    private static RunningDrive elsewhere(String url, TestBed bed, boolean resetOnClose, String... flags) {
        if (flags.length > 0) {
            throw new IllegalStateException("this test starts pressdav with " + String.join(" ", flags) + ", which the drive at " + url
                    + " (-D" + URL + ") was not started with: run it without -D" + URL);
        }
        String renew = System.getProperty(RENEW, "");
        if (!renew.isEmpty()) {
            try {
                Process process = new ProcessBuilder("bash", "-c", renew).inheritIO().start();
                if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(renew + " failed");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new RunningDrive(null, url, bed, bed, resetOnClose);
    }

    public TestBed bed() {
        return bed;
    }

    /** The users {@link #send} and the clients log in as, by role. */
    public Logins logins() {
        return logins;
    }

    /** WordPress itself, read directly: never through pressdav or its cache. */
    public synchronized OkHttpWordPressClient wordpress() {
        if (wordpress == null) {
            wordpress = OkHttpWordPressClient.forSite(bed.url(), ClientSettings.defaults());
        }
        return wordpress;
    }

    /** The drive's root URL, ending in a slash. */
    public String url() {
        return url;
    }

    /** The URL of a path inside the drive, given decoded ({@code posts/7-emoji-🎉-party/}). */
    public String url(String path) {
        String encoded = DavPath.parseDecoded(path).encoded();
        String base = url().substring(0, url().length() - 1);
        return base + encoded + (path.endsWith("/") && !encoded.endsWith("/") ? "/" : "");
    }

    /**
     * The names in a folder ({@code posts/12-a/revisions/}) as {@code role} lists it, a folder's with its slash; hrefs are
     * percent-encoded (the emoji post's folder), each is read back as the drive's path.
     */
    public List<String> names(String role, String path) {
        return names(loginOf(role), path);
    }

    /** The same as any login (null: a visitor), for example one of {@link NetworkBed}'s users. */
    public List<String> names(Login login, String path) {
        Answer listing = sendAs(login, "PROPFIND", url(path), Map.of("Depth", "1"), null);
        if (listing.status() != 207) {
            throw new AssertionError(path + ": " + listing.status() + " " + listing.text());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<D:href>([^<]+)</D:href>").matcher(listing.text());
        List<String> names = new ArrayList<>();
        while (m.find()) {
            String href = m.group(1);
            String decoded = DavPath.parseEncoded(href).toString().substring(1) + (href.endsWith("/") ? "/" : "");
            if (decoded.startsWith(path) && decoded.length() > path.length()) {
                names.add(decoded.substring(path.length()));
            }
        }
        return names;
    }

    /** A post's folder as the administrator's listing names it, for example {@code posts/12-hello/}. */
    public String postFolder(long id) {
        return folder("posts", id);
    }

    /** The folder of object {@code id} in a top folder ({@code pages}) as its listing names it to the administrator now. */
    public String folder(String top, long id) {
        String listing = send("admin", "PROPFIND", url(top + "/"), Map.of("Depth", "1"), null).text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<D:href>/" + top + "/(" + id + "-[^<]*)/</D:href>").matcher(listing);
        if (!m.find()) {
            throw new AssertionError(top + " " + id + " is not listed");
        }
        return top + "/" + DavPath.parseEncoded("/" + m.group(1)).name() + "/";
    }

    public int port() {
        return pressdav != null ? pressdav.port() : okhttp3.HttpUrl.get(url).port();
    }

    /** Sends a request as a seeded user (null: no Authorization) and returns status, headers, body. */
    public Answer send(String role, String method, String url, Map<String, String> headers, String body) {
        return sendBytes(role, method, url, headers, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A PUT whose body goes with {@code Transfer-Encoding: chunked}, as Finder sends it. */
    public Answer putChunked(String role, String url, Map<String, String> headers, byte[] body) {
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        request.header("Authorization", Credentials.basic(logins.login(role), passwordOf(role), java.nio.charset.StandardCharsets.UTF_8));
        request.put(new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/octet-stream");
            }

            @Override
            public long contentLength() {
                return -1; // unknown: OkHttp sends it chunked
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                for (int at = 0; at < body.length; at += 8192) {
                    sink.write(body, at, Math.min(8192, body.length - at));
                    sink.flush();
                }
            }
        });
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.headers().toMultimap(), response.body().bytes());
        } catch (IOException e) {
            throw new IllegalStateException("PUT " + url + " failed", e);
        }
    }

    /** The same with a body of any bytes. */
    public Answer sendBytes(String role, String method, String url, Map<String, String> headers, byte[] body) {
        return sendAs(loginOf(role), method, url, headers, body);
    }

    /** A seeded user's login; null for null (a visitor). */
    private Login loginOf(String role) {
        return role == null ? null : new Login(logins.login(role), passwordOf(role));
    }

    /** A request as any login (null: no Authorization), its body as given. */
    public Answer sendAs(Login login, String method, String url, Map<String, String> headers, byte[] body) {
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        if (login != null) {
            request.header("Authorization", Credentials.basic(login.name(), login.password(), java.nio.charset.StandardCharsets.UTF_8));
        }
        boolean needsBody = method.equals("PROPFIND") || method.equals("PUT") || method.equals("PROPPATCH");
        request.method(method, body == null ? (needsBody ? RequestBody.create(new byte[0]) : null)
                : RequestBody.create(body, MediaType.get(method.equals("PUT") ? "application/octet-stream" : "application/xml; charset=utf-8")));
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.headers().toMultimap(), response.body().bytes());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    public String passwordOf(String role) {
        return logins.applicationPassword(role);
    }

    /** A response as the test sees it. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (pressdav != null) {
                pressdav.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (resetOnClose) {
            bed.script("reset");
        }
    }
}
