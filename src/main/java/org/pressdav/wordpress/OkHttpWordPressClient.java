package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpConnectionPoolMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.pressdav.Version;

/** {@link WordPressClient} over OkHttp: one connection pool, the caller's credentials on every call. */
public final class OkHttpWordPressClient implements WordPressClient {
    /** The header an upload names its drive path in, for the companion plugin. */
    private static final String MEDIA_PATH_HEADER = "X-Pressdav-Path";

    static final int PAGE_SIZE = 100;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The global styles controller's route, and the active theme's link to its user's styles (as REST compacts it). */
    private static final String GLOBAL_STYLES = "wp/v2/global-styles";
    private static final String USER_GLOBAL_STYLES = "wp:user-global-styles";

    private final OkHttpClient http;
    private final RestRoot root;
    private final JsonCodec json = new JsonCodec();
    private final VerifiedLogins logins;
    private final long maxAnswerBytes;

    private volatile CallObserver observer = CallObserver.NONE;
    private volatile LocalUploads uploads = LocalUploads.NONE;
    private final ChunkedRelay relay = new ChunkedRelay();
    private volatile boolean readsInBatches;

    /** What an asynchronous call was made for, captured on the thread that made it. */
    private record CallContext(Object value) {
    }

    OkHttpWordPressClient(OkHttpClient http, RestRoot root, ClientSettings settings, Ticker ticker) {
        // The same pool and dispatcher, every call observed (time, status, the DAV request it serves).
        this.http = http.newBuilder().addInterceptor(this::observed).build();
        this.root = root;
        this.logins = new VerifiedLogins(settings.loginCacheTtl(), ticker, this::askWhoAmI);
        this.maxAnswerBytes = settings.maxAnswerBytes();
    }

    /** A client for the WordPress at {@code site}, whose REST root it asks the site for. */
    public static OkHttpWordPressClient forSite(HttpUrl site, ClientSettings settings) {
        return forSite(site, null, settings);
    }

    /**
     * The same, connecting to {@code address} (when not null) for every request that names the site's
     * origin: see {@link WordPressAddress}.
     */
    public static OkHttpWordPressClient forSite(HttpUrl site, HttpUrl address, ClientSettings settings) {
        OkHttpClient http = httpClient(settings);
        if (address != null) {
            http = http.newBuilder().addInterceptor(new WordPressAddress(site, address)).build();
        }
        return new OkHttpWordPressClient(http, RestRoot.discover(http, site), settings, Ticker.systemTicker());
    }

    /** A client for a REST root already known, for example {@code https://example.org/wp-json/}. */
    public static OkHttpWordPressClient forRestRoot(RestRoot root, ClientSettings settings, Ticker ticker) {
        return new OkHttpWordPressClient(httpClient(settings), root, settings, ticker);
    }

