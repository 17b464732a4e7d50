package org.pressdav.dav;

import java.util.ArrayList;
import java.util.List;

/**
 * What a path on the drive reaches, whatever name reached it: each segment is the identity of the
 * node there ({@code #posts/12} for a post's folder, whether it was reached as {@code 12-hello} or
 * as the name Finder gave it), a user's own file carries the user ({@code ~user-5~._foo}). Locks
 * and dead properties are held on these keys, so they follow the object, not a name.
 */
public record ResourceKey(List<String> segments) {
    public ResourceKey {
        segments = List.copyOf(segments);
    }

    public static final ResourceKey ROOT = new ResourceKey(List.of());

    public ResourceKey child(String segment) {
        List<String> more = new ArrayList<>(segments);
        more.add(segment);
        return new ResourceKey(more);
    }

    /** The key of the folder above; the root's is the root. */
    public ResourceKey parent() {
        return segments.isEmpty() ? this : new ResourceKey(segments.subList(0, segments.size() - 1));
    }

    /** Whether this key is {@code ancestor} or lies below it. */
    public boolean startsWith(ResourceKey ancestor) {
        return segments.size() >= ancestor.segments.size() && segments.subList(0, ancestor.segments.size()).equals(ancestor.segments);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
