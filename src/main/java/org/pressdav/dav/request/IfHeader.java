package org.pressdav.dav.request;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavPath;

/**
 * The {@code If} header (RFC 4918 §10.4): lists of conditions, each a lock token
 * ({@code <opaquelocktoken:…>}) or an ETag ({@code ["…"]}), possibly negated with {@code Not},
 * untagged or tagged with the resource they are about. The header holds when one list holds.
 */
public final class IfHeader {
    /** One condition: a state token or an ETag, negated or not. */
    public record Condition(boolean not, String token, String etag) {
    }

    /** One list, for {@code resource} (a path, or null: the request's own resource). */
    public record ConditionList(DavPath resource, List<Condition> conditions) {
    }

    private final List<ConditionList> lists;

    private IfHeader(List<ConditionList> lists) {
        this.lists = lists;
    }

    public List<ConditionList> lists() {
        return lists;
    }

    /** Every lock token the header names, positively: the tokens the client "submitted". */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (ConditionList list : lists) {
            for (Condition c : list.conditions()) {
                if (c.token() != null && !c.not()) {
                    tokens.add(c.token());
                }
            }
        }
        return tokens;
    }

    public static IfHeader none() {
        return new IfHeader(List.of());
    }

    /** Parses the header; {@code prefix} is where the drive starts in URLs, for tagged lists. */
    public static IfHeader parse(String header, DavPath prefix) {
        if (header == null || header.isBlank()) {
            return none();
        }
        List<ConditionList> lists = new ArrayList<>();
        DavPath tag = null;
        int i = 0;
        String h = header.strip();
        while (i < h.length()) {
            char c = h.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '<') {
                int end = h.indexOf('>', i);
                if (end < 0) {
                    throw bad(header);
                }
                tag = resource(h.substring(i + 1, end), prefix);
                i = end + 1;
            } else if (c == '(') {
                int end = h.indexOf(')', i);
                if (end < 0) {
                    throw bad(header);
                }
                lists.add(new ConditionList(tag, conditions(h.substring(i + 1, end), header)));
                i = end + 1;
            } else {
                throw bad(header);
            }
        }
        return new IfHeader(lists);
    }

    private static List<Condition> conditions(String list, String header) {
        List<Condition> conditions = new ArrayList<>();
        int i = 0;
        boolean not = false;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (list.regionMatches(true, i, "Not", 0, 3)) {
                not = true;
                i += 3;
            } else if (c == '<') {
                int end = list.indexOf('>', i);
                if (end < 0) {
                    throw bad(header);
                }
                conditions.add(new Condition(not, list.substring(i + 1, end).strip(), null));
                not = false;
                i = end + 1;
            } else if (c == '[') {
                int end = list.indexOf(']', i);
                if (end < 0) {
                    throw bad(header);
                }
                String etag = list.substring(i + 1, end).strip();
                // Some clients leave the quotes off an ETag here; pressdav's are always quoted.
                conditions.add(new Condition(not, null, etag.startsWith("\"") || etag.startsWith("W/") ? etag : "\"" + etag + "\""));
                not = false;
                i = end + 1;
            } else {
                throw bad(header);
            }
        }
        if (conditions.isEmpty()) {
            throw bad(header);
        }
        return conditions;
    }

    private static DavPath resource(String url, DavPath prefix) {
        try {
            String path = new URI(url.strip()).getRawPath();
            DavPath full = DavPath.parseEncoded(path == null ? "/" : path);
            return full.startsWith(prefix) ? full.relativeTo(prefix) : full;
        } catch (java.net.URISyntaxException e) {
            throw new DavError.BadRequest("The If header names a resource that is not a URL: " + url);
        }
    }

    private static DavError bad(String header) {
        return new DavError.BadRequest("The If header does not parse: " + header);
    }
}
