package org.pressdav.dav;

/**
 * One field file of an object's folder: its name and how to render its bytes. A renderer that
 * returns null means this user cannot see the value, and the file is left out.
 */
public record Field<T>(String fileName, Renderer<T> renderer) {

    @FunctionalInterface
    public interface Renderer<T> {
        String render(DavSession session, T item);
    }

    public static <T> Field<T> of(String fileName, Renderer<T> renderer) {
        return new Field<>(fileName, renderer);
    }
}
