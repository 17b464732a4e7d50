package org.pressdav.config;

import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One site of {@code --site NAME=URL}: its folder's name under {@code sites/}, the site's home URL, and where pressdav
 * reaches it when its own network names it otherwise (null: at its URL).
 */
public record SiteAddress(String name, HttpUrl url, HttpUrl connectUrl) {
    /** What {@link #validName} lets through, said to whoever gave another name. */
    public static final String NAME_RULE = "lower-case letters, digits, '.', '-' and '_', starting with a letter or digit, not ending"
            + " with '.', at most 63 characters, and not a name Windows keeps for a device (con, nul, com1, ...)";
    /** Lower case only: macOS and Windows fold case, so two names differing in case would be one folder there. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Windows refuses these as a file's name, also before an extension ({@code nul.txt}). */
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6",
            "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** Whether {@code name} may name a folder under {@code sites/}: the same file name on Windows, macOS and Linux. */
    public static boolean validName(String name) {
        // Windows drops a trailing dot, so "a." would open "a".
        return NAME.matcher(name).matches() && !name.endsWith(".") && !WINDOWS_DEVICES.contains(name.split("\\.", 2)[0]);
    }
}
