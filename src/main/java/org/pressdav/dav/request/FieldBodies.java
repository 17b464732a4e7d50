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

/**
 * The bodies of field-file PUTs, which are held in memory while WordPress stores them: each
 * bounded by what its field can sensibly hold, and all of them together by a share of the heap,
 * so that many large saves at once wait their turn instead of exhausting memory.
 */
public final class FieldBodies {
    /** Post content: the one field that holds a document. */
    static final int DOCUMENT_BYTES = 8 << 20;
    /** Excerpts and descriptions: a few paragraphs. */
    static final int PARAGRAPH_BYTES = 1 << 20;
    /** Everything else: titles, names, a status, a slug, a date, a list of terms. */
    static final int LINE_BYTES = 64 << 10;

    private final Semaphore kibibytes;
    private final int totalKibibytes;

    /** {@code budgetBytes}: how many body bytes may be in memory at once. */
    public FieldBodies(long budgetBytes) {
        this.totalKibibytes = (int) Math.max(DOCUMENT_BYTES >> 10, Math.min(Integer.MAX_VALUE, budgetBytes >> 10));
        this.kibibytes = new Semaphore(totalKibibytes, true);
    }

    /** A budget of an eighth of the heap this JVM may use. */
    public static FieldBodies forThisHeap() {
        return new FieldBodies(Runtime.getRuntime().maxMemory() / 8);
    }

    /** The most a field file of this name takes. */
    public static int limit(String fileName) {
        return switch (fileName) {
            case "content.html" -> DOCUMENT_BYTES;
            case "excerpt.txt", "description.txt" -> PARAGRAPH_BYTES;
            default -> LINE_BYTES;
        };
    }

    /**
     * A field file's new text from a body: at most what the field holds (413 past it) and UTF-8
     * (400 otherwise: anything else would be stored as mojibake).
     */
    public static String text(String fileName, InputStream body) throws IOException {
        int limit = limit(fileName);
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
    public static String tooLarge(String fileName, long declaredLength) {
        int limit = limit(fileName);
        return declaredLength > limit ? fileName + " holds at most " + limit + " bytes; this body has " + declaredLength : null;
    }

    /**
     * Room in the budget for one body, held while it is read and stored (it reserves the declared
     * length, or the field's limit when none was declared): 413 for a body too large for its
     * field, 503 when the server stays too busy to take it.
     */
    public Held hold(String fileName, long declaredLength) {
        String refused = tooLarge(fileName, declaredLength);
        if (refused != null) {
            throw new DavError.TooLarge(refused);
        }
        int limit = limit(fileName);
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
