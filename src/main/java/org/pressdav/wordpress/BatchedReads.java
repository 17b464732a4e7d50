package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * Many GETs in one request, through the companion plugin's {@code pressdav/v1/reads} (feature {@code reads}): a client
 * that walks into every post ({@code ls -R}, {@code find}) makes pressdav read each post and its revisions, one WordPress
 * bootstrap a read without it; with it, a hundred reads share one. The plugin makes each read inside WordPress as a GET by
 * the caller and answers, in the order asked, its status, its JSON body and its {@code X-WP-Total}. Only the reads answered
 * 200 are kept: any other is left for the single read to report. A batch whose answer is larger than pressdav reads
 * ({@code --max-wordpress-answer-mb}) is asked again in halves, down to one read, which is then left out; one that PHP
 * failed (500, as when a batch outgrows its {@code memory_limit}) once in halves, and no more where a half fails too.
 */
final class BatchedReads {
    static final String ROUTE = SiteIndex.COMPANION_NAMESPACE + "/reads";
    /** The most reads the plugin makes in one request. */
    static final int PER_REQUEST = 100;

    /** A read answered 200: its JSON body, and its {@code X-WP-Total} where the route sent one. */
    record Answer(JsonNode body, OptionalLong total) {
    }

    private final HttpUrl route;
    private final Function<List<String>, JsonNode> post;

    /** Reads through {@code post}, which sends the plugin's {@code route} {@code {"reads": [...]}} as the caller and answers its JSON. */
    BatchedReads(HttpUrl route, Function<List<String>, JsonNode> post) {
        this.route = route;
        this.post = post;
    }

    /** The answers of the reads WordPress answered 200, by the key of each read ({@code reads}: key to path), in their order. */
    <K> Map<K, Answer> read(Map<K, String> reads) {
        List<Map.Entry<K, String>> asked = new ArrayList<>(reads.entrySet());
        Map<K, Answer> answered = new LinkedHashMap<>();
        for (int from = 0; from < asked.size(); from += PER_REQUEST) {
            ask(asked.subList(from, Math.min(asked.size(), from + PER_REQUEST)), answered, false);
        }
        return answered;
    }

    /**
     * One request of these reads. Too large for pressdav, it is asked again in halves, down to one read left out; a 500 (PHP's
     * {@code memory_limit}: a hundred long posts) once in halves, and where a half fails so too, WordPress is failing, not
     * short of memory: that is the error, and no more is asked.
     */
    private <K> void ask(List<Map.Entry<K, String>> reads, Map<K, Answer> into, boolean halvedFor500) {
        JsonNode slots;
        try {
            slots = post.apply(reads.stream().map(Map.Entry::getValue).toList()).path("reads");
        } catch (WordPressException e) {
            boolean tooLarge = e.code().equals(WordPressException.TOO_LARGE);
            boolean phpFailed = e.status() == 500 && !halvedFor500 && reads.size() > 1;
            if (!tooLarge && !phpFailed) {
                throw e;
            }
            if (reads.size() > 1) {
                ask(reads.subList(0, reads.size() / 2), into, halvedFor500 || phpFailed);
                ask(reads.subList(reads.size() / 2, reads.size()), into, halvedFor500 || phpFailed);
            }
            return;
        }
        if (!slots.isArray() || slots.size() != reads.size()) {
            throw WordPressErrors.badResponse(route, slots.size() + " answers to " + reads.size() + " reads");
        }
        for (int i = 0; i < reads.size(); i++) {
            JsonNode slot = slots.get(i);
            if (slot.path("status").asInt() == 200) {
                JsonNode total = slot.path("total");
                into.put(reads.get(i).getKey(), new Answer(slot.path("body"),
                        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty()));
            }
        }
    }

    /** A read as the plugin takes it: the route below the REST root with a slash before it, and its query, encoded as in a URL. */
    static String path(String route, Map<String, String> query) {
        HttpUrl.Builder url = new HttpUrl.Builder().scheme("http").host("wordpress").addPathSegments(route);
        query.forEach(url::addQueryParameter);
        HttpUrl built = url.build();
        return built.encodedPath() + (built.encodedQuery() == null ? "" : "?" + built.encodedQuery());
    }
}
