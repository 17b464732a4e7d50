package org.pressdav.wordpress;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.pressdav.wordpress.InMemoryWordPress.Account;

/**
 * The companion plugin's uploads in chunks ({@code class-pressdav-chunked-upload.php}) in memory:
 * opened (a new file at a drive path, or new bytes for an attachment), sent a chunk a request,
 * each of exactly its size, then finished into the attachment, or aborted. An upload belongs to
 * the user who opened it; one user keeps at most ten open.
 */
final class InMemoryChunkedUploads {
    /** No chunk is smaller, but the only chunk of a smaller upload. */
    static final long MIN_CHUNK = 64 << 10;
    private static final long MAX_UPLOAD = 4L << 30;
    private static final int OPEN_PER_USER = 10;

    private record Upload(String id, long user, String name, long size, long chunk, String path, long replace, Map<Integer, byte[]> pieces) {
        int chunks() {
            return (int) ((size + chunk - 1) / chunk);
        }
    }

    private final InMemoryWordPress wordpress;
    private final InMemoryMediaDrive drive;
    private final long maxChunk;
    private final Map<String, Upload> open = new ConcurrentHashMap<>();
    /** Chunks stored, for tests that check a file went in chunks. */
    final AtomicInteger chunksStored = new AtomicInteger();

    InMemoryChunkedUploads(InMemoryWordPress wordpress, InMemoryMediaDrive drive, long maxChunk) {
        this.wordpress = wordpress;
        this.drive = drive;
        this.maxChunk = maxChunk;
    }

    synchronized String open(Account who, String name, long size, String path, long replace, long chunk) {
        if (name == null || name.isEmpty() || size < 1 || chunk < 0 || replace < 0) {
            throw new WordPressException(400, "rest_invalid_param", "Invalid parameter(s): name, size, chunk, replace");
        }
        Media replaced = replace > 0 ? wordpress.media.get(replace) : null;
        boolean may = replace > 0 ? replaced != null && mayEdit(who, replaced) : InMemoryWordPress.can(who, "upload_files");
        if (!may) {
            throw InMemoryWordPress.forbidden(who, "rest_cannot_create", "Sorry, you are not allowed to upload files.");
        }
        long chunkSize = chunk > 0 ? chunk : maxChunk;
        if (size > MAX_UPLOAD) {
            throw new WordPressException(413, "pressdav_upload_too_large", "An upload of " + size + " bytes is larger than this site takes.");
        }
        if (chunkSize > maxChunk || chunkSize < MIN_CHUNK && chunkSize < size) {
            throw new WordPressException(400, "pressdav_bad_chunk_size",
                    "A chunk has " + MIN_CHUNK + " to " + maxChunk + " bytes (the only chunk of a smaller upload may be smaller).");
        }
        if (path != null) {
            List<String> names = InMemoryMediaDrive.parse(path);
            WordPressException refused = InMemoryCompanionPlugin.uploadRefusal(who, names.get(names.size() - 1));
            if (refused == null) {
                refused = drive.refusalAt(path);
            }
            if (refused != null) {
                throw refused;
            }
        }
        WordPressException refused = replace > 0 ? null : InMemoryCompanionPlugin.uploadRefusal(who, name);
        if (refused != null) {
            throw refused;
        }
        long mine = open.values().stream().filter(u -> u.user() == who.id()).count();
        if (mine >= OPEN_PER_USER) {
            throw new WordPressException(409, "pressdav_too_many_uploads", "You already have " + mine + " uploads open: finish or abort one first.");
        }
        String id = String.format("%016x%016x", ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong());
        open.put(id, new Upload(id, who.id(), name, size, chunkSize, path, replace, new ConcurrentHashMap<>()));
        return id;
    }

    private static boolean mayEdit(Account who, Media m) {
        return InMemoryWordPress.can(who, "edit_others_posts") || who != null && m.author() == who.id() && InMemoryWordPress.can(who, "edit_posts");
    }

    /** The open upload of this id, if it is this user's. */
    private Upload session(Account who, String id) {
        Upload upload = open.get(id);
        if (upload == null || who == null || upload.user() != who.id()) {
            throw new WordPressException(404, "pressdav_no_upload", "There is no such upload; it may have expired.");
        }
        return upload;
    }

    void chunk(Account who, String id, int index, byte[] bytes) {
        Upload upload = session(who, id);
        int chunks = upload.chunks();
        if (index < 0 || index >= chunks) {
            throw new WordPressException(400, "pressdav_no_such_chunk", "This upload has no chunk " + index + ": its chunks are 0 to " + (chunks - 1) + ".");
        }
        long expected = index == chunks - 1 ? upload.size() - index * upload.chunk() : upload.chunk();
        if (bytes.length != expected) {
            boolean large = bytes.length > expected;
            throw new WordPressException(large ? 413 : 400, large ? "pressdav_chunk_too_large" : "pressdav_chunk_too_small",
                    "Chunk " + index + " must have exactly " + expected + " bytes, not " + bytes.length + ".");
        }
        // Its own piece: a chunk sent twice replaces it, never appends.
        upload.pieces().put(index, bytes.clone());
        chunksStored.incrementAndGet();
    }

    /** The pieces joined into the attachment (new, or the replaced one's new bytes); returns its id. */
    long finish(Account who, String id, int chunks) {
        Upload upload = session(who, id);
        if (chunks != upload.chunks()) {
            throw new WordPressException(400, "pressdav_chunk_count", "This upload has " + upload.chunks() + " chunks, not " + chunks + ".");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            byte[] piece = upload.pieces().get(i);
            if (piece == null) {
                throw new WordPressException(409, "pressdav_missing_chunk", "Chunk " + i + " never arrived; send it and finish again.");
            }
            joined.writeBytes(piece);
        }
        long made;
        if (upload.replace() > 0) {
            drive.replaceFile(who, upload.replace(), joined.toByteArray());
            made = upload.replace();
        } else {
            made = attach(who, upload, joined.toByteArray());
        }
        open.remove(id);
        return made;
    }

    private long attach(Account who, Upload upload, byte[] bytes) {
        if (upload.path() != null) {
            WordPressException refused = drive.refusalAt(upload.path());
            if (refused != null) {
                throw refused;
            }
        }
        Media m;
        try {
            m = wordpress.stored(who, upload.name(), "application/octet-stream", bytes, upload.path() != null);
        } catch (WordPressException sideload) {
            // media_handle_sideload's error, given a status by the plugin.
            throw new WordPressException(415, sideload.code(), sideload.getMessage());
        }
        if (upload.path() != null) {
            drive.place(m.id(), upload.path());
        }
        return m.id();
    }

    void abort(Account who, String id) {
        session(who, id);
        open.remove(id);
    }

    /** How many uploads are open now: an upload that failed leaves none. */
    int openUploads() {
        return open.size();
    }
}
