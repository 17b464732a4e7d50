package org.pressdav.dav.entity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.TextFile;
import org.pressdav.wordpress.Settings;
import org.pressdav.wordpress.SiteIndex;
import org.pressdav.wordpress.WordPressException;

/** {@code site/}: the site's name, tagline and address; {@code site.json} has all REST says of it. */
public final class SiteFolder extends Folder {
    /** Its name at the top of the drive. */
    public static final String NAME = "site";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DavSession session;
    private final Instant seen;
    private final TextFile.Access access;

    public SiteFolder(DavSession session, Instant seen) {
        super(NAME, seen, seen);
        this.session = session;
        this.seen = seen;
        this.access = new TextFile.Access("site", () -> session.can("manage_options"), "Sorry, you are not allowed to do that.");
    }

    @Override
    public String getUniqueId() {
        return "site";
    }

    @Override
    public List<TextFile> getChildren() {
        SiteIndex index = session.wordpress().index(session.credentials());
        List<TextFile> files = new ArrayList<>();
        files.add(setting("name.txt", index.name(), "title", Field.LINE_BYTES));
        files.add(setting("description.txt", index.description(), "description", Field.PARAGRAPH_BYTES));
        files.add(file("url.txt", index.home() != null ? index.home() : index.url()));
        files.add(file("site.json", siteJson(index)));
        return files;
    }

    private String siteJson(SiteIndex index) {
        ObjectNode json = JSON.createObjectNode();
        json.set("index", JSON.valueToTree(index));
        Settings settings = settingsIfAllowed();
        if (settings != null) {
            json.set("settings", JSON.valueToTree(settings));
        }
        return json.toPrettyString();
    }

    /** Only administrators may read the settings; everyone else gets the public index alone. */
    private Settings settingsIfAllowed() {
        if (!session.can("manage_options")) {
            return null;
        }
        try {
            return session.wordpress().settings(session.credentials());
        } catch (WordPressException e) {
            if (e.deniesAccess()) {
                return null;
            }
            throw e;
        }
    }

    /** A file whose writes change a site setting (administrators only: WordPress says no to others). */
    private TextFile setting(String name, String value, String setting, int maxBytes) {
        return new TextFile(name, value == null ? "" : value, seen, seen, text -> {
            Settings now = session.wordpress().updateSettings(session.credentials(), java.util.Map.of(setting, text));
            return setting(name, "title".equals(setting) ? now.title() : now.description(), setting, maxBytes);
        }, access, maxBytes);
    }

    private TextFile file(String name, String value) {
        return new TextFile(name, value == null ? "" : value, seen, seen);
    }
}
