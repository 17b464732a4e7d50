package org.pressdav.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The test bed's second WordPress that {@code scripts/network} started and seeded: a multisite network (sites
 * {@code main}, {@code two}, {@code three}) and one single site, as integration tests see them through its
 * {@code network.env} and {@code seed.json}.
 *
 * <p>Its users by role: the network's by their names ({@code netadmin}, {@code alice}, {@code bob}, {@code carol},
 * {@code dave}), the single site's as {@code admin} (the test bed's administrator's login and password) and {@code solo}.
 */
public final class NetworkBed implements Logins {
    private static NetworkBed instance;

    private final Map<String, String> env;
    private final JsonNode seed;

    private NetworkBed(Map<String, String> env, JsonNode seed) {
        this.env = env;
        this.seed = seed;
    }

    public static synchronized NetworkBed get() {
        if (instance == null) {
            Path envFile = Path.of(System.getenv().getOrDefault("PRESSDAV_NETWORK_DIR", "/var/lib/pressdav-network"), "network.env");
            if (!Files.isReadable(envFile)) {
                throw new IllegalStateException("No second WordPress: " + envFile + " is missing. Run 'scripts/network up' and 'scripts/network seed'.");
            }
            try {
                Map<String, String> env = TestBed.readEnv(envFile);
                instance = new NetworkBed(env, new ObjectMapper().readTree(Path.of(env.get("NETWORK_SEED_MANIFEST")).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The network's URL: its main site's, for {@code --network}. */
    public HttpUrl networkUrl() {
        return HttpUrl.get(value("NET_URL"));
    }

    /** A site's home URL as WordPress writes it (no trailing slash): the network's {@code main}, {@code two}, {@code three}, or {@code single}. */
    public HttpUrl siteUrl(String site) {
        return HttpUrl.get(value(site.equals("single") ? "SINGLE_URL" : "NET_" + site.toUpperCase(Locale.ROOT) + "_URL"));
    }

    /** The id of a seeded post ({@code first_post}, {@code second_post}, {@code draft}) on a site, as {@link #siteUrl} names it. */
    public long postId(String site, String key) {
        JsonNode posts = site.equals("single") ? seed.at("/single/posts") : seed.at("/network/posts/" + site);
        JsonNode id = posts.path(key);
        if (!id.canConvertToLong()) {
            throw new IllegalArgumentException("the seed made no post " + key + " on " + site);
        }
        return id.asLong();
    }

    @Override
    public String login(String role) {
        return value(prefix(role) + "_LOGIN");
    }

    @Override
    public String applicationPassword(String role) {
        return value(prefix(role) + "_APP_PASSWORD");
    }

    /** A role's keys in network.env: a network user's, else the single site's. */
    private String prefix(String role) {
        String upper = role.toUpperCase(Locale.ROOT);
        return env.containsKey("NET_" + upper + "_LOGIN") ? "NET_" + upper : "SINGLE_" + upper;
    }

    private String value(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalArgumentException("network.env has no " + key);
        }
        return value;
    }

    /** Runs {@code scripts/network} with these arguments, for example {@code reset}. */
    public void script(String... args) {
        TestBed.runScript(TestBed.projectDir().resolve("scripts/network"), args);
    }
}
