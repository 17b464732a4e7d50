package org.pressdav.wordpress;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A site of a multisite network, as the companion plugin's {@code pressdav/v1/sites} lists it: its id, home URL and name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkSite(long id, String url, String name) {
    /** The route of the network's sites: a user's (every site to a super admin), the public ones to a visitor. */
    public static final String ROUTE = SiteIndex.COMPANION_NAMESPACE + "/sites";
}
