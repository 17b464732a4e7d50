package org.pressdav.wordpress;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Where pressdav reaches a site that knows itself by another name: WordPress keeps one configured
 * URL (its links, its REST index, its media URLs all name it), while pressdav connects to the same
 * server by an address of its own network, such as {@code http://wordpress/} on a Compose network.
 * Every request for the site's origin goes to that address instead; requests for other origins (a
 * CDN serving uploads) go where they name. They keep the site's own name in their {@code Host}
 * header, as a reverse proxy that preserves it would send them: WordPress sees the one URL it knows
 * (no canonical redirect to it, no links built from a header a client chose).
 */
final class WordPressAddress implements Interceptor {
    private final HttpUrl site;
    private final HttpUrl address;

    WordPressAddress(HttpUrl site, HttpUrl address) {
        this.site = site;
        this.address = address;
    }

    /** {@code url} with the site's origin replaced by the address's; any other URL as it is. */
    HttpUrl route(HttpUrl url) {
        if (!OkHttpWordPressClient.sameOrigin(url, site)) {
            return url;
        }
        return url.newBuilder().scheme(address.scheme()).host(address.host()).port(address.port()).build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl to = route(chain.request().url());
        if (to == chain.request().url()) {
            return chain.proceed(chain.request());
        }
        return chain.proceed(chain.request().newBuilder().url(to).header("Host", hostHeader(site)).build());
    }

    private static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
