package org.pressdav.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * What the drive serves: one site at the root ({@code --wordpress-url}) or sites under {@code sites/} ({@code --site},
 * {@code --network}), where pressdav reaches them, and what visitors without a login may read. Read in one place
 * because these settings rule each other out or change each other's meaning.
 */
record ServedSites(HttpUrl wordpressUrl, List<SiteAddress> sites, HttpUrl network, HttpUrl connectUrl, boolean anonymousRead,
        Set<String> anonymousSites) {

    static ServedSites of(Map<Setting, String> v) {
        String root = v.get(Setting.WORDPRESS_URL).strip();
        List<String> entries = list(v.get(Setting.SITE));
        String network = v.get(Setting.NETWORK).strip();
        boolean underSites = !entries.isEmpty() || !network.isEmpty();
        if (!root.isEmpty() && underSites) {
            throw new ConfigException("--wordpress-url serves one site at the drive's root, --site and --network serve sites under sites/:"
                    + " give one or the other, not both");
        }
        if (root.isEmpty() && !underSites) {
            throw new ConfigException("no WordPress to serve: give --wordpress-url URL, or --site NAME=URL / --network URL"
                    + " (or PRESSDAV_WORDPRESS_URL, PRESSDAV_SITE, PRESSDAV_NETWORK)");
        }
        HttpUrl connect = ConfigLoader.connectUrl(v.get(Setting.WORDPRESS_CONNECT_URL));
        String anonymous = v.get(Setting.ANONYMOUS_READ).strip();
        if (!underSites) {
            return new ServedSites(ConfigLoader.httpUrl(Setting.WORDPRESS_URL.flag(), root), List.of(), null, connect,
                    ConfigLoader.bool(Setting.ANONYMOUS_READ, v), Set.of());
        }
        if (!v.get(Setting.UPLOADS_DIR).isBlank()) {
            throw new ConfigException("--uploads-dir is one site's uploads folder: it needs --wordpress-url, not --site or --network");
        }
        if (connect != null && network.isEmpty()) {
            throw new ConfigException("--wordpress-connect-url needs --wordpress-url or --network: with --site, give each site's own as"
                    + " NAME=URL|CONNECT_URL");
        }
        List<SiteAddress> sites = sites(entries);
        HttpUrl networkUrl = network.isEmpty() ? null : ConfigLoader.httpUrl(Setting.NETWORK.flag(), network);
        Boolean everything = ConfigLoader.parseBool(anonymous);
        return new ServedSites(null, sites, networkUrl, connect, everything != null && everything,
                everything != null ? Set.of() : anonymousSites(anonymous, sites, networkUrl != null));
    }

    /** {@code NAME=URL} or {@code NAME=URL|CONNECT_URL}, each name once whatever its case. */
    private static List<SiteAddress> sites(List<String> entries) {
        Map<String, String> seen = new HashMap<>();
        List<SiteAddress> sites = new ArrayList<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new ConfigException("--site '" + entry + "' is not NAME=URL (or NAME=URL|CONNECT_URL)");
            }
            String name = entry.substring(0, eq);
            String other = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new ConfigException("--site names '" + name + "' twice" + (other.equals(name) ? "" : " (as '" + other + "')")
                        + ": each site needs a folder of its own under sites/");
            }
            checkName("--site", name);
            String[] urls = entry.substring(eq + 1).split("\\|", 2);
            sites.add(new SiteAddress(name, ConfigLoader.httpUrl("--site " + name, urls[0]),
                    urls.length > 1 ? ConfigLoader.httpUrl("--site " + name + "'s connect URL", urls[1]) : null));
        }
        return sites;
    }

    /**
     * The sites of {@code --anonymous-read a,b}: each a {@code --site} name, or with a network any valid name, since the
     * network's sites are only known once it is asked.
     */
    private static Set<String> anonymousSites(String raw, List<SiteAddress> sites, boolean network) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : list(raw)) {
            checkName("--anonymous-read", name);
            if (!network && sites.stream().noneMatch(site -> site.name().equals(name))) {
                throw new ConfigException("--anonymous-read names '" + name + "', which no --site is called (true, false, or --site names)");
            }
            names.add(name);
        }
        return names;
    }

    private static void checkName(String setting, String name) {
        if (!SiteAddress.validName(name)) {
            throw new ConfigException(setting + " '" + name + "' is not a site's name: " + SiteAddress.NAME_RULE);
        }
    }

    /** A list as the environment and the config file hold it: separated by spaces, commas or both. */
    private static List<String> list(String raw) {
        return raw.isBlank() ? List.of() : List.of(raw.strip().split("[\\s,]+"));
    }
}
