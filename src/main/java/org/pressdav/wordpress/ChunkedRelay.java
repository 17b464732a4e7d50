package org.pressdav.wordpress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file larger than PHP takes in one request, relayed to the companion plugin's uploads
 * ({@code pressdav/v1/uploads}): opened with its size and chunk size, sent a few chunks at a time,
 * finished. An upload is kept in {@link OpenUploads} while open, so that the same file sent again for
 * the same place, here or on another instance sharing them, goes on from the chunks WordPress holds
 * (each checked by its SHA-256 against the file) instead of starting over. An upload that fails here
 * is aborted, its pieces removed at once.
 */
final class ChunkedRelay {
    /** The calls the relay makes, as the user it relays for; each answers WordPress's JSON or throws {@link WordPressException}. */
    interface Calls {
        JsonNode get(String route);

        JsonNode post(String route, Map<String, ?> fields);

        JsonNode put(String route, RequestBody body);

        JsonNode delete(String route);
    }

    private static final Logger log = LoggerFactory.getLogger(ChunkedRelay.class);
    private static final String UPLOADS = SiteIndex.COMPANION_NAMESPACE + "/uploads";
    /** Chunks of one upload sent at once: enough to keep two PHP workers busy, few enough to leave room for everyone else. */
    private static final int CHUNKS_IN_FLIGHT = 3;
    private static final MediaType BYTES = MediaType.get("application/octet-stream");

    private final AtomicLong chunksSent = new AtomicLong();
    private final AtomicLong chunksKept = new AtomicLong();
    private volatile OpenUploads open = OpenUploads.NONE;

    /** An upload the plugin holds open: its id, and the SHA-256 of each chunk it holds by index. */
    private record OpenUpload(String id, Map<Long, String> pieces) {
    }

    void keepOpenUploadsIn(OpenUploads open) {
        this.open = open;
    }

    long chunksSent() {
        return chunksSent.get();
    }

    long chunksKept() {
        return chunksKept.get();
    }

    /** Relays {@code file} in chunks of {@code chunkBytes} for {@code who}: the attachment's id. */
    long relay(Calls calls, Credentials who, String fileName, Path file, String drivePath, long replaces, long chunkBytes) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenUploads open = this.open;
        String upload = OpenUploads.key(who, fileName, drivePath, replaces, size, chunkBytes);
        OpenUpload found = open.find(upload).map(id -> held(calls, id, size, chunkBytes)).orElse(null);
        OpenUpload going = found != null ? found : new OpenUpload(opened(calls, fileName, size, drivePath, replaces, chunkBytes), Map.of());
        String uploads = UPLOADS + "/" + going.id();
        // A few chunks in flight at once: WordPress stores each on its own, in any order.
        ExecutorService senders = Executors.newFixedThreadPool(CHUNKS_IN_FLIGHT);
        try {
            if (found == null) {
                open.opened(upload, going.id());
            }
            List<Future<?>> sent = new ArrayList<>();
            long chunks = 0;
            long kept = 0;
            for (long offset = 0; offset < size; offset += chunkBytes, chunks++) {
                long length = Math.min(chunkBytes, size - offset);
                String piece = going.pieces().get(chunks);
                // A chunk WordPress already holds, byte for byte, is not sent again.
                if (piece != null && piece.equals(Sha256.of(file, offset, length))) {
                    kept++;
                    chunksKept.incrementAndGet();
                    continue;
                }
                RequestBody chunk = new FileBody(BYTES, file, offset, length);
                String route = uploads + "/" + chunks;
                sent.add(senders.submit(() -> calls.put(route, chunk)));
                chunksSent.incrementAndGet();
            }
            // A long relay says how far it is, every tenth of what it sends.
            long step = Math.max(1, sent.size() / 10);
            for (int i = 0; i < sent.size(); i++) {
                awaitChunk(sent.get(i));
                if (size > (64L << 20) && (i + 1) % step == 0) {
                    log.info("upload of {} to WordPress: {} of {} chunks sent ({} held already)", fileName, i + 1, sent.size(), kept);
                }
            }
            long id = calls.post(uploads + "/finish", Map.of("chunks", chunks)).path("id").asLong();
            open.ended(upload, going.id());
            return id;
        } catch (RuntimeException | Error e) {
            // Whatever failed here, the pieces go now, not when the plugin's clean-up finds them: the chunks not yet sent are
            // dropped and those in flight are let finish first, so that none lands after the abort. (Only an instance that
            // dies leaves its upload open, for the same file sent again to go on with.)
            senders.shutdownNow();
            awaitQuietly(senders);
            try {
                calls.delete(uploads);
                open.ended(upload, going.id());
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        } finally {
            senders.shutdownNow();
        }
    }

    /** Opens an upload in chunks of {@code chunkBytes}, the size the plugin then holds every chunk to (the last one the rest). */
    private static String opened(Calls calls, String fileName, long size, String drivePath, long replaces, long chunkBytes) {
        Map<String, Object> opening = new HashMap<>(Map.of("name", fileName, "size", size, "chunk", chunkBytes));
        if (drivePath != null) {
            opening.put("path", drivePath);
        }
        if (replaces > 0) {
            opening.put("replace", replaces);
        }
        return calls.post(UPLOADS, opening).path("id").asText();
    }

    /**
     * The upload {@code id} as the plugin holds it, if it is still open for a file of this size in chunks of this
     * size; null when it is not (finished, given up, or expired: the plugin forgets an upload nothing was sent to
     * for ten minutes).
     */
    private static OpenUpload held(Calls calls, String id, long size, long chunkBytes) {
        JsonNode status;
        try {
            status = calls.get(UPLOADS + "/" + id);
        } catch (WordPressException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
        if (status.path("size").asLong() != size || status.path("chunk").asLong() != chunkBytes) {
            return null;
        }
        Map<Long, String> pieces = new HashMap<>();
        status.path("pieces").fields().forEachRemaining(piece -> pieces.put(Long.parseLong(piece.getKey()), piece.getValue().asText()));
        return new OpenUpload(id, pieces);
    }

    /** Waits for the chunks in flight (each bounded by the client's timeouts), keeping an interruption for the caller. */
    private static void awaitQuietly(ExecutorService senders) {
        try {
            senders.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitChunk(Future<?> chunk) {
        try {
            chunk.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending an upload's chunks", e);
        }
    }
}
