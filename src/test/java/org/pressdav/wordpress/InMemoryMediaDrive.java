package org.pressdav.wordpress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * The companion plugin's media library as a drive ({@code class-pressdav-media-drive.php}) in
 * memory: folders made at any depth (rows), each attachment at its drive path (its
 * {@code _pressdav_path}, or its upload path until it is placed), moves of files and folders that
 * never touch a file, replacing a file's bytes. Its checks and errors are the plugin's, in its
 * order; the route's own check (may upload) is {@link InMemoryCompanionPlugin}'s.
 */
final class InMemoryMediaDrive {
    private static final Pattern FORBIDDEN = Pattern.compile("[\\\\:*?\"<>|\\x00-\\x1f\\x7f]");

    private final InMemoryWordPress wordpress;
    private final InMemoryChangeFeed feed;
    /** The folders table; every change of the tree is made under this object's lock, as the plugin's named lock does. */
    private final Set<String> folders = new TreeSet<>();
    /** {@code _pressdav_path} of each attachment placed on the drive. */
    private final Map<Long, String> paths = new ConcurrentHashMap<>();

    InMemoryMediaDrive(InMemoryWordPress wordpress, InMemoryChangeFeed feed) {
        this.wordpress = wordpress;
        this.feed = feed;
    }

    /** Where the drive shows this attachment: the path it was given there, or its upload path. */
    String pathOf(Media m) {
        return paths.getOrDefault(m.id(), m.mediaDetails().file());
    }

    void place(long id, String path) {
        paths.put(id, trim(path));
    }

    void forget(long id) {
        paths.remove(id);
    }

    synchronized List<String> folders(Account who) {
        return InMemoryWordPress.can(who, "upload_files") ? List.copyOf(folders) : List.of();
    }

    /** A drive path's names, or a 400 for what cannot be one. */
    static List<String> parse(String path) {
        if (path == null || path.isEmpty() || path.length() > 1000) {
            throw new WordPressException(400, "pressdav_bad_path", "A media path is 1 to 1000 bytes long.");
        }
        List<String> names = new ArrayList<>();
        for (String name : trim(path).split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.length() > 255 || FORBIDDEN.matcher(name).find()
                    || name.endsWith(".") || name.endsWith(" ")) {
                throw new WordPressException(400, "pressdav_bad_name",
                        "\"" + name + "\" cannot be a name on the drive: no \\ : * ? \" < > |, no control characters, no . or space at its end.");
            }
            names.add(name);
        }
        return names;
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A trashed attachment is in no folder: it keeps none from being deleted, takes no name; restored, it is placed again. */
    private List<Long> attachmentsAt(String path, boolean below) {
        List<Long> found = new ArrayList<>();
        for (Media m : wordpress.media.values()) {
            if (m.status().equals("trash")) {
                continue;
            }
            String at = pathOf(m);
            if (below ? at.startsWith(path + "/") : at.equals(path)) {
                found.add(m.id());
            }
        }
        found.sort(null);
        return found;
    }

