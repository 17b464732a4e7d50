package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.NetworkSite;
import org.pressdav.wordpress.WordPressClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multisite network ({@code --network}): which of its sites a login has, as the companion plugin (active on the whole
 * network) tells: the sites the user is a member of, every site to a super admin, the public ones to a visitor. Asked
 * again after {@code --change-poll}, so a site added to the network, or a user added to a site, shows within a poll.
 * Only sites at the network's own address are taken (its host, or a subdomain of it), and each is reached at the
 * network's address: a URL the plugin names is never contacted, only sent as the Host of a request to the network.
 */
final class Network {
    private static final Logger log = LoggerFactory.getLogger(Network.class);

    private final HttpUrl url;
    private final Reachable<WordPressClient> main;
    private final Cache<String, List<Member>> sites;

    /** A site of the network as pressdav serves it: its folder's name and its home URL. */
    record Member(String name, HttpUrl url) {
    }

    /** {@code main} reaches the network's main site; a network that does not answer is asked again at most every {@link Reachable#RETRY}. */
    Network(HttpUrl url, Supplier<WordPressClient> main, Duration poll, Ticker ticker) {
        this.url = url;
        this.main = new Reachable<>("The network " + url, main::get, ticker);
        // Keyed by the login's hash, never its password: a login's list lives one poll.
        this.sites = Caffeine.newBuilder().expireAfterWrite(poll).maximumSize(10_000).ticker(ticker).build();
    }

    /** Logins checked by the network's main site (each of its sites' drives checks its own again, with that site's roles). */
    Authenticator.Login login() {
        return new Authenticator.Login() {
            @Override
            public DavSession check(Credentials credentials) {
                return new DavSession(main(), credentials, main().me(credentials));
            }

            @Override
            public DavSession anonymous() {
                return DavSession.anonymous(null);
            }
        };
    }

    /**
     * The network's main site, where logins are checked (application passwords are the network's); a network that
     * cannot be reached now is 503 with the reason.
     */
    WordPressClient main() {
        return main.get();
    }

    HttpUrl url() {
        return url;
    }

    /** The sites this login has on the network (a visitor: the public ones). */
    List<Member> sitesOf(Credentials credentials) {
        return sites.get(credentials.cacheKey(), key -> ask(credentials));
    }

    private List<Member> ask(Credentials credentials) {
        List<Member> members = new ArrayList<>();
        for (NetworkSite site : main().networkSites(credentials)) {
            HttpUrl home = HttpUrl.parse(site.url() == null ? "" : site.url());
            if (home == null || !belongs(home)) {
                log.warn("network: the site {} ({}) is not at the network's address {}: not served", site.id(), site.url(), url);
                continue;
            }
            members.add(new Member(SiteNames.of(home), SiteNames.canonical(home)));
        }
        return List.copyOf(members);
    }

    /** Whether a site's URL is the network's: same scheme and port, and its host or a subdomain of it. */
    boolean belongs(HttpUrl site) {
        String host = site.host().toLowerCase(Locale.ROOT);
        String own = url.host().toLowerCase(Locale.ROOT);
        return site.scheme().equals(url.scheme()) && site.port() == url.port() && (host.equals(own) || host.endsWith("." + own));
    }
}
