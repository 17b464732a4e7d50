package org.pressdav.wordpress;

import java.util.List;

/** The REST index ({@code /wp-json/}): what any visitor may know of the site. */
public record SiteIndex(String name, String description, String url, String home, double gmtOffset, List<String> namespaces) {
    public static final String COMPANION_NAMESPACE = "pressdav/v1";

    /** Whether pressdav's companion plugin is active on the site. */
    public boolean hasCompanionPlugin() {
        return namespaces != null && namespaces.contains(COMPANION_NAMESPACE);
    }
}
