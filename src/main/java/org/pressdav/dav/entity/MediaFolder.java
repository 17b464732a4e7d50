package org.pressdav.dav.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.Node;
import org.pressdav.wordpress.Media;

/**
 * {@code media/} and every folder below it ({@code 2026/}, {@code 2026/11/}). WordPress's core
 * REST API puts every upload in the current month's folder (by the site's clock), so that folder
 * always shows, and is the only one that takes new files until the companion plugin adds more.
 */
public final class MediaFolder extends Folder implements AcceptsUploads {
    public static final String NEEDS_PLUGIN = "needs pressdav's companion plugin (wordpress-plugin/ in pressdav's sources)";

    private final DavSession session;
    private final List<String> path;
    private final Clock clock;
    private final MediaLibrary library;

    public MediaFolder(DavSession session, Instant seen, Clock clock, MediaLibrary library) {
        this(session, List.of(), "media", seen, clock, library);
    }

    private MediaFolder(DavSession session, List<String> path, String name, Instant seen, Clock clock, MediaLibrary library) {
        super(name, seen, seen);
        this.session = session;
        this.path = path;
        this.clock = clock;
        this.library = library;
    }

    @Override
    public String getUniqueId() {
        return "media/" + String.join("/", path);
    }

    @Override
    public List<Node> getChildren() {
        Map<String, Node> children = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Media> entry : library.byPath(session).entrySet()) {
            List<String> file = entry.getKey();
            if (file.size() <= path.size() || !file.subList(0, path.size()).equals(path)) {
                continue;
            }
            String name = file.get(path.size());
            if (file.size() == path.size() + 1) {
                children.put(name, new MediaFile(session, entry.getValue(), name));
            } else {
                children.computeIfAbsent(name, n -> folder(n));
            }
        }
        List<String> month = currentMonth();
        if (path.size() < month.size() && month.subList(0, path.size()).equals(path)) {
            children.computeIfAbsent(month.get(path.size()), n -> folder(n));
        }
        return new ArrayList<>(children.values());
    }

    private MediaFolder folder(String name) {
        return new MediaFolder(session, MediaLibrary.append(path, name), name, modified(), clock, library);
    }

    /** {@code [yyyy, mm]} of now on the site's clock, where WordPress files uploads. */
    private List<String> currentMonth() {
        double offsetHours = session.wordpress().index(session.credentials()).gmtOffset();
        LocalDate today = clock.instant().plusSeconds((long) (offsetHours * 3600)).atZone(ZoneOffset.UTC).toLocalDate();
        return List.of(String.valueOf(today.getYear()), String.format("%02d", today.getMonthValue()));
    }

    /** A folder below {@code media/} is the uploaders' to lock and give properties; {@code media/} itself nobody's. */
    @Override
    public boolean mayChange() {
        return !path.isEmpty() && session.can("upload_files");
    }

    @Override
    public String changeRefusal() {
        return path.isEmpty() ? "media/ is a top folder of the drive" : "Sorry, you are not allowed to upload files.";
    }

    @Override
    public String refusal(String name) {
        if (!session.can("upload_files")) {
            return "Sorry, you are not allowed to upload files.";
        }
        List<String> month = currentMonth();
        if (!path.equals(month)) {
            return "Uploading into " + String.join("/", path) + "/ " + NEEDS_PLUGIN
                    + "; without it, WordPress files uploads in this month's folder, media/" + String.join("/", month) + "/";
        }
        return null;
    }

    @Override
    public Node upload(String name, String contentType, Path file, long length) {
        String refused = refusal(name);
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        Media media = session.wordpress().upload(session.credentials(), name, contentType, file);
        return new MediaFile(session, media, MediaLibrary.pathOf(media).get(MediaLibrary.pathOf(media).size() - 1));
    }
}
