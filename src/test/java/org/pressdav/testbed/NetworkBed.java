package org.pressdav.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The second WordPress of the test bed that {@code scripts/network} started and seeded, as integration tests see it: a
 * subdirectory multisite network (sites {@code main}, {@code two}, {@code three}) and one more single site, their
 * URLs, each seeded user's login, which sites each is a member of, and the seed's ids ({@code seed.json}).
 *
 * <p>Its users by role ({@link Logins}: what {@link RunningDrive#startSites} logs in as): the network's by their names
 * ({@code netadmin}, {@code alice}, {@code bob}, {@code carol}, {@code dave}), the single site's as {@code admin} (the
 * test bed's administrator's login and password) and {@code solo}.
 */
public final class NetworkBed implements Logins {
    private static NetworkBed instance;

    private final Map<String, String> env;
    private final JsonNode manifest;

    private NetworkBed(Map<String, String> env, JsonNode manifest) {
        this.env = env;
        this.manifest = manifest;
    }

    public static synchronized NetworkBed get() {
        if (instance == null) {
            instance = load();
        }
        return instance;
    }

    private static NetworkBed load() {
        String dir = System.getenv().getOrDefault("PRESSDAV_NETWORK_DIR", "/var/lib/pressdav-network");
        Path envFile = Path.of(dir, "network.env");
        if (!Files.isReadable(envFile)) {
            throw new IllegalStateException("No second WordPress: " + envFile + " is missing. Run 'scripts/network up' and"
                    + " 'scripts/network seed' first, or run the whole suite with 'scripts/test'.");
        }
        try {
            Map<String, String> env = TestBed.readEnv(envFile);
            String seed = env.get("NETWORK_SEED_MANIFEST");
            if (seed == null || !Files.isReadable(Path.of(seed))) {
                throw new IllegalStateException("The second WordPress is installed but not seeded: run 'scripts/network seed'.");
            }
            return new NetworkBed(env, new ObjectMapper().readTree(Path.of(seed).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String value(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalArgumentException("network.env has no " + key);
        }
        return value;
    }

    /** The network's address (its main site's), ending in a slash: what {@code --network} is given. */
    public HttpUrl networkUrl() {
        return HttpUrl.get(value("NET_URL") + "/");
    }

    /** A site's home, ending in a slash: the network's {@code main}, {@code two}, {@code three}, or {@code single}. */
    public HttpUrl siteUrl(String site) {
        String url = site.equals("single") ? value("SINGLE_URL") : value("NET_" + site.toUpperCase(Locale.ROOT) + "_URL");
        return HttpUrl.get(url + "/");
    }

    /** A user of the network: {@code netadmin}, {@code alice}, {@code bob}, {@code carol}, {@code dave}. */
    public Login networkUser(String user) {
        String key = "NET_" + user.toUpperCase(Locale.ROOT);
        return new Login(value(key + "_LOGIN"), value(key + "_APP_PASSWORD"));
    }

    /** A user of the single site: {@code admin} (the test bed's administrator's login and password too), {@code solo}. */
    public Login singleUser(String user) {
        String key = "SINGLE_" + user.toUpperCase(Locale.ROOT);
        return new Login(value(key + "_LOGIN"), value(key + "_APP_PASSWORD"));
    }

    @Override
    public String login(String role) {
        return userOf(role).name();
    }

    @Override
    public String applicationPassword(String role) {
        return userOf(role).password();
    }

    /** A role's login: a network user's, else the single site's. */
    private Login userOf(String role) {
        return env.containsKey("NET_" + role.toUpperCase(Locale.ROOT) + "_LOGIN") ? networkUser(role) : singleUser(role);
    }

    /** The network's sites the seed made a user a member of ({@code main two}); a super admin is all of them. */
    public List<String> membershipsOf(String user) {
        String sites = value("NET_" + user.toUpperCase(Locale.ROOT) + "_SITES").trim();
        return sites.isEmpty() ? List.of() : Arrays.asList(sites.split("\\s+"));
    }

    /** A seeded post's id on a site ({@code two}, or {@code single}): {@code first_post}, {@code second_post}, {@code draft}. */
    public long post(String site, String key) {
        JsonNode id = site.equals("single") ? manifest.at("/single/posts/" + key) : manifest.at("/network/posts/" + site + "/" + key);
        if (!id.canConvertToLong()) {
            throw new IllegalArgumentException("the seed made no " + key + " on " + site);
        }
        return id.asLong();
    }

    /** The media file the seed put on a network's site: {@code id}, {@code file}, {@code sha256} ... */
    public JsonNode media(String site) {
        JsonNode media = manifest.at("/network/media/" + site);
        if (media.isMissingNode()) {
            throw new IllegalArgumentException("the seed made no media file on " + site);
        }
        return media;
    }

    /** Runs {@code scripts/network} with these arguments, for example {@code stop single}. */
    public void script(String... args) {
        Scripts.run(Scripts.projectDir().resolve("scripts/network"), args);
    }
}
