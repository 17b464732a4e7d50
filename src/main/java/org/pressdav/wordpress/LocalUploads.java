package org.pressdav.wordpress;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * WordPress's uploads folder as pressdav sees it on a disk the two share ({@code --uploads-dir}):
 * a media file is read from it, as fast as the web server would send it, when the disk provably
 * holds what the web server serves; otherwise pressdav fetches it from the web server. It never
 * decides who may read what: the attachment has already been read through REST as the user.
 */
final class LocalUploads {
    static final LocalUploads NONE = new LocalUploads(null);

    /** The only ranges pressdav itself asks for: one closed range. */
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalUploads.class);

    private final Path root;
    /** Whether an operator has been told that the folder lacks a file WordPress has (once: a wrong folder would say it for every file). */
    private final java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalUploads(Path root) {
        this.root = root;
    }

    static LocalUploads at(Path dir) throws IOException {
        return new LocalUploads(dir.toRealPath());
    }

    /**
     * The bytes of {@code media} (the range of {@code range}, when given) from disk, or null when
     * they are to come from the web server: no folder, a URL that does not end in the file's path
     * below uploads, a path that leaves the folder (also by a link), or a size other than WordPress's.
     */
    MediaContent open(Media media, String range) {
        if (root == null || media.mediaDetails() == null) {
            return null;
        }
        String file = media.mediaDetails().file();
        Long size = media.mediaDetails().filesize();
        HttpUrl url = media.sourceUrl() == null ? null : HttpUrl.parse(media.sourceUrl());
        if (file == null || size == null || url == null || !("/" + String.join("/", url.pathSegments())).endsWith("/" + file)) {
            return null;
        }
        Path path;
        try {
            path = root.resolve(file).toRealPath();
        } catch (IOException | InvalidPathException e) {
            notHere(file);
            return null;
        }
        if (!path.startsWith(root) || !Files.isRegularFile(path)) {
            return null;
        }
        long first = 0;
        long last = size - 1;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                return null;
            }
            first = Long.parseLong(m.group(1));
            last = Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first > last) {
                return null;
            }
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path);
            if (channel.size() != size) {
                channel.close();
                notHere(file);
                return null;
            }
            return range == null
                    ? MediaContent.fromDisk(channel, 0, size, 200, Map.of())
                    : MediaContent.fromDisk(channel, first, last - first + 1, 206, Map.of("Content-Range", "bytes " + first + "-" + last + "/" + size));
        } catch (IOException e) {
            closeQuietly(channel);
            return null;
        }
    }

    /** The folder does not hold a file as WordPress describes it: said once, as it may be the wrong folder. */
    private void notHere(String file) {
        if (told.compareAndSet(false, true)) {
            log.warn("--uploads-dir {} does not hold {} as WordPress describes it (missing, or of another size): such files come "
                    + "through WordPress's web server; is it WordPress's wp-content/uploads?", root, file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was read from it
            }
        }
    }

    @Override
    public String toString() {
        return root == null ? "none" : root.toString();
    }
}
