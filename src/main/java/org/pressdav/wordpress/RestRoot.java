package org.pressdav.wordpress;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Where the site's REST API lives. A site with pretty permalinks answers at {@code /wp-json/};
 * every site answers at {@code /?rest_route=/}. The site says which in its {@code Link} header.
 */
public final class RestRoot {
    private static final Pattern API_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"https://api\\.w\\.org/\"");

    private final HttpUrl base;
    private final boolean queryStyle;

    private RestRoot(HttpUrl base, boolean queryStyle) {
        this.base = base;
        this.queryStyle = queryStyle;
    }

    /** A REST root at a known URL: either {@code .../wp-json/} or {@code ...?rest_route=/}. */
    public static RestRoot at(HttpUrl url) {
        if (url.queryParameter("rest_route") != null) {
            return new RestRoot(url.newBuilder().removeAllQueryParameters("rest_route").build(), true);
        }
        return new RestRoot(url, false);
    }

    /** Asks the site itself, as WordPress documents: the {@code Link: <...>; rel="https://api.w.org/"} header. */
    public static RestRoot discover(OkHttpClient http, HttpUrl site) {
        Request head = new Request.Builder().url(site).head().build();
        try (Response response = http.newCall(head).execute()) {
            for (String link : response.headers("Link")) {
                Matcher m = API_LINK.matcher(link);
                if (m.find()) {
                    HttpUrl api = HttpUrl.parse(m.group(1));
                    if (api != null) {
                        return at(api);
                    }
                }
            }
            HttpUrl slashed = slashed(site);
            if (slashed != null && response.isRedirect() && slashed.equals(site.resolve(response.header("Location", "")))) {
                // A site in a folder given without its slash (https://example.org/blog, as WordPress writes its address):
                // WordPress or the web server answers with that URL with the slash, which is asked instead. No other redirect
                // is followed: pressdav asks only the URLs it was given.
                return discover(http, slashed);
            }
            throw new WordPressException(502, WordPressException.BAD_RESPONSE,
                    site + " answered " + response.code() + " without announcing a WordPress REST API"
                            + " (no Link rel=\"https://api.w.org/\"): is this a WordPress site?");
        } catch (IOException e) {
            throw WordPressErrors.unreachable(site, e);
        }
    }

    /** The URL with a slash after its path, or null where it has one (or a query, which WordPress does not redirect so). */
    private static HttpUrl slashed(HttpUrl site) {
        if (site.encodedPath().endsWith("/") || site.query() != null) {
            return null;
        }
        return site.newBuilder().encodedPath(site.encodedPath() + "/").build();
    }

    public HttpUrl base() {
        return base;
    }

    /** The URL of a route such as {@code wp/v2/posts/12}. */
    HttpUrl.Builder route(String route) {
        if (queryStyle) {
            return base.newBuilder().setQueryParameter("rest_route", "/" + route);
        }
        return route.isEmpty() ? base.newBuilder() : base.newBuilder().addPathSegments(route);
    }

    @Override
    public String toString() {
        return queryStyle ? base + "?rest_route=/" : base.toString();
    }
}
