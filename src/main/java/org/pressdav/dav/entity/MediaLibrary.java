package org.pressdav.dav.entity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;

/**
 * The media library laid out as WordPress lays out its uploads folder: each attachment at its
 * path below {@code wp-content/uploads}, for example {@code 2026/11/photo.jpg}. With the companion
 * plugin's media folders ({@code asDrive}) it is a drive: each attachment at the path it was given
 * there (its upload path until then), folders made at any depth, files renamed, moved and
 * replaced; with its replace feature ({@code replaces}) a file's bytes are replaced in place. Where
 * the site keeps deleted media in the trash ({@code keepsTrash}, with the drive) a file deleted goes
 * there, to {@code trash/media/}, and is restored into any folder; elsewhere it is gone for good.
 */
public final class MediaLibrary {
    private static final ListQuery LISTED = ListQuery.all().withFields(
            "id", "date_gmt", "modified_gmt", "slug", "author", "mime_type", "source_url", "media_details");

    private final boolean fromIndex;
    private final boolean asDrive;
    private final boolean replaces;
    private final boolean keepsTrash;
    private final long chunkBytes;
    /** The trees made of the listings the cache holds now (weak keys compare by identity; a listing gone from the cache goes from here). */
    private final Cache<List<Media>, MediaTree> trees = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

    /**
     * The library, listed from the companion plugin's index ({@code fromIndex}) or from core REST;
     * files larger than {@code chunkBytes} (0: none) go to WordPress in chunks of that size. A file is
     * restored from the trash to a path of the drive, so only a drive keeps its deleted files there.
     */
    public MediaLibrary(boolean fromIndex, boolean asDrive, boolean replaces, boolean keepsTrash, long chunkBytes) {
        this.fromIndex = fromIndex;
        this.asDrive = asDrive && fromIndex;
        this.replaces = replaces;
        this.keepsTrash = keepsTrash && this.asDrive;
        this.chunkBytes = chunkBytes;
    }

    /** Core REST alone: files listed at their upload paths, added only to this month's folder, deleted for good. */
    public static MediaLibrary coreRest() {
        return new MediaLibrary(false, false, false, false, 0);
    }

    /** The chunk size for a file of this length, or 0 where it goes in one request. */
    long chunkFor(long length) {
        return chunkBytes > 0 && length > chunkBytes ? chunkBytes : 0;
    }

    boolean asDrive() {
        return asDrive;
    }

    boolean replaces() {
        return replaces;
    }

    /** Whether a file deleted goes to WordPress's trash (and {@code trash/media/}) rather than for good. */
    public boolean keepsTrash() {
        return keepsTrash;
    }

    /**
     * The library as this user sees it, as folders: made again only when WordPress's listing of it
     * (or of the folders made on the drive) is another than last time, which the cache keeps the
     * same object until the library changes. Keyed by that listing's identity, per user.
     */
    MediaTree tree(DavSession session) {
        List<Media> listed = fromIndex ? session.wordpress().index(session.credentials(), Endpoint.MEDIA)
                : session.wordpress().list(session.credentials(), Endpoint.MEDIA, LISTED).items();
        List<String> made = asDrive ? session.wordpress().mediaFolders(session.credentials()) : List.of();
        MediaTree tree = trees.getIfPresent(listed);
        if (tree == null || !tree.builtFrom(made)) {
            tree = MediaTree.of(byPath(listed), made.stream().map(MediaLibrary::split).toList(), made);
            trees.put(listed, tree);
        }
        return tree;
    }

    /** A path's names below {@code media/}, in Unicode NFC as the tree holds them; empty names (doubled or edge slashes) dropped. */
    static List<String> split(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(Names.nfc(name));
            }
        }
        return names;
    }

    static String join(List<String> path) {
        return String.join("/", path);
    }

    /** Every attachment of a listing by its path; a clash of names gets the id added. */
    private Map<List<String>, Media> byPath(List<Media> listed) {
        Map<List<String>, Media> files = new LinkedHashMap<>();
        for (Media media : listed) {
            List<String> path = asDrive ? placeOf(media) : pathOf(media);
            if (files.containsKey(path)) {
                path = withId(path, media.id());
            }
            files.put(path, media);
        }
        return files;
    }

    /** Where the drive shows an attachment: the path the companion plugin gives it ({@code drive_path}), or its upload path. */
    static List<String> placeOf(Media media) {
        return media.drivePath() != null && !media.drivePath().isBlank() ? safePath(media.drivePath(), media) : pathOf(media);
    }

    static List<String> pathOf(Media media) {
        String relative = null;
        if (media.mediaDetails() != null && media.mediaDetails().file() != null) {
            relative = media.mediaDetails().file();
        } else if (media.sourceUrl() != null) {
            int uploads = media.sourceUrl().indexOf("/uploads/");
            String tail = uploads >= 0 ? media.sourceUrl().substring(uploads + "/uploads/".length())
                    : media.sourceUrl().substring(media.sourceUrl().lastIndexOf('/') + 1);
            relative = java.net.URLDecoder.decode(tail.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (relative == null || relative.isBlank()) {
            relative = media.id() + "-" + media.slug();
        }
        return safePath(relative, media);
    }

    private static List<String> safePath(String relative, Media media) {
        List<String> path = new ArrayList<>();
        for (String segment : relative.split("/")) {
            String safe = Names.safe(segment);
            if (!safe.isEmpty() && !safe.equals(".") && !safe.equals("..")) {
                path.add(safe);
            }
        }
        return path.isEmpty() ? List.of(String.valueOf(media.id())) : path;
    }

    static List<String> withId(List<String> path, long id) {
        String name = path.get(path.size() - 1);
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + " (" + id + ")" + name.substring(dot) : name + " (" + id + ")";
        List<String> copy = new ArrayList<>(path.subList(0, path.size() - 1));
        copy.add(renamed);
        return copy;
    }

    static List<String> append(List<String> prefix, String name) {
        List<String> path = new ArrayList<>(prefix);
        path.add(name);
        return path;
    }

}
