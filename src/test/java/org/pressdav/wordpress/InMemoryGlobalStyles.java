package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * The active block theme's user global styles as WordPress's global styles controller serves them, for the in-memory
 * double: one post, whose settings and styles a save replaces field by field. Everything asks for
 * {@code edit_theme_options} (401 to visitors, 403 to others, {@code rest_cannot_edit}); a scalar where an object is
 * due is 400 {@code rest_invalid_param}, as WordPress's schema answers, and a list is taken and saved empty, as
 * WordPress's {@code rest_is_object} and theme.json sanitising do.
 */
public final class InMemoryGlobalStyles {
    private final long id;
    private volatile GlobalStyles saved;

    InMemoryGlobalStyles(long id, String stylesheet) {
        this.id = id;
        this.saved = new GlobalStyles(id, stylesheet, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());
    }

    /** What WordPress holds now, as a test checks it. */
    public GlobalStyles saved() {
        return saved;
    }

    GlobalStyles read(InMemoryWordPress.Account who) {
        permitted(who);
        return saved;
    }

    synchronized GlobalStyles save(InMemoryWordPress.Account who, GlobalStyles styles, Map<String, ?> fields) {
        permitted(who);
        if (styles.id() != id) {
            throw new WordPressException(404, "rest_global_styles_not_found", "No global styles config exist with that id.");
        }
        JsonNode settings = field(fields, "settings", saved.settings());
        JsonNode newStyles = field(fields, "styles", saved.styles());
        saved = new GlobalStyles(id, saved.stylesheet(), settings, newStyles);
        return saved;
    }

    private static JsonNode field(Map<String, ?> fields, String name, JsonNode before) {
        if (!fields.containsKey(name)) {
            return before;
        }
        Object raw = fields.get(name);
        JsonNode value = raw instanceof JsonNode node ? node : new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(raw);
        // WordPress's schema takes any PHP array for an object, a list too, of which theme.json's sanitising keeps nothing.
        if (value.isArray()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): " + name);
        }
        return value.deepCopy();
    }

    private static void permitted(InMemoryWordPress.Account who) {
        if (!InMemoryWordPress.can(who, "edit_theme_options")) {
            throw InMemoryWordPress.forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this global style.");
        }
    }
}
