package org.pressdav.dav.entity;

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
 * replaced; with its replace feature ({@code replaces}) a file's bytes are replaced in place.
 */
public final class MediaLibrary {
    private static final ListQuery LISTED = ListQuery.all().withFields(
            "id", "date_gmt", "modified_gmt", "slug", "author", "mime_type", "source_url", "media_details");

    private final boolean fromIndex;
    private final boolean asDrive;
    private final boolean replaces;
    private final long chunkBytes;

    /**
     * The library, listed from the companion plugin's index ({@code fromIndex}) or from core REST;
     * files larger than {@code chunkBytes} (0: none) go to WordPress in chunks of that size.
     */
    public MediaLibrary(boolean fromIndex, boolean asDrive, boolean replaces, long chunkBytes) {
        this.fromIndex = fromIndex;
        this.asDrive = asDrive && fromIndex;
        this.replaces = replaces;
        this.chunkBytes = chunkBytes;
    }

    /** Core REST alone: files listed at their upload paths, added only to this month's folder, deleted. */
    public static MediaLibrary coreRest() {
        return new MediaLibrary(false, false, false, 0);
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

    /** The folders made on the drive (empty ones too), for those who may upload; none without the plugin. */
    List<List<String>> folders(DavSession session) {
        if (!asDrive) {
            return List.of();
        }
        return session.wordpress().mediaFolders(session.credentials()).stream().map(MediaLibrary::split).toList();
    }

    private static List<String> split(String path) {
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

    /** Every attachment this user may see, by its path; a clash of names gets the id added. */
    Map<List<String>, Media> byPath(DavSession session) {
        Map<List<String>, Media> files = new LinkedHashMap<>();
        List<Media> listed = fromIndex ? session.wordpress().index(session.credentials(), Endpoint.MEDIA)
                : session.wordpress().list(session.credentials(), Endpoint.MEDIA, LISTED).items();
        for (Media media : listed) {
            List<String> path = asDrive && media.drivePath() != null && !media.drivePath().isBlank() ? safePath(media.drivePath(), media)
                    : pathOf(media);
            if (files.containsKey(path)) {
                path = withId(path, media.id());
            }
            files.put(path, media);
        }
        return files;
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

    private static List<String> withId(List<String> path, long id) {
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
