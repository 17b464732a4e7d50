package org.pressdav.config;

import java.util.Locale;

/**
 * Every setting pressdav has, in one table: its flag ({@code --wordpress-url}), its environment
 * variable ({@code PRESSDAV_WORDPRESS_URL}), its config-file key ({@code wordpress-url}), its
 * default and what it means. {@link ConfigLoader} and {@code --help} both read this table.
 */
public enum Setting {
    WORDPRESS_URL("", "the WordPress site's home URL, for example https://blog.example.org/, whose drive is then at the root; give it, or --site and/or --network"),
    WORDPRESS_CONNECT_URL("", "where pressdav reaches that site (or --network's sites) when its own network names it otherwise, for example http://wordpress/ on a Compose network: requests for the site's URL go there (empty: the site's URL)"),
    SITE("", "a site served at sites/NAME/, as NAME=URL, or NAME=URL|CONNECT_URL where pressdav reaches it at another address; the flag once a site, the variable and file key a list separated by spaces or commas. NAME: lower-case letters, digits, '.', '-', '_'", true),
    NETWORK("", "a multisite network's main site URL: each of its sites is served at sites/<host and path>/"),
    HOST("127.0.0.1", "the address to listen on (0.0.0.0 for every interface)"),
    PORT("8080", "the port to listen on"),
    HTTPS_PORT("off", "the port for HTTPS (off: none; 0: any free port), with --tls-cert and --tls-key or --tls-keystore"),
    TLS_CERT("", "the server's certificate chain, PEM (for example fullchain.pem of an ACME client); read again when it changes"),
    TLS_KEY("", "its private key, PEM, unencrypted PKCS#8 (for example privkey.pem); read again when it changes"),
    TLS_KEYSTORE("", "instead of the PEM files: a PKCS#12 keystore holding the certificate and key"),
    TLS_KEYSTORE_PASSWORD("", "the PKCS#12 keystore's password"),
    PLAIN_HTTP("true", "serve plain HTTP on --port too (false: HTTPS only)"),
    PATH_PREFIX("/", "where the drive starts in the URL, for example /dav when a proxy serves it there"),
    DATA_DIR("./pressdav-data", "pressdav's own folder; it writes nowhere else"),
    UPLOADS_DIR("", "WordPress's uploads folder (wp-content/uploads) where pressdav shares WordPress's disk, read only: media files are read from it instead of through the web server; empty: never"),
    CACHE_TTL("30s", "how long listings and objects read from WordPress are reused (per user), without the companion plugin's change feed"),
    FEED_CACHE_TTL("1h", "the same with the change feed, which makes the cache forget what changes in WordPress"),
    CHANGE_POLL("2s", "how often the companion plugin's change feed is read"),
    TYPES_REFRESH("10m", "how often the site's post types and taxonomies are read again, to show those a plugin added or removed (also at each change of settings the change feed reports; 0s: only then and at start)"),
    LOGIN_CACHE_TTL("60s", "how long a login WordPress accepted is trusted before it is checked again"),
    ANONYMOUS_READ("false", "let visitors without a login read what WordPress shows the public (true, false, or with --site or --network the names of the sites they may read, separated by commas)"),
    TRUST_FORWARDED_HEADERS("false", "honour Forwarded / X-Forwarded-* headers (only behind your own reverse proxy)"),
    SCRATCH_MAX_MB("256", "how many MiB of temporary files (._*, .DS_Store, ~$*, *.swp, …) each user who may upload keeps on this server (others: 1 MiB)"),
    SCRATCH_TOTAL_MAX_MB("1024", "how many MiB of temporary files all users together may keep on this server (past that: 507)"),
    SCRATCH_TTL("24h", "how long a temporary file nobody touches is kept"),
    MAX_UPLOAD_MB("2048", "the largest file, in MiB, that may be copied into media/ (refused with 413 before it is read)"),
    INCOMING_MAX_MB("4096", "how many MiB of uploads may wait in data-dir/incoming at once (past that: 507)"),
    MAX_WORDPRESS_REQUESTS("16", "how many requests pressdav sends WordPress at once"),
    WORDPRESS_TIMEOUT("60s", "how long to wait for WordPress to answer"),
    WORDPRESS_KEEP_ALIVE("4s", "how long an idle connection to WordPress is kept: below its web server's keep-alive (Apache: 5s)"),
    MAX_WORDPRESS_ANSWER_MB("32", "the largest REST answer, in MiB, pressdav reads from WordPress (past that: 502)"),
    MAX_FOLDER_ENTRIES("800", "the most entries a folder of posts, pages, users, terms or comments lists: past that it is split into date (posts/2024/05/), letter (users/A/) or id-range folders, so that Windows' 1,000,000-byte PROPFIND limit is never reached (0: never split)"),
    IDLE_TIMEOUT("30s", "how long a client's connection may stay silent, also in the middle of a body, before it is closed"),
    METRICS_PATH("/metrics", "where Prometheus reads pressdav's metrics, outside the drive (off: nowhere)"),
    METRICS_TOKEN("", "a token the metrics need (Authorization: Bearer <token>); empty: none"),
    REDIS_URL("", "a Redis every instance serving this site shares (redis://host:6379, rediss:// with TLS, redis://:password@host:6379/0): locks, write turns, names, hidden and temporary files' accounting, login tries; empty: this instance alone, in memory and data-dir"),
    INSTANCE_NAME("", "this instance's name in metrics and logs when several serve one site (empty: the host's name)"),
    LOG_LEVEL("info", "how much to log: error, warn, info (a line a request), debug or trace");

    private final String defaultValue;
    private final String description;
    private final boolean repeatable;

    Setting(String defaultValue, String description) {
        this(defaultValue, description, false);
    }

    Setting(String defaultValue, String description, boolean repeatable) {
        this.defaultValue = defaultValue;
        this.description = description;
        this.repeatable = repeatable;
    }

    /** The name in a config file and, with two dashes, the flag: {@code wordpress-url}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String flag() {
        return "--" + key();
    }

    public String environmentVariable() {
        return "PRESSDAV_" + name();
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the flag may be given several times, each adding to a list (the environment variable and the file key
     * hold that list separated by spaces or commas); any other flag given twice keeps the last value.
     */
    public boolean repeatable() {
        return repeatable;
    }
}
