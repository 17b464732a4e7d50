package org.pressdav.dav.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.pressdav.dav.DavError;
import org.pressdav.dav.node.Field;
import org.pressdav.dav.node.TextFile;

/**
 * The bodies of field-file PUTs, which are held in memory while WordPress stores them: each
 * bounded by what its field can sensibly hold, and all of them together by a share of the heap,
 * so that many large saves at once wait their turn instead of exhausting memory.
 */
public final class FieldBodies {
    private final Semaphore kibibytes;
    private final int totalKibibytes;

    /** {@code budgetBytes}: how many body bytes may be in memory at once (at least one document's). */
    public FieldBodies(long budgetBytes) {
        this.totalKibibytes = (int) Math.max(Field.DOCUMENT_BYTES >> 10, Math.min(Integer.MAX_VALUE, budgetBytes >> 10));
        this.kibibytes = new Semaphore(totalKibibytes, true);
    }

    /** A budget of an eighth of the heap this JVM may use. */
    public static FieldBodies forThisHeap() {
        return new FieldBodies(Runtime.getRuntime().maxMemory() / 8);
    }

    /**
     * A field file's new text from a body: at most what its field holds (413 past it) and UTF-8
     * (400 otherwise: anything else would be stored as mojibake).
     */
    public static String text(TextFile file, InputStream body) throws IOException {
        return text(file.getName(), file.maxBytes(), body);
    }

    private static String text(String fileName, int limit, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new DavError.TooLarge(fileName + " holds at most " + limit + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DavError.BadRequest("The file must be UTF-8 text; nothing was changed");
        }
    }

    /** A body too large for its field, told from its declared length before any byte is read: null if it may fit. */
    public static String tooLarge(TextFile file, long declaredLength) {
        return tooLarge(file.getName(), file.maxBytes(), declaredLength);
    }

    private static String tooLarge(String fileName, int limit, long declaredLength) {
        return declaredLength > limit ? fileName + " holds at most " + limit + " bytes; this body has " + declaredLength : null;
    }

    /**
     * Room in the budget for one body, held while it is read and stored (it reserves the declared
     * length, or the field's limit when none was declared): 413 for a body too large for its
     * field, 503 when the server stays too busy to take it.
     */
    public Held hold(TextFile file, long declaredLength) {
        return hold(file.getName(), file.maxBytes(), declaredLength);
    }

    private Held hold(String fileName, int limit, long declaredLength) {
        String refused = tooLarge(fileName, limit, declaredLength);
        if (refused != null) {
            throw new DavError.TooLarge(refused);
        }
        int want = (int) Math.min(totalKibibytes, ((declaredLength >= 0 ? declaredLength : limit) >> 10) + 1);
        try {
            if (!kibibytes.tryAcquire(want, 60, TimeUnit.SECONDS)) {
                throw new DavError.Busy("pressdav is saving many large files at once; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DavError.Busy("pressdav is stopping");
        }
        return new Held(want);
    }

    /** A body's room in the budget; close it when WordPress has the text. */
    public final class Held implements AutoCloseable {
        private final int kib;

        private Held(int kib) {
            this.kib = kib;
        }

        @Override
        public void close() {
            kibibytes.release(kib);
        }
    }
}
