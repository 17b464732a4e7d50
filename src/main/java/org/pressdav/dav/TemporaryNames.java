package org.pressdav.dav;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of files that clients and editors make for themselves, not for WordPress: macOS's
 * AppleDouble and folder files, Windows' folder settings and thumbnails, Office's owner files,
 * LibreOffice's locks, vim's swap and probe files, GNOME's atomic-save files; and folders of that
 * kind too (Finder's {@code .TemporaryItems}, its safe-save {@code name.sb-…} folders), whose whole
 * content is the user's own.
 */
public final class TemporaryNames {
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\._.*"),
            Pattern.compile("\\.DS_Store|\\.TemporaryItems|\\.Trashes|\\.Spotlight-V100|\\.fseventsd|\\.localized|\\.hidden"),
            Pattern.compile("\\.metadata_never_index|\\.ql_disablethumbnails|\\.ql_disablecache|\\.apdisk"),
            Pattern.compile("desktop\\.ini|thumbs\\.db|folder\\.jpg|folder\\.gif", Pattern.CASE_INSENSITIVE),
            Pattern.compile("~\\$.*"),
            Pattern.compile("\\.~lock\\..*#"),
            Pattern.compile(".*\\.sw[a-px]|4913|.*~|\\.#.*"),
            Pattern.compile("\\.goutputstream-.*"),
            // Finder's (NSDocument's) safe-save folder: name.sb-<hex>-<random>, the new copy inside it
            Pattern.compile(".+\\.sb-[0-9A-Fa-f]+-[A-Za-z0-9]+"),
            // rsync's .name.XXXXXX, written whole and then renamed to name
            Pattern.compile("\\..+\\.[A-Za-z0-9]{6}"),
            Pattern.compile("~WR[DL]\\d+\\.tmp|[0-9A-F]{8}\\.tmp", Pattern.CASE_INSENSITIVE));

    /** All of them as one pattern: every path segment of every request is tried against it. */
    private static final Pattern ANY = Pattern.compile(PATTERNS.stream()
            .map(p -> "(?" + ((p.flags() & Pattern.CASE_INSENSITIVE) != 0 ? "i" : "") + ":" + p.pattern() + ")")
            .collect(java.util.stream.Collectors.joining("|")));

    private TemporaryNames() {
    }

    public static boolean matches(String name) {
        return ANY.matcher(name).matches();
    }
}
