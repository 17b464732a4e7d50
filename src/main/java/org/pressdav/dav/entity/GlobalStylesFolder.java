package org.pressdav.dav.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.TextFile;
import org.pressdav.wordpress.GlobalStyles;
import org.pressdav.wordpress.WordPressException;

/**
 * {@code global-styles/<stylesheet>.json}: the user's global styles of the active theme (what the site editor's Styles
 * panel saves over the theme's {@code theme.json}), {@code {"settings": …, "styles": …}} as WordPress gives them in the
 * edit context, printed as meta objects are ({@link MetaType#OBJECT}). Shown only to those who may
 * {@code edit_theme_options}, as WordPress serves them; empty where the active theme has no global styles (a classic
 * theme without {@code theme.json}). A write sends the file's {@code settings} and {@code styles} (a key left out is
 * saved empty: the file is the whole of the user's styles); text that is not such a JSON object (each of the two an
 * object too) is a 422, and WordPress's refusal of a value too, with nothing changed.
 */
public final class GlobalStylesFolder extends Folder {
    /** Its name at the top of the drive. */
    public static final String NAME = "global-styles";
    /** Who may see and edit them: WordPress asks the same of every request to its global styles controller. */
    public static final String CAPABILITY = "edit_theme_options";

    private static final List<String> KEYS = List.of("settings", "styles");

    private final DavSession session;
    private final Instant seen;
    private final TextFile.Access access;

    public GlobalStylesFolder(DavSession session, Instant seen) {
        super(NAME, seen, seen);
        this.session = session;
        this.seen = seen;
        this.access = new TextFile.Access(NAME, () -> session.can(CAPABILITY), "Sorry, you are not allowed to edit this global style.");
    }

    @Override
    public String getUniqueId() {
        return NAME;
    }

    @Override
    public List<TextFile> getChildren() {
        GlobalStyles styles = session.wordpress().globalStyles(session.credentials());
        return styles == null ? List.of() : List.of(fileOf(styles));
    }

    private TextFile fileOf(GlobalStyles styles) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("settings", styles.settings());
        json.set("styles", styles.styles());
        String name = Names.safe(styles.stylesheet()) + ".json";
        return new TextFile(name, MetaType.OBJECT.render(json), seen, seen, text -> fileOf(save(styles, name, text)), access,
                Field.PARAGRAPH_BYTES);
    }

    /** The file's settings and styles saved; nothing is sent where the text is not an object of those two. */
    private GlobalStyles save(GlobalStyles styles, String name, String text) {
        JsonNode json = MetaType.OBJECT.parse(text, NAME + "/" + name);
        if (json.isNull()) {
            // An empty file would be the theme's styles alone: a client's truncating first write must not wipe the user's.
            throw new DavError.Unprocessable(NAME + "/" + name + " is empty, which is not JSON: nothing was changed (write {} to save none)");
        }
        if (!json.isObject()) {
            throw new DavError.Unprocessable(NAME + "/" + name + " must be a JSON object of settings and styles: nothing was changed");
        }
        List<String> unknown = new ArrayList<>();
        json.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new DavError.Unprocessable(NAME + "/" + name + " holds only settings and styles, not " + String.join(", ", unknown)
                    + ": nothing was changed");
        }
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        for (String key : KEYS) {
            JsonNode value = json.has(key) ? json.get(key) : JsonNodeFactory.instance.objectNode();
            // WordPress takes a list for an object (a PHP array) and keeps nothing of it: the styles would be wiped unasked.
            if (!value.isObject()) {
                throw new DavError.Unprocessable(NAME + "/" + name + ": " + key + " must be a JSON object: nothing was changed");
            }
            fields.put(key, value);
        }
        try {
            return session.wordpress().saveGlobalStyles(session.credentials(), styles, fields);
        } catch (WordPressException e) {
            if (e.refusesValue()) {
                throw new DavError.Unprocessable(e.getMessage());
            }
            throw e;
        }
    }
}
