package org.pressdav.dav;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the big-folder tests tell, inside {@code posts/}, a folder that files posts (a shelf: a year {@code 2024}, a month or
 * a day {@code 05}, an id range {@code 12000-12999}) from a post's own folder ({@code 12-hello}, or {@code 12} for a post
 * with no slug), whatever client listed it: the one rule the HTTP walk, the davfs2 and the rclone listings are read by.
 *
 * <p>By name first: a shelf's name is four digits, two digits or two numbers joined by a dash; a post's is its id, alone
 * or followed by a dash and its slug. The two shapes meet: a post with no slug whose id has two or four digits is named
 * like a month or a year ({@code 27}, {@code 2024}), a post {@code 12000} whose slug is {@code 12999} like an id range.
 * Such a name is a post's folder only if the site has a post of that id and the folder holds that post's
 * {@code content.html} (asked of the drive: a shelf holds folders alone). A name of neither shape is a stray: nothing
 * the layout puts in {@code posts/}.
 */
final class PostsLayout {
    enum Kind { SHELF, POST, STRAY }

    private static final Pattern SHELF = Pattern.compile("\\d{4}|\\d{2}|\\d+-\\d+");
    private static final Pattern POST = Pattern.compile("(\\d{1,18})(-.+)?");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    private final Set<Long> siteIds;
    /** Whether the folder at these segments ({@code posts/2026/12/27}) holds a {@code content.html}. */
    private final Predicate<List<String>> holdsContent;
    private final Map<List<String>, Boolean> asked = new HashMap<>();

    PostsLayout(Set<Long> siteIds, Predicate<List<String>> holdsContent) {
        this.siteIds = Set.copyOf(siteIds);
        this.holdsContent = holdsContent;
    }

    /** What the folder at these segments (the drive's path, {@code posts} first) is. */
    Kind kindOf(List<String> folder) {
        String name = folder.get(folder.size() - 1);
        boolean shelfShaped = SHELF.matcher(name).matches();
        OptionalLong id = idOf(name);
        if (id.isEmpty()) {
            return Kind.STRAY;
        }
        if (!shelfShaped) {
            return Kind.POST;
        }
        if (!siteIds.contains(id.getAsLong())) {
            return Kind.SHELF;
        }
        return asked.computeIfAbsent(List.copyOf(folder), holdsContent::test) ? Kind.POST : Kind.SHELF;
    }

    /** The id a post's folder name begins with; none for a name of another shape. */
    static OptionalLong idOf(String name) {
        Matcher m = POST.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Where a folder of the drive ({@code posts/2026/12/1234-hello}) stands: the post it is the folder of, if every segment
     * between {@code posts} and its name is a shelf and its name a post's; none for a shelf, a stray or anything inside a
     * post's folder ({@code posts/2026/12/1234-hello/revisions}).
     */
    OptionalLong postFolderAt(List<String> folder) {
        if (folder.size() < 2 || !folder.get(0).equals("posts")) {
            return OptionalLong.empty();
        }
        for (int depth = 2; depth < folder.size(); depth++) {
            if (kindOf(folder.subList(0, depth)) != Kind.SHELF) {
                return OptionalLong.empty();
            }
        }
        return kindOf(folder) == Kind.POST ? idOf(folder.get(folder.size() - 1)) : OptionalLong.empty();
    }

    /** The first and last id of an id-range shelf's name ({@code 12000-12999}); null for another name. */
    static long[] range(String name) {
        Matcher m = RANGE.matcher(name);
        return m.matches() ? new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))} : null;
    }
}
