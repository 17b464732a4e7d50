package org.pressdav.dav.node;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.pressdav.dav.DavSession;

/**
 * {@code sites/}: one folder a site this request's user has (where their login works, or where visitors may read). Each
 * site's folder is served by that site's own drive; here it is only listed, by name, with the date pressdav started.
 */
public final class SitesFolder extends ReadOnlyFolder {
    public static final String NAME = "sites";
    private static final String REFUSAL = "Sites are added to pressdav's configuration (--site, --network), not made here";

    private final List<String> names;
    private final Instant started;

    public SitesFolder(List<String> names, Instant started) {
        super(NAME, started, started, REFUSAL);
        this.names = List.copyOf(names);
        this.started = started;
    }

    /** The top folder {@code sites/}, listing for each user the sites {@code visible} names for them. */
    public static TopFolder top(Function<DavSession, List<String>> visible) {
        return new TopFolder(NAME, (session, started, names) -> new SitesFolder(visible.apply(session), started));
    }

    @Override
    public String getUniqueId() {
        return NAME;
    }

    @Override
    public List<Site> getChildren() {
        return names.stream().map(name -> new Site(name, started)).toList();
    }

    /** One site's folder as {@code sites/} lists it (its own drive answers inside it). */
    public static final class Site extends ReadOnlyFolder {
        Site(String name, Instant started) {
            super(name, started, started, REFUSAL);
        }

        @Override
        public String getUniqueId() {
            return NAME + "/" + getName();
        }

        @Override
        public List<Node> getChildren() {
            return List.of();
        }
    }
}
