package org.pressdav.server;

import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The folder name of a network's site under {@code sites/}: its host (and port, where it is not the scheme's) and its
 * path, made of what every client takes in a file name ({@code news.example.org-sport}, {@code 127.0.0.2-8089-two}).
 * Made from the address, never the title: a site renamed in WordPress keeps its folder.
 */
final class SiteNames {
    private SiteNames() {
    }

    static String of(HttpUrl site) {
        StringBuilder name = new StringBuilder(site.host().toLowerCase(Locale.ROOT));
        if (site.port() != HttpUrl.defaultPort(site.scheme())) {
            name.append('-').append(site.port());
        }
        for (String segment : site.pathSegments()) {
            if (!segment.isEmpty()) {
                name.append('-').append(segment.toLowerCase(Locale.ROOT));
            }
        }
        return name.toString().replaceAll("[^a-z0-9._-]", "-");
    }

    /** A site's URL as pressdav compares it: its path ends with a slash ({@code /two} and {@code /two/} are one site). */
    static HttpUrl canonical(HttpUrl site) {
        String path = site.encodedPath();
        return path.endsWith("/") ? site : site.newBuilder().encodedPath(path + "/").build();
    }
}
