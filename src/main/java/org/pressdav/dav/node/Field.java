package org.pressdav.dav.node;

import org.pressdav.dav.DavSession;

/**
 * One field file of an object's folder: its name, how to render its bytes and, for a writable
 * field, how a new text becomes a WordPress update. A renderer that returns null means this user
 * cannot see the value, and the file is left out. {@code renamesFolder}: writing it names the
 * object's folder anew on purpose (a post's {@code slug.txt}), so the folder follows it.
 * {@code maxBytes}: the most a write of it may hold (413 past it), as the field can sensibly hold.
 */
public record Field<T>(String fileName, Renderer<T> renderer, Updater<T> updater, boolean renamesFolder, int maxBytes) {
    /** A field that holds a document: post content. */
    public static final int DOCUMENT_BYTES = 8 << 20;
    /** Excerpts and descriptions: a few paragraphs. */
    public static final int PARAGRAPH_BYTES = 1 << 20;
    /** Everything else: titles, names, a status, a slug, a date, a list of terms. */
    public static final int LINE_BYTES = 64 << 10;

    @FunctionalInterface
    public interface Renderer<T> {
        String render(DavSession session, T item);
    }

    /**
     * Sends the file's new text to WordPress and returns the object as WordPress answered the update
     * (the file's new bytes and ETag come from it, without reading it again); whatever WordPress
     * refuses is a {@code WordPressException}.
     */
    @FunctionalInterface
    public interface Updater<T> {
        T write(DavSession session, T item, String text);
    }

    /** A read-only field of a line. */
    public static <T> Field<T> of(String fileName, Renderer<T> renderer) {
        return new Field<>(fileName, renderer, null, false, LINE_BYTES);
    }

    /** This field, writable: a PUT of the file calls {@code updater}. */
    public Field<T> writes(Updater<T> updater) {
        return new Field<>(fileName, renderer, updater, renamesFolder, maxBytes);
    }

    /** This field, writing which renames the object's folder: the folder takes WordPress's new name at once. */
    public Field<T> renamingTheFolder() {
        return new Field<>(fileName, renderer, updater, true, maxBytes);
    }

    /** This field, holding at most {@code bytes} ({@link #DOCUMENT_BYTES}, {@link #PARAGRAPH_BYTES}) instead of a line. */
    public Field<T> holding(int bytes) {
        return new Field<>(fileName, renderer, updater, renamesFolder, bytes);
    }
}
