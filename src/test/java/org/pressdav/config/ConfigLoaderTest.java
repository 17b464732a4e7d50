package org.pressdav.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @Test
    void defaultsApplyWhenOnlyTheUrlIsGiven() {
        PressdavConfig c = ConfigLoader.load(List.of("--wordpress-url", "https://blog.example.org/"), Map.of());
        assertEquals("https://blog.example.org/", c.wordpressUrl().toString());
        assertEquals(8080, c.port());
        assertEquals("/", c.pathPrefix());
        assertEquals(Duration.ofSeconds(30), c.cacheTtl());
        assertEquals(false, c.anonymousRead());
        assertEquals(null, c.wordpressConnectUrl());
    }

    @Test
    void aRedisMakesTheInstanceOneOfSeveralWithItsOwnName() {
        PressdavConfig alone = ConfigLoader.load(List.of("--wordpress-url", "http://x/"), Map.of());
        assertEquals(null, alone.redisUrl(), "no Redis unless one is given: the instance keeps its state itself");
        PressdavConfig shared = ConfigLoader.load(List.of("--wordpress-url", "http://x/", "--instance-name", "dav-2"),
                Map.of("PRESSDAV_REDIS_URL", "redis://:secret@redis:6379/1"));
        assertEquals("redis://:secret@redis:6379/1", shared.redisUrl());
        assertEquals("dav-2", shared.instanceName());
        assertEquals("dav-host-7", ConfigLoader.load(List.of("--wordpress-url", "http://x/"), Map.of("HOSTNAME", "dav-host-7")).instanceName(),
                "without a name, the host's");
    }

    @Test
    void theSiteCanBeReachedAtAnAddressOfItsOwn() {
        PressdavConfig c = ConfigLoader.load(List.of("--wordpress-url", "http://127.0.0.1:8000/"),
                Map.of("PRESSDAV_WORDPRESS_CONNECT_URL", "http://wordpress/"));
        assertEquals("http://wordpress/", c.wordpressConnectUrl().toString());
        assertEquals("http://127.0.0.1:8000/", c.wordpressUrl().toString());
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pressdav.properties");
        Files.writeString(file, "# a comment\nwordpress-url = https://from-file.example/\nport = 1111\ncache-ttl = 5m\nhost = 0.0.0.0\n");
        Map<String, String> env = Map.of("PRESSDAV_CONFIG", file.toString(), "PRESSDAV_PORT", "2222", "PRESSDAV_CACHE_TTL", "10s");
        PressdavConfig c = ConfigLoader.load(List.of("--port=3333"), env);
        assertEquals("https://from-file.example/", c.wordpressUrl().toString());
        assertEquals("0.0.0.0", c.host());
        assertEquals(3333, c.port());
        assertEquals(Duration.ofSeconds(10), c.cacheTtl());
    }

    @Test
    void theSampleConfigFileLoadsAsItIs() {
        Path sample = Path.of(System.getProperty("basedir", "."), "config", "pressdav.properties");
        PressdavConfig c = ConfigLoader.load(List.of("--config", sample.toString(), "--wordpress-url", "https://blog.example.org/"), Map.of());
        assertEquals(8080, c.port());
    }

    @Test
    void everyBadValueSaysWhichSettingIsWrong() {
        assertMessage("no WordPress to serve", List.of());
        assertMessage("--wordpress-url 'ftp:x' is not", List.of("--wordpress-url", "ftp:x"));
        assertMessage("--wordpress-connect-url 'wordpress' is not", List.of("--wordpress-url", "http://x/", "--wordpress-connect-url", "wordpress"));
        assertMessage("--port must be between", List.of("--wordpress-url", "http://x/", "--port", "70000"));
        assertMessage("--redis-url must look like redis://host:6379", List.of("--wordpress-url", "http://x/", "--redis-url", "http://redis:6379"));
        assertMessage("--instance-name '../a' may hold", List.of("--wordpress-url", "http://x/", "--instance-name", "../a"));
        assertMessage("--cache-ttl '3 weeks' is not a duration", List.of("--wordpress-url", "http://x/", "--cache-ttl", "3 weeks"));
        assertMessage("--anonymous-read 'maybe'", List.of("--wordpress-url", "http://x/", "--anonymous-read", "maybe"));
        assertMessage("--path-prefix 'dav' must start with /", List.of("--wordpress-url", "http://x/", "--path-prefix", "dav"));
        assertMessage("unknown option --colour", List.of("--colour", "red"));
        assertMessage("--port needs a value", List.of("--port"));
        assertMessage("--metrics-path '/health/metrics' must be a path", List.of("--wordpress-url", "http://x/", "--metrics-path", "/health/metrics"));
        assertMessage("--uploads-dir '/no/such/uploads' is not a folder", List.of("--wordpress-url", "http://x/", "--uploads-dir", "/no/such/uploads"));
    }

    @Test
    void aPrefixLosesItsTrailingSlash() {
        PressdavConfig c = ConfigLoader.load(List.of("--wordpress-url", "http://x/", "--path-prefix", "/dav/"), Map.of());
        assertEquals("/dav", c.pathPrefix());
    }

    @Test
    void helpListsEverySettingWithItsVariable() {
        String help = ConfigLoader.help();
        for (Setting s : Setting.values()) {
            assertTrue(help.contains(s.flag()) && help.contains(s.environmentVariable()), s.flag());
        }
    }

    private static void assertMessage(String start, List<String> args) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(args, Map.of()));
        assertTrue(e.getMessage().contains(start), e.getMessage());
    }
}
