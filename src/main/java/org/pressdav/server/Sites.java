package org.pressdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.pressdav.config.PressdavConfig;
import org.pressdav.config.SiteAddress;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavErrors;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.SitesFolder;
import org.pressdav.wordpress.Credentials;
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
    interface SiteOpener {
        SiteDrive open(String name, HttpUrl url, HttpUrl connectUrl, boolean anonymousRead) throws Exception;
    }

    /**
     * What the sites said of a login: where it works (a session a site), the session of a login known but on no site
     * (a network's user who is a member of none), whether any site refused it, and the sites that could not be asked now.
     */
    record LoginAnswers(Map<String, DavSession> sessions, DavSession known, boolean refused, List<String> unanswered) {
        /** The session the root gives this login: its first site's, or the network's; null where no site knows it. */
        DavSession any() {
            return sessions.isEmpty() ? known : sessions.values().iterator().next();
        }
    }

    /** How long the root waits for one site's answer about a login, or for its state (readiness): a site slower than that is left out. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final PressdavConfig config;
    private final SiteOpener opener;
    private final Ticker ticker;
    private final Map<String, SiteSlot> listed = new LinkedHashMap<>();
    /** The listed sites by their URL: a network's site given by --site too is served once, as given there. */
    private final Map<HttpUrl, String> listedUrls = new HashMap<>();
    private final ConcurrentMap<String, SiteSlot> networked = new ConcurrentHashMap<>();
    private final Network network;
    private final Authenticator networkLogin;
    private final Mount root;
    /**
     * Where the sites' WordPresses are asked at once (about a login, for the root; their state, for readiness), and
     * listed sites opened at start: a bounded pool, so a crowd at the root cannot make a thread per site per request.
     */
    private final ExecutorService askers = Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "pressdav-sites");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * {@code root} makes the root's drive (only {@code sites/}) from the sites; {@code network} and {@code networkLogin}
     * are null without {@code --network}.
     */
    Sites(PressdavConfig config, SiteOpener opener, Network network, Authenticator networkLogin, Ticker ticker, Function<Sites, Mount> root) {
        this.config = config;
        this.opener = opener;
        this.network = network;
        this.networkLogin = networkLogin;
        this.ticker = ticker;
        for (SiteAddress site : config.sites()) {
            HttpUrl url = SiteNames.canonical(site.url());
            listedUrls.put(url, site.name());
            // A site of the network given by --site too (at the network's address, and saying it is a network's) is there
            // for the network's members only, as on the network; a site of its own beside it, for its own users.
            Function<SiteDrive, Predicate<DavSession>> admits = drive -> network != null && network.belongs(url) && drive.ofNetwork()
                    ? session -> isMember(session, SiteNames.of(url), site.name()) : session -> true;
            listed.put(site.name(), new SiteSlot(site.name(), url, realm(site.name()),
                    () -> opener.open(site.name(), url, site.connectUrl(), config.anonymousReadOf(site.name())), admits, ticker));
        }
        this.root = root.apply(this);
    }

    /** The realm a site's clients keep its password under; a network's sites share the network's. */
    private static String realm(String site) {
        return "pressdav: " + site;
    }

    private String networkRealm() {
        return realm(SiteNames.of(network.url()));
    }

    /** Opens every listed site's drive, all at once and in the background: the first user does not wait, and a slow site holds up none. */
    void openListed() {
        for (SiteSlot slot : listed.values()) {
            askers.execute(() -> {
                try {
                    slot.mount();
                } catch (DavError e) {
                    // Logged; its folder answers 503 until it can be opened.
                }
            });
        }
    }

    @Override
    public Mount of(DavPath path) {
        List<String> segments = path.segments();
        if (segments.size() < 2 || !segments.get(0).equals(SitesFolder.NAME)) {
            return root;
        }
        String name = segments.get(1);
        SiteSlot slot = listed.containsKey(name) ? listed.get(name) : networked.get(name);
        if (slot != null) {
            return slot.mount();
        }
        return network != null ? Mount.lookup(DavPath.ROOT.child(SitesFolder.NAME).child(name), networkLogin, networkRealm()) : root;
    }

    @Override
    public void learn(DavSession session) {
        if (network != null) {
            members(session.credentials());
        }
    }

    /**
     * The names of the network's sites this login has, each one's slot made the first time it is seen. Every site of
     * the network is reached at the network's own address (--wordpress-connect-url, else --network's): a URL the
     * plugin names is only ever sent as the Host of a request to it.
     */
    private List<String> members(Credentials credentials) {
        List<String> names = new ArrayList<>();
        HttpUrl address = config.wordpressConnectUrl() != null ? config.wordpressConnectUrl() : network.url();
        for (Network.Member member : network.sitesOf(credentials)) {
            String listedAs = listedUrls.get(member.url());
            if (listedAs != null) {
                names.add(listedAs);
                continue;
            }
            if (listed.containsKey(member.name())) {
                log.warn("network {}: its site {} is not served: --site names another site {}", network.url(), member.url(), member.name());
                continue;
            }
            SiteSlot slot = networked.computeIfAbsent(member.name(), name -> new SiteSlot(name, member.url(), networkRealm(),
                    () -> opener.open(name, member.url(), address, config.anonymousReadOf(name)), drive -> session -> isMember(session, name, name),
                    ticker));
            if (!slot.url().equals(member.url())) {
                log.warn("network {}: its sites {} and {} would have one name {}: only the first is served", network.url(), slot.url(),
                        member.url(), member.name());
                continue;
            }
            names.add(member.name());
        }
        return names;
    }

    /**
     * Whether a network's site is there for this user: a member's (a super admin's: every site), or a public one
     * visitors may read. {@code networkName} is its name as the network's ({@link SiteNames}), {@code servedAs} the
     * folder it is served as (a --site name where it was given so), which --anonymous-read names.
     */
    private boolean isMember(DavSession session, String networkName, String servedAs) {
        if (session.isAnonymous() && !config.anonymousReadOf(servedAs)) {
            return false;
        }
        return network.sitesOf(session.credentials()).stream().anyMatch(member -> member.name().equals(networkName));
    }

    /**
     * The sites a login has, in the order they are listed (those of {@code --site} as configured, then the network's),
     * each with the user WordPress knows there. A visitor has the sites visitors may read. A site that cannot be asked
     * now (down, or being reached by another request) is left out and named among the unanswered. Each site's
     * WordPress is asked at once.
     */
    LoginAnswers loginsOf(Credentials credentials) {
        Map<String, CompletableFuture<Answer>> asked = new LinkedHashMap<>();
        for (SiteSlot slot : listed.values()) {
            if (!credentials.isAnonymous() || config.anonymousReadOf(slot.name())) {
                asked.put(slot.name(), CompletableFuture.supplyAsync(() -> answerOf(slot, credentials), askers)
                        .completeOnTimeout(Answer.UNANSWERED, PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        Answers answers = new Answers();
        asked.forEach((name, answer) -> answers.add(name, answer.join()));
        DavSession known = network == null ? null : networkLogins(credentials, answers);
        return new LoginAnswers(answers.sessions, known, answers.refused, answers.unanswered);
    }

    /** One site's answer about a login: its session there, or none (refused), or unanswered. */
    private record Answer(DavSession session, boolean answered) {
        static final Answer REFUSED = new Answer(null, true);
        static final Answer UNANSWERED = new Answer(null, false);
    }

    /** The answers of every site, gathered. */
    private static final class Answers {
        final Map<String, DavSession> sessions = new LinkedHashMap<>();
        final List<String> unanswered = new ArrayList<>();
        boolean refused;

        void add(String name, Answer answer) {
            if (answer.session() != null) {
                sessions.putIfAbsent(name, answer.session());
            } else if (answer.answered()) {
                refused = true;
            } else {
                unanswered.add(name);
            }
        }
    }

    private static Answer answerOf(SiteSlot slot, Credentials credentials) {
        SiteDrive drive = slot.driveIfReady();
        if (drive == null) {
            return Answer.UNANSWERED;
        }
        WordPressClient wordpress = drive.wordpress();
        try {
            return new Answer(new DavSession(wordpress, credentials, credentials.isAnonymous() ? null : wordpress.me(credentials)), true);
        } catch (WordPressException e) {
            return refusedOrUnanswered(slot.name(), credentials, e);
        }
    }

    private static Answer refusedOrUnanswered(String site, Credentials credentials, WordPressException e) {
        if (DavErrors.loginRefused(e) instanceof DavError.Unauthorized) {
            return Answer.REFUSED;
        }
        log.warn("{}: the login of {} could not be checked: {}", site, credentials, e.getMessage());
        return Answer.UNANSWERED;
    }

    /**
     * Adds the network's sites of this login, each with the login's session on the network, which it returns (null
     * where the network does not know the login, or cannot be asked now).
     */
    private DavSession networkLogins(Credentials credentials, Answers answers) {
        String name = SiteNames.of(network.url());
        try {
            DavSession known = credentials.isAnonymous() ? network.login().anonymous() : network.login().check(credentials);
            for (String site : members(credentials)) {
                if (!credentials.isAnonymous() || config.anonymousReadOf(site)) {
                    answers.add(site, new Answer(known, true));
                }
            }
            return credentials.isAnonymous() ? null : known;
        } catch (DavError e) {
            answers.add(name, Answer.UNANSWERED);
        } catch (WordPressException e) {
            answers.add(name, refusedOrUnanswered(name, credentials, e));
        }
        return null;
    }

    /** The names of the sites a session has, for {@code sites/}. */
    List<String> namesOf(DavSession session) {
        return List.copyOf(loginsOf(session.credentials()).sessions().keySet());
    }

    /**
     * Each site's state, by name: null where it is served and its WordPress answers, else why not (readiness). Every
     * site is asked at once, and one that does not answer within {@link #PATIENCE} is reported so.
     */
    Map<String, String> problems() {
        Map<String, CompletableFuture<Optional<String>>> asked = new LinkedHashMap<>();
        listed.values().stream().filter(SiteSlot::isOpened).forEach(slot -> asked.put(slot.name(), ask(slot::problem)));
        if (network != null) {
            asked.put(SiteNames.of(network.url()), ask(() -> {
                try {
                    network.main().index(Credentials.ANONYMOUS);
                    return null;
                } catch (RuntimeException e) { // DavError (not reached when first needed) or WordPressException (down since)
                    return e.getMessage();
                }
            }));
            networked.values().stream().filter(SiteSlot::isOpened).forEach(slot -> asked.putIfAbsent(slot.name(), ask(slot::problem)));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        asked.forEach((name, problem) -> problems.put(name, problem.join().orElse(null)));
        return problems;
    }

    private CompletableFuture<Optional<String>> ask(Supplier<String> problem) {
        return CompletableFuture.supplyAsync(() -> Optional.ofNullable(problem.get()), askers)
                .completeOnTimeout(Optional.of("did not answer within " + PATIENCE.toSeconds() + " s"), PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        askers.shutdownNow();
        listed.values().forEach(SiteSlot::close);
        networked.values().forEach(SiteSlot::close);
    }
}