    /** '' is media/ itself; this month's upload folder always is, as WordPress files uploads there. */
    synchronized boolean folderExists(String path) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = String.format("%d/%02d", today.getYear(), today.getMonthValue());
        return path.isEmpty() || path.equals(month) || month.startsWith(path + "/") || folders.contains(path) || !attachmentsAt(path, true).isEmpty();
    }

    private boolean occupied(String path) {
        return !attachmentsAt(path, false).isEmpty() || folderExists(path);
    }

    /** Why nothing can be put at this path: a bad name (400), no parent, or something there (409); null when it can. */
    synchronized WordPressException refusalAt(String path) {
        String joined = String.join("/", parse(path));
        if (!folderExists(parent(joined))) {
            return new WordPressException(409, "pressdav_no_folder", "The folder " + parent(joined) + " does not exist.");
        }
        if (occupied(joined)) {
            return new WordPressException(409, "pressdav_exists", joined + " already exists.");
        }
        return null;
    }

    private static boolean mayEdit(Account who, Media m) {
        return InMemoryWordPress.can(who, "edit_others_posts") || who != null && m.author() == who.id() && InMemoryWordPress.can(who, "edit_posts");
    }

    synchronized void makeFolder(Account who, String path) {
        WordPressException refused = refusalAt(path);
        if (refused != null) {
            throw refused;
        }
        folders.add(trim(path));
        feed.record("media_folder", 0, "saved");
    }

    /** Every attachment below {@code from} placed at its new path (each one this user may edit, or nothing moves), the rows renamed. */
    synchronized void moveFolder(Account who, String from, String to) {
        String source = trim(from);
        String target = trim(to);
        boolean named;
        try {
            parse(source);
            named = true;
        } catch (WordPressException bad) {
            named = false;
        }
        if (!named || source.isEmpty() || !folderExists(source)) {
            throw new WordPressException(404, "pressdav_not_found", "There is no folder " + source + ".");
        }
        if (target.equals(source) || (target + "/").startsWith(source + "/")) {
            throw new WordPressException(409, "pressdav_into_itself", "A folder cannot move into itself.");
        }
        WordPressException refused = refusalAt(target);
        if (refused != null) {
            throw refused;
        }
        List<Long> inside = attachmentsAt(source, true);
        for (long id : inside) {
            if (!mayEdit(who, wordpress.media.get(id))) {
                throw InMemoryWordPress.forbidden(who, "rest_cannot_edit",
                        "Sorry, you are not allowed to move " + pathOf(wordpress.media.get(id)) + ": nothing was moved.");
            }
        }
        for (long id : inside) {
            paths.put(id, target + pathOf(wordpress.media.get(id)).substring(source.length()));
            feed.record("attachment", id, "moved");
        }
        for (String row : List.copyOf(folders)) {
            if (row.equals(source) || row.startsWith(source + "/")) {
                folders.remove(row);
                folders.add(target + row.substring(source.length()));
            }
        }
        folders.add(target);
        feed.record("media_folder", 0, "moved");
    }

    /** Only an empty folder: what is inside is deleted first, file by file, by the drive. */
    synchronized void deleteFolder(String path) {
        String folder = trim(path);
        if (folder.isEmpty() || !folderExists(folder)) {
            throw new WordPressException(404, "pressdav_not_found", "There is no folder " + folder + ".");
        }
        if (folders.stream().anyMatch(row -> row.startsWith(folder + "/")) || !attachmentsAt(folder, true).isEmpty()) {
            throw new WordPressException(409, "pressdav_not_empty", "The folder " + folder + " is not empty.");
        }
        folders.remove(folder);
        feed.record("media_folder", 0, "deleted");
    }

    synchronized void moveFile(Account who, long id, String to) {
        Media m = wordpress.media.get(id);
        if (m == null) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!mayEdit(who, m)) {
            throw InMemoryWordPress.forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
        }
        WordPressException refused = refusalAt(to);
        if (refused == null) {
            List<String> names = parse(to);
            refused = InMemoryCompanionPlugin.uploadRefusal(who, names.get(names.size() - 1));
        }
        if (refused != null) {
            throw refused;
        }
        paths.put(id, trim(to));
        feed.record("attachment", id, "moved");
    }

    /** New bytes for an attachment, which keeps its id, URL, title; its name on disk stays, and so must pass the upload rule. */
    void replaceFile(Account who, long id, byte[] bytes) {
        Media m = wordpress.media.get(id);
        if (m == null) {
            throw new WordPressException(404, "rest_post_invalid_id", "Invalid post ID.");
        }
        if (!mayEdit(who, m)) {
            throw InMemoryWordPress.forbidden(who, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
        }
        String onDisk = m.mediaDetails().file().substring(m.mediaDetails().file().lastIndexOf('/') + 1);
        WordPressException refused = InMemoryCompanionPlugin.uploadRefusal(who, onDisk);
        if (refused != null) {
            throw refused;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        wordpress.media.put(id, new Media(m.id(), m.slug(), m.status(), m.link(), m.dateGmt(), now, m.author(), m.post(), m.title(), m.mimeType(),
                m.mediaType(), m.sourceUrl(), new Media.Details(m.mediaDetails().file(), (long) bytes.length, null, null), m.drivePath()));
        wordpress.files.put(id, bytes);
        feed.record("attachment", id, "replaced");
    }
}
