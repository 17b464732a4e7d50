package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Turns what went wrong talking to WordPress into one {@link WordPressException}. */
final class WordPressErrors {
    private static final int MAX_TEXT = 300;

    private WordPressErrors() {
    }

    /** WordPress answered with an error: keep its status, code and message. */
    static WordPressException fromResponse(Response response, JsonCodec json) {
        String body = bodyText(response);
        try {
            JsonNode error = json.tree(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (error != null && error.hasNonNull("code")) {
                return new WordPressException(response.code(), error.get("code").asText(),
                        error.path("message").asText("WordPress gave no message"));
            }
        } catch (IOException notJson) {
            // an error page from the web server or a PHP fatal error: fall through and quote it
        }
        return new WordPressException(response.code(), "http_" + response.code(),
                "WordPress answered " + response.code() + " " + response.message() + snippet(body));
    }

    static WordPressException unreachable(HttpUrl url, IOException e) {
        if (e instanceof InterruptedIOException) {
            return new WordPressException(504, WordPressException.TIMEOUT,
                    "WordPress did not answer in time (" + url.host() + ":" + url.port() + ")", e);
        }
        return new WordPressException(502, WordPressException.UNREACHABLE,
                "WordPress cannot be reached at " + url.host() + ":" + url.port() + ": " + e.getMessage(), e);
    }

    static WordPressException badResponse(HttpUrl url, String why) {
        return new WordPressException(502, WordPressException.BAD_RESPONSE,
                "WordPress sent something pressdav cannot read from " + url.encodedPath() + ": " + why);
    }

    /** An error body is a message: its first 64 KiB are read, never more (an error page may be any size). */
    private static String bodyText(Response response) {
        ResponseBody body = response.body();
        try {
            return new String(body.byteStream().readNBytes(64 << 10), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String snippet(String body) {
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
    }
}
