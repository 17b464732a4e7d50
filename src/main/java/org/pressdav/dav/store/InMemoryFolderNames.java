package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;

/** {@link FolderNames} in memory, each kept ten minutes (the {@code ttl}) after its last use. */
public final class InMemoryFolderNames implements FolderNames {
    private record ByName(String user, String kind, String name) {
    }

    private record ById(String user, String kind, long id) {
    }

    private final Cache<ByName, Long> ids;
    private final Cache<ById, String> names;
    private final Cache<List<String>, Boolean> created;

    public InMemoryFolderNames(Duration ttl, Clock clock) {
        Ticker ticker = new ClockTicker(clock);
        this.ids = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
        this.names = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
        this.created = Caffeine.newBuilder().expireAfterAccess(ttl).ticker(ticker).maximumSize(10_000).build();
    }

    @Override
    public void created(String user, String objectKey) {
        created.put(List.of(user, objectKey), Boolean.TRUE);
    }

    @Override
    public boolean isNew(String user, String objectKey) {
        return objectKey != null && created.getIfPresent(List.of(user, objectKey)) != null;
    }

    @Override
    public void put(String user, String kind, String name, long id) {
        forget(user, kind, id);
        Long other = ids.getIfPresent(new ByName(user, kind, name));
        if (other != null) {
            // One name, one folder: the object that had this name shows under WordPress's name again.
            names.invalidate(new ById(user, kind, other));
        }
        ids.put(new ByName(user, kind, name), id);
        names.put(new ById(user, kind, id), name);
    }

    @Override
    public Optional<Long> id(String user, String kind, String name) {
        return Optional.ofNullable(ids.getIfPresent(new ByName(user, kind, name)));
    }

    @Override
    public Optional<String> name(String user, String kind, long id) {
        return Optional.ofNullable(names.getIfPresent(new ById(user, kind, id)));
    }

    /** Names given are few (the last ten minutes' new folders): a look over all of them, each one found kept alive as any use does. */
    @Override
    public Map<Long, String> names(String user, String kind) {
        Map<Long, String> found = new HashMap<>();
        names.asMap().keySet().forEach(key -> {
            if (key.user().equals(user) && key.kind().equals(kind)) {
                String name = names.getIfPresent(key);
                if (name != null) {
                    found.put(key.id(), name);
                }
            }
        });
        return found;
    }

    @Override
    public void forget(String user, String kind, long id) {
        String old = names.getIfPresent(new ById(user, kind, id));
        if (old != null) {
            ids.invalidate(new ByName(user, kind, old));
            names.invalidate(new ById(user, kind, id));
        }
    }
}
