package org.pressdav.dav;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The names a user gave folders that WordPress names otherwise. "New Folder" in {@code posts/}
 * makes a draft WordPress calls {@code 123-untitled-folder}; Finder and Explorer then look for
 * {@code untitled folder} and rename it. For a while after, this user sees the folder under the
 * name they gave it; afterwards under WordPress's.
 */
public final class Aliases {
    private record ByName(String user, String kind, String name) {
    }

    private record ById(String user, String kind, long id) {
    }

    private final Cache<ByName, Long> ids;
    private final Cache<ById, String> names;
    private final Cache<List<String>, Boolean> created;

    public Aliases(Duration ttl, Ticker ticker) {
        this.ids = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
        this.names = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
        this.created = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    /** Remembers that this user's MKCOL made the object a moment ago. */
    public void created(DavSession session, String objectKey) {
        created.put(List.of(session.userKey(), objectKey), Boolean.TRUE);
    }

    /**
     * Whether this user's MKCOL made the object a moment ago (ten minutes after its last use):
     * its fields are the user's to fill in, and a rename may retitle it.
     */
    public boolean isNew(DavSession session, String objectKey) {
        return objectKey != null && created.getIfPresent(List.of(session.userKey(), objectKey)) != null;
    }

    public void put(DavSession session, String kind, String name, long id) {
        forget(session, kind, id);
        Long other = ids.getIfPresent(new ByName(session.userKey(), kind, name));
        if (other != null) {
            // One name, one folder: the object that had this name shows under WordPress's name again.
            names.invalidate(new ById(session.userKey(), kind, other));
        }
        ids.put(new ByName(session.userKey(), kind, name), id);
        names.put(new ById(session.userKey(), kind, id), name);
    }

    public Optional<Long> id(DavSession session, String kind, String name) {
        return Optional.ofNullable(ids.getIfPresent(new ByName(session.userKey(), kind, name)));
    }

    public Optional<String> name(DavSession session, String kind, long id) {
        return Optional.ofNullable(names.getIfPresent(new ById(session.userKey(), kind, id)));
    }

    public void forget(DavSession session, String kind, long id) {
        String old = names.getIfPresent(new ById(session.userKey(), kind, id));
        if (old != null) {
            ids.invalidate(new ByName(session.userKey(), kind, old));
            names.invalidate(new ById(session.userKey(), kind, id));
        }
    }
}
