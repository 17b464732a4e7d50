package org.pressdav.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
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
    void theSiteFlagMayBeRepeatedOneSiteEach() {
        PressdavConfig c = ConfigLoader.load(List.of("--site", "blog=https://blog.example.org/", "--site=shop=https://shop.example.org/",
                "--port", "1", "--port", "2"), Map.of());
        assertEquals(List.of(new SiteAddress("blog", HttpUrl.get("https://blog.example.org/"), null),
                new SiteAddress("shop", HttpUrl.get("https://shop.example.org/"), null)), c.sites());
        assertTrue(c.servesSites());
        assertEquals(null, c.wordpressUrl());
        assertEquals(null, c.network());
        assertEquals(2, c.port(), "any other flag given twice keeps its last value, as before");
    }

    @Test
    void theEnvironmentAndTheFileHoldTheSitesAsAList(@TempDir Path dir) throws Exception {
        PressdavConfig fromEnvironment = ConfigLoader.load(List.of(),
                Map.of("PRESSDAV_SITE", " blog=https://blog.example.org/,shop=https://shop.example.org/\n docs=http://docs.example.org/ "));
        assertEquals(List.of("blog", "shop", "docs"), fromEnvironment.sites().stream().map(SiteAddress::name).toList());
        Path file = dir.resolve("pressdav.properties");
        Files.writeString(file, "site = blog=https://blog.example.org/, \\\n  shop=https://shop.example.org/|http://shop/\n");
        PressdavConfig fromFile = ConfigLoader.load(List.of("--config", file.toString()), Map.of());
        assertEquals(List.of(new SiteAddress("blog", HttpUrl.get("https://blog.example.org/"), null),
                new SiteAddress("shop", HttpUrl.get("https://shop.example.org/"), HttpUrl.get("http://shop/"))), fromFile.sites());
        PressdavConfig flagsWin = ConfigLoader.load(List.of("--config", file.toString(), "--site", "docs=http://docs.example.org/"), Map.of());
        assertEquals(List.of("docs"), flagsWin.sites().stream().map(SiteAddress::name).toList(), "the flags' list replaces the file's");
    }

    @Test
    void aSiteMayBeReachedAtAnAddressOfItsOwn() {
        PressdavConfig c = ConfigLoader.load(List.of("--site", "blog=https://blog.example.org/|http://wordpress:8080/"), Map.of());
        SiteAddress blog = c.sites().get(0);
        assertEquals("https://blog.example.org/", blog.url().toString());
        assertEquals("http://wordpress:8080/", blog.connectUrl().toString());
        assertEquals(null, c.wordpressConnectUrl());
    }

    @Test
    void aNetworkAloneServesItsSitesReachedWhereTheConnectUrlSays() {
        PressdavConfig c = ConfigLoader.load(List.of("--network", "https://network.example.org/", "--wordpress-connect-url", "http://wordpress/"),
                Map.of());
        assertTrue(c.servesSites());
        assertEquals("https://network.example.org/", c.network().toString());
        assertEquals(List.of(), c.sites());
        assertEquals("http://wordpress/", c.wordpressConnectUrl().toString());
        PressdavConfig both = ConfigLoader.load(List.of("--network", "https://network.example.org/", "--site", "blog=https://blog.example.org/"),
                Map.of());
        assertEquals("https://network.example.org/", both.network().toString());
        assertEquals(1, both.sites().size());
    }

    @Test
    void anonymousReadingMayNameTheSitesItIsFor() {
        List<String> sites = List.of("--site", "blog=https://blog.example.org/", "--site", "shop=https://shop.example.org/");
        PressdavConfig some = ConfigLoader.load(concat(sites, "--anonymous-read", "blog"), Map.of());
        assertEquals(false, some.anonymousRead());
        assertEquals(Set.of("blog"), some.anonymousSites());
        assertTrue(some.anonymousReadOf("blog"));
        assertTrue(!some.anonymousReadOf("shop"));
        PressdavConfig all = ConfigLoader.load(concat(sites, "--anonymous-read", "true"), Map.of());
        assertTrue(all.anonymousRead() && all.anonymousReadOf("shop"));
        assertEquals(Set.of(), all.anonymousSites());
        PressdavConfig network = ConfigLoader.load(List.of("--network", "https://example.org/", "--anonymous-read", "example.org-two,example.org"),
                Map.of());
        assertEquals(Set.of("example.org-two", "example.org"), network.anonymousSites(), "a network's sites are taken as named");
        assertMessage("--anonymous-read names 'docs', which no --site is called", concat(sites, "--anonymous-read", "blog,docs"));
        assertMessage("--anonymous-read 'Blog' is not a site's name", concat(sites, "--anonymous-read", "Blog"));
        assertMessage("--anonymous-read 'blog' is neither true nor false", List.of("--wordpress-url", "http://x/", "--anonymous-read", "blog"));
    }

    @Test
    void siteNamesAreFolderNamesEveryClientKeepsApart() {
        for (String good : List.of("blog", "a", "example.org-two", "shop_2", "9", "x".repeat(63))) {
            assertEquals(good, ConfigLoader.load(List.of("--site", good + "=http://x/"), Map.of()).sites().get(0).name());
        }
        for (String bad : List.of("Blog", "-blog", ".hidden", "a/b", "a\\b", "a:b", "blog.", "nul", "com1.blog", "x".repeat(64), "")) {
            assertMessage("--site '" + bad + "' is not a site's name: lower-case letters", List.of("--site", bad + "=http://x/"));
        }
        assertMessage("--site names 'blog' twice", List.of("--site", "blog=http://a/", "--site", "blog=http://b/"));
        assertMessage("--site names 'Blog' twice (as 'blog')", List.of("--site", "blog=http://a/", "--site", "Blog=http://b/"));
        assertMessage("--site 'blog' is not NAME=URL", List.of("--site", "blog"));
        assertMessage("--site blog 'ftp:x' is not an http:// or https:// URL", List.of("--site", "blog=ftp:x"));
        assertMessage("--site blog's connect URL 'wordpress' is not", List.of("--site", "blog=http://x/|wordpress"));
        assertMessage("--network 'example.org' is not an http:// or https:// URL", List.of("--network", "example.org"));
    }

    @Test
    void oneSiteAtTheRootOrSitesUnderSitesNeverBoth() {
        assertMessage("give one or the other, not both", List.of("--wordpress-url", "http://x/", "--site", "blog=http://y/"));
        assertMessage("give one or the other, not both", List.of("--wordpress-url", "http://x/", "--network", "http://y/"));
        assertMessage("no WordPress to serve: give --wordpress-url URL, or --site NAME=URL / --network URL", List.of());
    }

    @Test
    void settingsOfOneSiteAloneAreRefusedWithSites(@TempDir Path uploads) {
        assertMessage("--uploads-dir is one site's uploads folder: it needs --wordpress-url",
                List.of("--site", "blog=http://x/", "--uploads-dir", uploads.toString()));
        assertMessage("--uploads-dir is one site's uploads folder", List.of("--network", "http://x/", "--uploads-dir", uploads.toString()));
        assertMessage("--wordpress-connect-url needs --wordpress-url or --network",
                List.of("--site", "blog=http://x/", "--wordpress-connect-url", "http://wordpress/"));
        assertEquals(uploads.toAbsolutePath().normalize(),
                ConfigLoader.load(List.of("--wordpress-url", "http://x/", "--uploads-dir", uploads.toString()), Map.of()).uploadsDir());
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
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
