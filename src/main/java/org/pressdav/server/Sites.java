package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.pressdav.config.PressdavConfig;
import org.pressdav.config.SiteAddress;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.SitesFolder;
import org.pressdav.wordpress.Credentials;
import org.pressdav.wordpress.User;
import org.pressdav.wordpress.WordPressClient;
import org.pressdav.wordpress.WordPressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several sites in one drive: {@code sites/<name>/} is each site's drive as it is alone, and the root holds
 * {@code sites/} only. The sites are those of {@code --site} (each with its own logins: a user mounts one at
 * {@code sites/<name>/}, whose realm names it) and those of a {@code --network} (one login for all, each site shown to
 * its members). Which sites a login has is always asked of WordPress: the root lists the sites a login works on.
 */
final class Sites implements Mounts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sites.class);

    /** Opens the drive of one site: its name, its home URL, where it is reached (null: there), whether visitors may read it. */
    @FunctionalInterface
    interface Opener {
        SiteDrive open(String name, HttpUrl url, HttpUrl connectUrl, boolean anonymousRead) throws Exception;
    }

    private final PressdavConfig config;
    private final Opener opener;
    private final Ticker ticker;
    private final Map<String, SiteSlot> listed = new LinkedHashMap<>();
    private final java.util.Set<HttpUrl> listedUrls = new java.util.HashSet<>();
    private final ConcurrentMap<String, SiteSlot> networked = new ConcurrentHashMap<>();
    private final Network network;
    private final Authenticator networkLogin;
    private final Mount root;
    /** Where the listed sites' WordPresses are asked about a login at once (the root's listing). */
    private final ExecutorService askers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pressdav-sites-login");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * {@code root} makes the root's drive (only {@code sites/}) from the login check it is given and the sites a
     * session has; {@code network} and {@code networkLogin} are null without {@code --network}.
     */
    Sites(PressdavConfig config, Opener opener, Network network, Authenticator networkLogin, Ticker ticker,
            Function<Sites, Mount> root) {
        this.config = config;
        this.opener = opener;
        this.network = network;
        this.networkLogin = networkLogin;
        this.ticker = ticker;
        for (SiteAddress site : config.sites()) {
            listedUrls.add(site.url());
            listed.put(site.name(), new SiteSlot(site.name(), realm(site.name()),
                    () -> opener.open(site.name(), site.url(), site.connectUrl(), config.anonymousReadOf(site.name())), session -> true, ticker));
        }
        this.root = root.apply(this);
    }

    /** The realm a site's clients keep its password under; a network's sites share the network's. */
    private static String realm(String site) {
        return "pressdav: " + site;
    }

    /** Opens every listed site's drive now, so the first user does not wait; one that does not answer is tried again when used. */
    void openListed() {
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (SiteSlot slot : listed.values()) {
            opening.add(CompletableFuture.runAsync(() -> {
                try {
                    slot.mount();
                } catch (DavError e) {
                    // Logged by the slot; its folder answers 503 until it can be opened.
                }
            }, askers));
        }
        opening.forEach(CompletableFuture::join);
    }

    @Override
    public Mount of(DavPath path) {
        List<String> segments = path.segments();
        if (segments.size() < 2 || !segments.get(0).equals(SitesFolder.NAME)) {
            return root;
        }
        String name = segments.get(1);
        SiteSlot slot = slot(name);
        if (slot != null) {
            return slot.mount();
        }
        return network != null ? Mount.lookup(DavPath.ROOT.child(SitesFolder.NAME).child(name), networkLogin, networkRealm()) : root;
    }

    private SiteSlot slot(String name) {
        SiteSlot slot = listed.get(name);
        return slot != null ? slot : networked.get(name);
    }

    private String networkRealm() {
        return realm(SiteNames.of(network.url()));
    }

    @Override
    public void learn(DavSession session) {
        if (network != null) {
            members(session.credentials());
        }
    }

    /** The network's sites this login has, each one's slot made the first time it is seen. */
    private List<String> members(Credentials credentials) {
        List<String> names = new ArrayList<>();
        for (Network.Member member : network.sitesOf(credentials)) {
            if (listed.containsKey(member.name()) || listedUrls.contains(member.url())) {
                continue; // a site given by --site too is served as given there
            }
            networked.computeIfAbsent(member.name(), name -> new SiteSlot(name, networkRealm(),
                    () -> opener.open(name, member.url(), config.wordpressConnectUrl(), config.anonymousReadOf(name)),
                    session -> isMember(session, name), ticker));
            names.add(member.name());
        }
        return names;
    }

    /** Whether a network's site is there for this user: a member's (a super admin's: every site), or a public one visitors may read. */
    private boolean isMember(DavSession session, String name) {
        if (session.isAnonymous() && !config.anonymousReadOf(name)) {
            return false;
        }
        return network.sitesOf(session.credentials()).stream().anyMatch(member -> member.name().equals(name));
    }

    /**
     * The sites a login has, in the order they are listed (those of {@code --site} as configured, then the network's),
     * each with the user WordPress knows there. A visitor has the sites visitors may read. A site that cannot be
     * reached now is left out (its folder answers 503 to whoever opens it). Each site's WordPress is asked at once.
     */
    Map<String, DavSession> sessionsOf(Credentials credentials) {
        Map<String, CompletableFuture<DavSession>> asked = new LinkedHashMap<>();
        for (SiteSlot slot : listed.values()) {
            if (!credentials.isAnonymous() || config.anonymousReadOf(slot.name())) {
                asked.put(slot.name(), CompletableFuture.supplyAsync(() -> sessionOn(slot, credentials), askers));
            }
        }
        Map<String, DavSession> sessions = new LinkedHashMap<>();
        asked.forEach((name, session) -> {
            DavSession there = session.join();
            if (there != null) {
                sessions.put(name, there);
            }
        });
        DavSession member = networkSession(credentials);
        if (member != null) {
            try {
                for (String name : members(credentials)) {
                    if (!credentials.isAnonymous() || config.anonymousReadOf(name)) {
                        sessions.putIfAbsent(name, member);
                    }
                }
            } catch (DavError | WordPressException e) {
                log.warn("network {}: the sites of {} could not be read: {}", network.url(), credentials, e.getMessage());
            }
        }
        return sessions;
    }

    /** The session of this login on a listed site, or null where it has none (or the site cannot be reached now). */
    private static DavSession sessionOn(SiteSlot slot, Credentials credentials) {
        try {
            slot.mount();
            WordPressClient wordpress = slot.drive().wordpress();
            return new DavSession(wordpress, credentials, credentials.isAnonymous() ? null : wordpress.me(credentials));
        } catch (DavError e) {
            return null; // not served now: not listed
        } catch (WordPressException e) {
            if (e.status() != 400 && e.status() != 401 && e.status() != 403) {
                log.warn("site {}: the login of {} could not be checked: {}", slot.name(), credentials, e.getMessage());
            }
            return null;
        }
    }

    /**
     * The session of this login on the network (its main site checks it: application passwords are the network's),
     * or null where the network does not know it; a login the network knows is one whatever sites it is a member of.
     */
    DavSession networkSession(Credentials credentials) {
        if (network == null) {
            return null;
        }
        try {
            return credentials.isAnonymous() ? network.login().anonymous() : network.login().check(credentials);
        } catch (DavError e) {
            return null; // the network cannot be reached now: logged when it was tried
        } catch (WordPressException e) {
            if (e.status() != 400 && e.status() != 401 && e.status() != 403) {
                log.warn("network {}: the login of {} could not be checked: {}", network.url(), credentials, e.getMessage());
            }
            return null;
        }
    }

    /** The names of the sites a session has, for {@code sites/}. */
    List<String> namesOf(DavSession session) {
        return List.copyOf(sessionsOf(session.credentials()).keySet());
    }

    /** Each site's state, by name: null where it is served and its WordPress answers, else why not (readiness). */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        listed.values().forEach(slot -> problems.put(slot.name(), slot.problem()));
        if (network != null) {
            String main;
            try {
                network.main().index(Credentials.ANONYMOUS);
                main = null;
            } catch (RuntimeException e) { // DavError (not reached when first needed) or WordPressException (down since)
                main = e.getMessage();
            }
            problems.put(SiteNames.of(network.url()), main);
            networked.values().forEach(slot -> problems.putIfAbsent(slot.name(), slot.problem()));
        }
        return problems;
    }

    @Override
    public void close() {
        askers.shutdownNow();
        listed.values().forEach(SiteSlot::close);
        networked.values().forEach(SiteSlot::close);
    }
}
