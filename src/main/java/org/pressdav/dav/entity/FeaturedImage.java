package org.pressdav.dav.entity;

import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.Post;

/**
 * {@code featured-image.txt}: the featured image named by its path on the drive
 * ({@code media/2024/05/sunset.jpg}), as this user's {@code media/} folder shows it, so that the
 * same text names the same file in both places. Writing another media file's path sets it, an empty
 * file removes it.
 */
final class FeaturedImage {
    private static final String PREFIX = MediaFolder.NAME + "/";

    private final MediaLibrary library;
    private final Endpoint<Post> endpoint;

    FeaturedImage(MediaLibrary library, Endpoint<Post> endpoint) {
        this.library = library;
        this.endpoint = endpoint;
    }

    /** The image's drive path; empty for none; its id where this user's media folder does not show it. */
    String render(DavSession session, Post post) {
        if (post.featuredMedia() == 0) {
            return "";
        }
        List<String> path = library.tree(session).pathOf(post.featuredMedia());
        return path == null ? String.valueOf(post.featuredMedia()) : PREFIX + MediaLibrary.join(path);
    }

    /**
     * A path of {@code media/} (with or without that prefix or a leading slash) becomes the file's id; a path
     * where this user's media folder shows no file is refused, naming it, and nothing changes. The id the file
     * shows for an image this user's media folder does not hold keeps that image: the file's own text saved back
     * (a sync client's round trip) changes nothing.
     */
    Post write(DavSession session, Post post, String text) {
        String written = text.strip();
        long id = 0;
        if (post.featuredMedia() != 0 && written.equals(String.valueOf(post.featuredMedia()))) {
            id = post.featuredMedia();
        } else if (!written.isEmpty()) {
            Media file = library.tree(session).fileAt(path(written));
            if (file == null) {
                throw new DavError.Conflict("There is no media file '" + written + "' to be the featured image: give the path of a file in "
                        + PREFIX + " (for example " + PREFIX + "2024/05/photo.jpg), or an empty file for none.");
            }
            id = file.id();
        }
        return session.wordpress().update(session.credentials(), endpoint, post.id(), Map.of("featured_media", id));
    }

    private static List<String> path(String written) {
        String relative = written.startsWith("/") ? written.substring(1) : written;
        if (relative.startsWith(PREFIX)) {
            relative = relative.substring(PREFIX.length());
        }
        return MediaLibrary.split(relative);
    }
}