    static OkHttpClient httpClient(ClientSettings settings) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrentRequests() * 4);
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentRequests());
        String userAgent = "pressdav/" + Version.current();
        return new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .connectionPool(new ConnectionPool(settings.maxConcurrentRequests(), settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                // A request sent on a pooled connection the server had closed is sent again on a new one;
                // upload bodies are files, read again from the start.
                .retryOnConnectionFailure(true)
                .dispatcher(dispatcher)
                .followRedirects(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()))
                .build();
    }

    /**
     * OkHttp's meters of the connections to WordPress: {@code okhttp_pool_connection_count_connections{state="active"|"idle"}}
     * (the time of each call is told to the {@link #observe observer}).
     */
    public MeterBinder connectionMeters() {
        return new OkHttpConnectionPoolMetrics(http.connectionPool(), List.of());
    }

    /** Who is told of every call from now on (the metrics). */
    public void observe(CallObserver observer) {
        this.observer = observer;
    }

    /**
     * Media files are read from {@code dir}, WordPress's uploads folder on a disk pressdav shares with
     * it, where it holds what the web server would send; from the web server otherwise.
     */
    public void readUploadsFrom(java.nio.file.Path dir) throws IOException {
        this.uploads = LocalUploads.at(dir);
    }

    /**
     * Uploads in chunks are kept in {@code open} while they are open, and a file sent again for the same place goes on
     * from the chunks WordPress holds (set before the drive serves: the plugin's status of an upload is needed).
     */
    public void resumeUploadsThrough(OpenUploads open) {
        relay.keepOpenUploadsIn(open);
    }

    /**
     * {@link #getEach} and {@link #revisionsOfEach} go through the companion plugin's batched reads ({@code reads}), a hundred
     * reads a request, instead of one request a read.
     */
    public void readInBatches() {
        readsInBatches = true;
    }

    /** Chunks of uploads sent to WordPress so far. */
    public long chunksSent() {
        return relay.chunksSent();
    }

    /** Chunks of uploads not sent because WordPress held them already, from an upload begun before (here or elsewhere). */
    public long chunksKept() {
        return relay.chunksKept();
    }

    private Response observed(okhttp3.Interceptor.Chain chain) throws IOException {
        CallObserver told = observer;
        CallContext tagged = chain.request().tag(CallContext.class);
        Object context = tagged != null ? tagged.value() : told.context();
        long started = System.nanoTime();
        int status = -1;
        try {
            Response response = chain.proceed(chain.request());
            status = response.code();
            return response;
        } finally {
            told.finished(context, status, System.nanoTime() - started);
        }
    }

    public RestRoot restRoot() {
        return root;
    }

    @Override
    public SiteIndex index(Credentials credentials) {
        return read(send(credentials, get(root.route(""))).body, SiteIndex.class);
    }

    @Override
    public User me(Credentials credentials) {
        return credentials.isAnonymous() ? askWhoAmI(credentials) : logins.verify(credentials);
    }

    private User askWhoAmI(Credentials credentials) {
        Request.Builder request = get(root.route("wp/v2/users/me").addQueryParameter("context", "edit"));
        return read(execute(withAuthorization(credentials, request).build()).body, User.class);
    }

    @Override
    public <T> Listing<T> list(Credentials credentials, Endpoint<T> endpoint, ListQuery query) {
        HttpUrl.Builder url = root.route(endpoint.route());
        firstPage(query).forEach(url::addQueryParameter);
        HttpUrl first = url.build();

        Answer firstPage = send(credentials, get(first.newBuilder()));
        int pages = firstPage.intHeader("X-WP-TotalPages", 1);
        List<CompletableFuture<Answer>> rest = new ArrayList<>();
        for (int page = 2; page <= pages; page++) {
            HttpUrl next = first.newBuilder().addQueryParameter("page", String.valueOf(page)).build();
            rest.add(sendAsync(withAuthorization(credentials, get(next.newBuilder())).build()));
        }
        List<T> items = new ArrayList<>();
        addItems(firstPage.body, endpoint.type(), items);
        for (CompletableFuture<Answer> page : rest) {
            addItems(join(page).body, endpoint.type(), items);
        }
        return new Listing<>(items, firstPage.intHeader("X-WP-Total", items.size()));
    }

    /** The query of a listing's first page (the others add {@code page}). */
    private static Map<String, String> firstPage(ListQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("per_page", String.valueOf(PAGE_SIZE));
        params.put("context", query.context().param());
        if (!query.fields().isEmpty()) {
            params.put("_fields", String.join(",", query.fields()));
        }
        if (!query.params().containsKey("orderby")) {
            // A stable order: pages fetched side by side must not shift under each other.
            params.put("orderby", "id");
            params.put("order", "asc");
        }
        params.putAll(query.params());
        return params;
    }

    @Override
    public <T> T get(Credentials credentials, Endpoint<T> endpoint, long id, Context context) {
        return read(getJson(credentials, endpoint, id, context), endpoint.type());
    }

    /** With the plugin's batched reads: a hundred objects a request, each as {@link #get} and {@link #getJson} read it alone. */
    @Override
    public <T> Map<Long, Read<T>> getEach(Credentials credentials, Endpoint<T> endpoint, Collection<Long> ids, Context context) {
        if (!readsInBatches) {
            return WordPressClient.super.getEach(credentials, endpoint, ids, context);
        }
        Map<Long, String> reads = new LinkedHashMap<>();
        ids.forEach(id -> reads.put(id, BatchedReads.path(endpoint.itemRoute(id), Map.of("context", context.param()))));
        Map<Long, Read<T>> found = new LinkedHashMap<>();
        batchedAs(credentials).read(reads).forEach((id, answer) -> found.put(id, new Read<>(read(answer.body(), endpoint.type()), answer.body())));
        return found;
    }

    /**
     * With the plugin's batched reads: the first page of each post's revisions, as {@link #revisions} asks it; a post with
     * more than that page holds is left out (its own {@link #revisions} reads every page).
     */
    @Override
    public Map<Long, List<Post>> revisionsOfEach(Credentials credentials, Endpoint<Post> endpoint, Collection<Long> ids) {
        if (!readsInBatches) {
            return WordPressClient.super.revisionsOfEach(credentials, endpoint, ids);
        }
        Map<Long, String> reads = new LinkedHashMap<>();
        ids.forEach(id -> reads.put(id, BatchedReads.path(Endpoint.revisionsOf(endpoint, id).route(), firstPage(ListQuery.revisions()))));
        Map<Long, List<Post>> found = new LinkedHashMap<>();
        batchedAs(credentials).read(reads).forEach((id, answer) -> {
            List<Post> revisions = new ArrayList<>();
            addItems(answer.body(), Post.class, revisions);
            if (answer.total().orElse(revisions.size()) <= revisions.size()) {
                found.put(id, revisions);
            }
        });
        return found;
    }

    private BatchedReads batchedAs(Credentials credentials) {
        HttpUrl.Builder route = root.route(BatchedReads.ROUTE);
        return new BatchedReads(route.build(), reads -> send(credentials, post(route, Map.of("reads", reads))).body);
    }

    @Override
    public JsonNode getJson(Credentials credentials, Endpoint<?> endpoint, long id, Context context) {
        return send(credentials, get(root.route(endpoint.itemRoute(id)).addQueryParameter("context", context.param()))).body;
    }

    @Override
    public JsonNode schema(Credentials credentials, Endpoint<?> endpoint) {
        return send(credentials, new Request.Builder().url(root.route(endpoint.route()).build()).method("OPTIONS", null)).body.path("schema");
    }

    @Override
    public <T> T create(Credentials credentials, Endpoint<T> endpoint, Map<String, ?> fields) {
        return read(send(credentials, post(root.route(endpoint.route()), fields)).body, endpoint.type());
    }

    @Override
    public <T> T update(Credentials credentials, Endpoint<T> endpoint, long id, Map<String, ?> fields) {
        return read(send(credentials, post(root.route(endpoint.itemRoute(id)), fields)).body, endpoint.type());
    }

    @Override
    public <T> T trash(Credentials credentials, Endpoint<T> endpoint, long id) {
        if (!endpoint.trashable()) {
            throw new IllegalArgumentException(endpoint.route() + " has no trash");
        }
        return deleteWithoutForce(credentials, endpoint, id);
    }

    @Override
    public Media trashMedia(Credentials credentials, long id) {
        return deleteWithoutForce(credentials, Endpoint.MEDIA, id);
    }

    /** A DELETE without {@code force}: to the trash, answered with the object as it is now. */
    private <T> T deleteWithoutForce(Credentials credentials, Endpoint<T> endpoint, long id) {
        HttpUrl url = root.route(endpoint.itemRoute(id)).addQueryParameter("context", "edit").build();
        return read(send(credentials, new Request.Builder().url(url).delete()).body, endpoint.type());
    }

    @Override
    public void delete(Credentials credentials, Endpoint<?> endpoint, long id) {
        HttpUrl url = root.route(endpoint.itemRoute(id)).addQueryParameter("force", "true").build();
        send(credentials, new Request.Builder().url(url).delete());
    }

    @Override
    public Template saveTemplate(Credentials credentials, Endpoint<Template> endpoint, String id, Map<String, ?> fields) {
        HttpUrl.Builder url = root.route(endpoint.itemRoute(id)).addQueryParameter("context", "edit");
        return read(send(credentials, post(url, fields)).body, Template.class);
    }

    @Override
    public void revertTemplate(Credentials credentials, Endpoint<Template> endpoint, String id) {
        HttpUrl url = root.route(endpoint.itemRoute(id)).addQueryParameter("force", "true").build();
        send(credentials, new Request.Builder().url(url).delete());
    }

    @Override
    public GlobalStyles globalStyles(Credentials credentials) {
        JsonNode active = send(credentials, get(root.route("wp/v2/themes").addQueryParameter("status", "active"))).body.path(0);
        JsonNode links = active.path("_links");
        JsonNode link = links.has(USER_GLOBAL_STYLES) ? links.path(USER_GLOBAL_STYLES) : links.path("https://api.w.org/user-global-styles");
        String href = link.path(0).path("href").asText("");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("global-styles/(\\d+)").matcher(href);
        if (!id.find()) {
            return null;
        }
        GlobalStyles saved = new GlobalStyles(Long.parseLong(id.group(1)), active.path("stylesheet").asText(), null, null);
        HttpUrl.Builder url = root.route(GLOBAL_STYLES + "/" + saved.id()).addQueryParameter("context", "edit");
        return globalStylesOf(saved, send(credentials, get(url)).body);
    }

    @Override
    public GlobalStyles saveGlobalStyles(Credentials credentials, GlobalStyles saved, Map<String, ?> fields) {
        HttpUrl.Builder url = root.route(GLOBAL_STYLES + "/" + saved.id()).addQueryParameter("context", "edit");
        return globalStylesOf(saved, send(credentials, post(url, fields)).body);
    }

    private static GlobalStyles globalStylesOf(GlobalStyles saved, JsonNode answer) {
        return new GlobalStyles(saved.id(), saved.stylesheet(), answer.path("settings"), answer.path("styles"));
    }

    @Override
    public Media upload(Credentials credentials, String fileName, String contentType, java.nio.file.Path file, String drivePath) {
        String safeName = fileName.replaceAll("[\"\\\\\\r\\n]", "_");
        Headers.Builder headers = new Headers.Builder()
                .addUnsafeNonAscii("Content-Disposition", "attachment; filename=\"" + safeName + "\"");
        if (drivePath != null) {
            // Percent-encoded: a header carries ASCII; the plugin decodes it.
            headers.add(MEDIA_PATH_HEADER, percentEncoded(drivePath));
        }
        Request.Builder request = new Request.Builder()
                .url(root.route(Endpoint.MEDIA.route()).build())
                .headers(headers.build())
                .post(new FileBody(MediaType.parse(contentType), file));
        return read(send(credentials, request).body, Media.class);
    }

    private static String percentEncoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public List<String> mediaFolders(Credentials credentials) {
        List<String> folders = new ArrayList<>();
        send(credentials, get(root.route(Companion.MEDIA_FOLDERS))).body.path("folders").forEach(path -> folders.add(path.asText()));
        return folders;
    }

    @Override
    public void makeMediaFolder(Credentials credentials, String path) {
        send(credentials, post(root.route(Companion.MEDIA_FOLDERS), Map.of("path", path)));
    }

    @Override
    public void moveMediaFolder(Credentials credentials, String from, String to) {
        send(credentials, post(root.route(Companion.MEDIA_FOLDERS + "/move"), Map.of("from", from, "to", to)));
    }

    @Override
    public void deleteMediaFolder(Credentials credentials, String path) {
        send(credentials, new Request.Builder().url(root.route(Companion.MEDIA_FOLDERS).addQueryParameter("path", path).build()).delete());
    }

    @Override
    public void moveMedia(Credentials credentials, long id, String path) {
        send(credentials, post(root.route(SiteIndex.COMPANION_NAMESPACE + "/media/" + id + "/move"), Map.of("path", path)));
    }

    @Override
    public long uploadInChunks(Credentials credentials, String fileName, java.nio.file.Path file, String drivePath, long replaces, long chunkBytes) {
        return relay.relay(callsAs(credentials), credentials, fileName, file, drivePath, replaces, chunkBytes);
    }

    /** The relay's calls, as {@code credentials}. */
    private ChunkedRelay.Calls callsAs(Credentials credentials) {
        return new ChunkedRelay.Calls() {
            @Override
            public JsonNode get(String route) {
                return send(credentials, OkHttpWordPressClient.get(root.route(route))).body;
            }

            @Override
            public JsonNode post(String route, Map<String, ?> fields) {
                return send(credentials, OkHttpWordPressClient.this.post(root.route(route), fields)).body;
            }

            @Override
            public JsonNode put(String route, RequestBody body) {
                return send(credentials, new Request.Builder().url(root.route(route).build()).put(body)).body;
            }

            @Override
            public JsonNode delete(String route) {
                return send(credentials, new Request.Builder().url(root.route(route).build()).delete()).body;
            }
        };
    }

    @Override
    public void replaceMedia(Credentials credentials, long id, String contentType, java.nio.file.Path file) {
        send(credentials, new Request.Builder().url(root.route(SiteIndex.COMPANION_NAMESPACE + "/media/" + id + "/file").build())
                .put(new FileBody(MediaType.parse(contentType), file)));
    }

    @Override
    public MediaContent download(Credentials credentials, Media media, String range) {
        MediaContent fromDisk = uploads.open(media, range);
        if (fromDisk != null) {
            return fromDisk;
        }
        HttpUrl url = HttpUrl.parse(media.sourceUrl());
        if (url == null) {
            throw WordPressErrors.badResponse(root.base(), "media " + media.id() + " has no usable source_url");
        }
        Request.Builder request = get(url.newBuilder());
        if (range != null) {
            request.header("Range", range);
        }
        // Credentials go only to WordPress's own host, never to a CDN that serves its uploads.
        if (sameOrigin(url, root.base())) {
            withAuthorization(credentials, request);
        }
        Response response;
        try {
            response = http.newCall(request.build()).execute();
        } catch (IOException e) {
            throw WordPressErrors.unreachable(url, e);
        }
        if (response.code() >= 400 && response.code() != 416) {
            try (response) {
                throw WordPressErrors.fromResponse(response, json);
            }
        }
        return new MediaContent(response);
    }

    @Override
    public List<NetworkSite> networkSites(Credentials credentials) {
        List<NetworkSite> sites = new ArrayList<>();
        for (JsonNode site : send(credentials, get(root.route(NetworkSite.ROUTE))).body.path("sites")) {
            sites.add(read(site, NetworkSite.class));
        }
        return sites;
    }

    @Override
    public Companion companion(Credentials credentials) {
        return read(send(credentials, get(root.route(SiteIndex.COMPANION_NAMESPACE + "/status"))).body, Companion.class);
    }

    @Override
    public <T> List<T> index(Credentials credentials, Endpoint<T> endpoint) {
        List<T> items = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpUrl.Builder url = root.route(SiteIndex.COMPANION_NAMESPACE + "/index").addQueryParameter("type", endpoint.objectType())
                    .addQueryParameter("after", String.valueOf(after)).addQueryParameter("limit", "5000");
            JsonNode page = send(credentials, get(url)).body;
            addItems(page.path("items"), endpoint.type(), items);
            JsonNode next = page.path("next");
            if (!next.canConvertToLong()) {
                return items;
            }
            after = next.asLong();
        }
    }

    @Override
    public Changes changes(Credentials credentials, long since, int limit) {
        HttpUrl.Builder url = root.route(SiteIndex.COMPANION_NAMESPACE + "/changes")
                .addQueryParameter("since", String.valueOf(since)).addQueryParameter("limit", String.valueOf(limit));
        return read(send(credentials, get(url)).body, Changes.class);
    }

    @Override
    public SiteTypes types(Credentials credentials) {
        if (!credentials.isAnonymous()) {
            try {
                return types(credentials, Context.EDIT);
            } catch (WordPressException e) {
                if (!e.deniesAccess()) {
                    throw e;
                }
                // A user who may edit no type at all is refused the edit context; they see every type as visitors do.
            }
        }
        return types(credentials, Context.VIEW);
    }

    private SiteTypes types(Credentials credentials, Context context) {
        JsonNode types = send(credentials, get(root.route("wp/v2/types").addQueryParameter("context", context.param()))).body;
        JsonNode taxonomies = send(credentials, get(root.route("wp/v2/taxonomies").addQueryParameter("context", context.param()))).body;
        return SiteTypes.read(types, taxonomies);
    }

    @Override
    public Settings settings(Credentials credentials) {
        return read(send(credentials, get(root.route("wp/v2/settings"))).body, Settings.class);
    }

    @Override
    public Settings updateSettings(Credentials credentials, Map<String, ?> fields) {
        return read(send(credentials, post(root.route("wp/v2/settings"), fields)).body, Settings.class);
    }

    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static Request.Builder get(HttpUrl.Builder url) {
        return new Request.Builder().url(url.build()).get();
    }

    private Request.Builder post(HttpUrl.Builder url, Map<String, ?> fields) {
        try {
            return new Request.Builder().url(url.build()).post(RequestBody.create(json.write(fields), JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException("fields cannot be written as JSON: " + fields.keySet(), e);
        }
    }

    /** Sends a request as a login that {@code users/me} has accepted. */
    private Answer send(Credentials credentials, Request.Builder request) {
        if (!credentials.isAnonymous()) {
            logins.verify(credentials);
        }
        return execute(withAuthorization(credentials, request).build());
    }

    private Request.Builder withAuthorization(Credentials credentials, Request.Builder request) {
        String authorization = credentials.authorizationHeader();
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private Answer execute(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return answer(response);
        } catch (IOException e) {
            throw WordPressErrors.unreachable(request.url(), e);
        }
    }

    private CompletableFuture<Answer> sendAsync(Request untagged) {
        // Sent from OkHttp's own threads: what it is made for is known only here.
        Request request = untagged.newBuilder().tag(CallContext.class, new CallContext(observer.context())).build();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(WordPressErrors.unreachable(request.url(), e));
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    result.complete(answer(response));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    private static Answer join(CompletableFuture<Answer> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Answer answer(Response response) {
        if (!response.isSuccessful()) {
            throw WordPressErrors.fromResponse(response, json);
        }
        long declared = response.body().contentLength();
        if (declared > maxAnswerBytes) {
            throw tooLarge(response.request().url());
        }
        try {
            JsonNode body = json.tree(new BoundedStream(response.body().byteStream(), maxAnswerBytes, () -> tooLarge(response.request().url())));
            if (body == null || body.isMissingNode()) {
                throw WordPressErrors.badResponse(response.request().url(), "an empty body");
            }
            return new Answer(body, response.headers());
        } catch (IOException e) {
            throw WordPressErrors.badResponse(response.request().url(), "not JSON (" + e.getMessage() + ")");
        }
    }

    private WordPressException tooLarge(HttpUrl url) {
        return new WordPressException(502, WordPressException.TOO_LARGE, "WordPress answered " + url.encodedPath()
                + " with more than " + maxAnswerBytes + " bytes, more than pressdav reads (--max-wordpress-answer-mb)");
    }

    private <T> void addItems(JsonNode page, Class<T> type, List<T> into) {
        if (!page.isArray()) {
            throw WordPressErrors.badResponse(root.base(), "a listing that is not a JSON array");
        }
        for (JsonNode item : page) {
            into.add(read(item, type));
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.read(node, type);
        } catch (IOException e) {
            throw WordPressErrors.badResponse(root.base(), "a " + type.getSimpleName() + " that does not parse: " + e.getMessage());
        }
    }

    /** A successful answer: its JSON and the headers that carry paging totals. */
    private record Answer(JsonNode body, Headers headers) {
        int intHeader(String name, int fallback) {
            String value = headers.get(name);
            try {
                return value == null ? fallback : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
