package org.pressdav.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import org.pressdav.dav.node.Reads;

/**
 * The real WordPress that {@code scripts/wordpress} started and seeded, as integration tests see
 * it: its URL, each seeded user's credentials, the seed manifest (ids) and the seed data (the
 * exact bytes that were written).
 */
public final class TestBed implements Logins {
    private static TestBed instance;

    private final Path projectDir;
    private final Map<String, String> env;
    private final JsonNode manifest;
    private final JsonNode seedData;

    private TestBed(Path projectDir, Map<String, String> env, JsonNode manifest, JsonNode seedData) {
        this.projectDir = projectDir;
        this.env = env;
        this.manifest = manifest;
        this.seedData = seedData;
    }

    public static synchronized TestBed get() {
        if (instance == null) {
            instance = load();
        }
        return instance;
    }

    private static TestBed load() {
        Path projectDir = Scripts.projectDir();
        String dir = System.getenv().getOrDefault("PRESSDAV_TESTBED_DIR", "/var/lib/pressdav-testbed");
        Path envFile = Path.of(dir, "test.env");
        if (!Files.isReadable(envFile)) {
            throw new IllegalStateException("No test bed: " + envFile + " is missing. Run 'scripts/wordpress up'"
                    + " and 'scripts/wordpress seed' first, or run the whole suite with 'scripts/test'.");
        }
        try {
            Map<String, String> env = readEnv(envFile);
            ObjectMapper json = new ObjectMapper();
            JsonNode manifest = json.readTree(Path.of(env.get("WP_SEED_MANIFEST")).toFile());
            if (!manifest.has("posts")) {
                throw new IllegalStateException("The test bed is installed but not seeded: run 'scripts/wordpress seed'.");
            }
            JsonNode seedData = json.readTree(projectDir.resolve("scripts/testbed/seed-data.json").toFile());
            return new TestBed(projectDir, env, manifest, seedData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the shell-quoted {@code KEY='value'} lines {@code scripts/wordpress} writes. */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String value = line.substring(eq + 1);
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1).replace("'\\''", "'");
                }
                env.put(line.substring(0, eq), value);
            }
        }
        return env;
    }

    public HttpUrl url() {
        return HttpUrl.get(env.get("WP_URL"));
    }

    /** A seeded user's login, by role: {@code admin}, {@code editor}, {@code author} (its login has a space: {@code ana author}), {@code subscriber}. */
    @Override
    public String login(String role) {
        String login = env.get("WP_" + role.toUpperCase(Locale.ROOT) + "_LOGIN");
        if (login == null) {
            throw new IllegalArgumentException("no seeded user " + role);
        }
        return login;
    }

    @Override
    public String applicationPassword(String role) {
        String password = env.get("WP_" + role.toUpperCase(Locale.ROOT) + "_APP_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("no seeded user " + role);
        }
        return password;
    }

    /** What the seed made: ids by key, for example {@code manifest().at("/posts/emoji/id")}. */
    public JsonNode manifest() {
        return manifest;
    }

    /** What the seed wrote: {@code scripts/testbed/seed-data.json}. */
    public JsonNode seedData() {
        return seedData;
    }

    public long id(String kind, String key) {
        JsonNode id = manifest.path(kind).path(key).path("id");
        if (!id.canConvertToLong()) {
            throw new IllegalArgumentException("the seed made no " + kind + " " + key);
        }
        return id.asLong();
    }

    /** WordPress's debug log (WP_DEBUG_LOG): every PHP notice and deprecation the test bed raised. */
    public Path debugLog() {
        return Path.of(System.getenv().getOrDefault("PRESSDAV_TESTBED_DIR", "/var/lib/pressdav-testbed"), "wp-debug.log");
    }

    public Path uploadsDir() {
        return Path.of(env.get("WP_UPLOADS_DIR"));
    }

    /** Runs {@code scripts/wordpress} with these arguments, for example {@code reset}. */
    public void script(String... args) {
        Scripts.run(projectDir.resolve("scripts/wordpress"), args);
    }
}
