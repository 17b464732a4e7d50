package org.pressdav.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Loads the settings in this order, each overriding the one before: defaults, the config file
 * ({@code --config FILE} or {@code PRESSDAV_CONFIG}), {@code PRESSDAV_*} environment variables,
 * command-line flags. Then checks them, with a message that names the setting at fault.
 */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    private ConfigLoader() {
    }

    public static PressdavConfig load(List<String> args, Map<String, String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.defaultValue() != null) {
                values.put(s, s.defaultValue());
            }
        }
        Map<Setting, String> flags = parseFlags(args);
        String configFile = flags.containsKey(null) ? flags.remove(null) : environment.get("PRESSDAV_CONFIG");
        if (configFile != null) {
            values.putAll(readFile(Path.of(configFile)));
        }
        for (Setting s : Setting.values()) {
            String value = environment.get(s.environmentVariable());
            if (value != null) {
                values.put(s, value);
            }
        }
        values.putAll(flags);
        if (values.get(Setting.INSTANCE_NAME).isBlank()) {
            values.put(Setting.INSTANCE_NAME, hostName(environment));
        }
        return validate(values);
    }

    /** Flags as settings; the {@code null} key carries {@code --config}. */
    private static Map<Setting, String> parseFlags(List<String> args) {
        Map<Setting, String> flags = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Setting setting = name.equals("--config") ? null : byFlag(name);
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(name + " needs a value");
                }
                value = args.get(++i);
            }
            if (setting != null && setting.repeatable() && flags.containsKey(setting)) {
                // One flag a site: together they are the list the environment variable would hold.
                value = flags.get(setting) + " " + value;
            }
            flags.put(setting, value);
        }
        return flags;
    }

    private static Setting byFlag(String flag) {
        for (Setting s : Setting.values()) {
            if (s.flag().equals(flag)) {
                return s;
            }
        }
        throw new ConfigException("unknown option " + flag + " (--help lists them)");
    }

    private static Map<Setting, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (String key : properties.stringPropertyNames()) {
            Setting setting = null;
            for (Setting s : Setting.values()) {
                if (s.key().equals(key)) {
                    setting = s;
                }
            }
            if (setting == null) {
                throw new ConfigException("the config file " + file + " has an unknown setting '" + key + "'");
            }
            values.put(setting, properties.getProperty(key).strip());
        }
        return values;
    }

    private static PressdavConfig validate(Map<Setting, String> v) {
        ServedSites served = ServedSites.of(v);
        int httpsPort = v.get(Setting.HTTPS_PORT).strip().equalsIgnoreCase("off") ? -1 : integer(Setting.HTTPS_PORT, v, 0, 65535);
        boolean plainHttp = bool(Setting.PLAIN_HTTP, v);
        boolean pem = !v.get(Setting.TLS_CERT).isBlank() || !v.get(Setting.TLS_KEY).isBlank();
        boolean keystore = !v.get(Setting.TLS_KEYSTORE).isBlank();
        if (httpsPort >= 0 && (pem == keystore || pem && (v.get(Setting.TLS_CERT).isBlank() || v.get(Setting.TLS_KEY).isBlank()))) {
            throw new ConfigException("--https-port needs --tls-cert and --tls-key (PEM), or --tls-keystore (PKCS#12), not both");
        }
        if (!plainHttp && httpsPort < 0) {
            throw new ConfigException("--plain-http false needs --https-port: pressdav would serve nothing");
        }
        return new PressdavConfig(
                served.wordpressUrl(),
                served.sites(),
                served.network(),
                served.anonymousSites(),
                served.connectUrl(),
                v.get(Setting.HOST),
                integer(Setting.PORT, v, 0, 65535),
                prefix(v.get(Setting.PATH_PREFIX)),
                httpsPort,
                file(v.get(Setting.TLS_CERT)),
                file(v.get(Setting.TLS_KEY)),
                file(v.get(Setting.TLS_KEYSTORE)),
                v.get(Setting.TLS_KEYSTORE_PASSWORD),
                plainHttp,
                Path.of(v.get(Setting.DATA_DIR)).toAbsolutePath().normalize(),
                uploadsDir(v.get(Setting.UPLOADS_DIR)),
                duration(Setting.CACHE_TTL, v),
                duration(Setting.FEED_CACHE_TTL, v),
                duration(Setting.CHANGE_POLL, v),
                duration(Setting.TYPES_REFRESH, v),
                duration(Setting.LOGIN_CACHE_TTL, v),
                served.anonymousRead(),
                bool(Setting.TRUST_FORWARDED_HEADERS, v),
                integer(Setting.SCRATCH_MAX_MB, v, 0, 1 << 20) * (1L << 20),
                integer(Setting.SCRATCH_TOTAL_MAX_MB, v, 0, 1 << 24) * (1L << 20),
                duration(Setting.SCRATCH_TTL, v),
                integer(Setting.MAX_UPLOAD_MB, v, 1, 1 << 24) * (1L << 20),
                integer(Setting.INCOMING_MAX_MB, v, 1, 1 << 24) * (1L << 20),
                integer(Setting.MAX_WORDPRESS_REQUESTS, v, 1, 256),
                duration(Setting.WORDPRESS_TIMEOUT, v),
                duration(Setting.WORDPRESS_KEEP_ALIVE, v),
                integer(Setting.MAX_WORDPRESS_ANSWER_MB, v, 1, 1 << 16) * (1L << 20),
                folderEntries(v),
                duration(Setting.IDLE_TIMEOUT, v),
                metricsPath(v.get(Setting.METRICS_PATH)),
                v.get(Setting.METRICS_TOKEN).strip(),
                redisUrl(v.get(Setting.REDIS_URL)),
                instanceName(v.get(Setting.INSTANCE_NAME)),
                logLevel(v.get(Setting.LOG_LEVEL)));
    }

    /** 0 (never split) or at least 100: a year's twelve months and a month's 31 days must fit on one shelf. */
    private static int folderEntries(Map<Setting, String> v) {
        int entries = integer(Setting.MAX_FOLDER_ENTRIES, v, 0, 1_000_000);
        if (entries > 0 && entries < 100) {
            throw new ConfigException(Setting.MAX_FOLDER_ENTRIES.flag() + " must be 0 (never split a folder) or at least 100, not " + entries);
        }
        return entries;
    }

    /** A redis:// or rediss:// URL (a password in it stays out of every log), or null for none: this instance alone. */
    static String redisUrl(String raw) {
        String url = raw.strip();
        if (url.isEmpty()) {
            return null;
        }
        if (!url.matches("rediss?://[^/?#\\s]+(/\\d+)?/?")) {
            throw new ConfigException("--redis-url must look like redis://host:6379 (or rediss://, redis://:password@host:6379/0)");
        }
        return url;
    }

    /** The instance's name: letters, digits, dots, dashes (it names a folder too). */
    static String instanceName(String raw) {
        String name = raw.strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ConfigException("--instance-name '" + name + "' may hold letters, digits, '.', '_' and '-' (at most 63, not starting with '.')");
        }
        return name;
    }

    /**
     * The host's name as the system keeps it ({@code HOSTNAME}, a container's; else {@code /etc/hostname}), made a
     * valid instance name; "pressdav" where there is none. Never asked of DNS, which can stall a start.
     */
    static String hostName(Map<String, String> environment) {
        String host = environment.getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException none) {
                host = "";
            }
        }
        host = host.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return host.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}") ? host : "pressdav";
    }

    /** An http:// or https:// URL, or null for none. */
    static HttpUrl connectUrl(String raw) {
        return raw.isBlank() ? null : httpUrl(Setting.WORDPRESS_CONNECT_URL.flag(), raw);
    }

    /** An http:// or https:// URL; {@code setting} names where it was given when it is not one. */
    static HttpUrl httpUrl(String setting, String raw) {
        HttpUrl url = HttpUrl.parse(raw.strip());
        if (url == null) {
            throw new ConfigException(setting + " '" + raw + "' is not an http:// or https:// URL");
        }
        return url;
    }

    /** A path like {@code /metrics}, outside the drive's own top folders and /health; null for off. */
    static String metricsPath(String raw) {
        String p = raw.strip();
        if (p.equalsIgnoreCase("off")) {
            return null;
        }
        if (!p.startsWith("/") || p.length() < 2 || p.startsWith("/health")) {
            throw new ConfigException("--metrics-path '" + raw + "' must be a path such as /metrics (not /health), or off");
        }
        return p;
    }

    /** A folder pressdav can read, or null for none. */
    static Path uploadsDir(String raw) {
        Path dir = file(raw);
        if (dir != null && !(java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isReadable(dir))) {
            throw new ConfigException("--uploads-dir '" + raw + "' is not a folder pressdav can read");
        }
        return dir;
    }

    private static Path file(String raw) {
        return raw.isBlank() ? null : Path.of(raw.strip()).toAbsolutePath().normalize();
    }

    /** {@code /}, or a path like {@code /dav} without a trailing slash. */
    static String prefix(String raw) {
        String p = raw.strip();
        if (!p.startsWith("/")) {
            throw new ConfigException("--path-prefix '" + raw + "' must start with /");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String segment : p.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new ConfigException("--path-prefix '" + raw + "' may not contain . or ..");
            }
        }
        return p;
    }

    static Duration duration(Setting s, Map<Setting, String> v) {
        Matcher m = DURATION.matcher(v.get(s).strip());
        if (!m.matches()) {
            throw new ConfigException(s.flag() + " '" + v.get(s) + "' is not a duration like 500ms, 30s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static int integer(Setting s, Map<Setting, String> v, int min, int max) {
        try {
            int n = Integer.parseInt(v.get(s).strip());
            if (n < min || n > max) {
                throw new ConfigException(s.flag() + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.flag() + " '" + v.get(s) + "' is not a whole number");
        }
    }

    static boolean bool(Setting s, Map<Setting, String> v) {
        Boolean value = parseBool(v.get(s));
        if (value == null) {
            throw new ConfigException(s.flag() + " '" + v.get(s) + "' is neither true nor false");
        }
        return value;
    }

    /** true, false, or null when {@code raw} is neither. */
    static Boolean parseBool(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> null;
        };
    }

    private static String logLevel(String raw) {
        String level = raw.strip().toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new ConfigException("--log-level '" + raw + "' is not one of " + LOG_LEVELS);
        }
        return level;
    }

    /** The {@code --help} text, from the same table the loader reads. */
    public static String help() {
        StringBuilder text = new StringBuilder("""
                pressdav: a WebDAV server that makes a WordPress site a network drive.

                usage: java -jar pressdav.jar --wordpress-url URL [options]
                       java -jar pressdav.jar --site NAME=URL [--site NAME=URL ...] [--network URL] [options]
                       java -jar pressdav.jar --network URL [options]

                With --wordpress-url the site's drive is at the root; with --site and --network each
                site's drive is at sites/<name>/.

                Each setting can also come from a config file (--config FILE, or PRESSDAV_CONFIG;
                see config/pressdav.properties) or an environment variable. Flags win over the
                environment, which wins over the file, which wins over the defaults.

                """);
        for (Setting s : Setting.values()) {
            text.append(String.format("  %-28s %s%n  %-28s env %s%s%n", s.flag() + " VALUE", s.description(), "",
                    s.environmentVariable(), s.defaultValue() == null ? ", required" : ", default " + s.defaultValue()));
        }
        text.append(String.format("  %-28s %s%n  %-28s %s%n", "--config FILE", "read settings from a properties file", "--help", "this text"));
        return text.toString();
    }
}
