package org.pressdav.dav.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pressdav.dav.DavPath;

/** {@link HiddenFiles} in memory, each hidden (or kept) for {@code hideFor} (bounded in number). */
public final class InMemoryHiddenFiles implements HiddenFiles {
    /** TRUE: hidden; FALSE: kept, a refused save's. A file is one or the other, never both. */
    private final Cache<List<Object>, Boolean> hidden;

    public InMemoryHiddenFiles(Duration hideFor, Clock clock) {
        this.hidden = Caffeine.newBuilder().expireAfterWrite(hideFor).ticker(new ClockTicker(clock)).maximumSize(100_000).build();
    }

    @Override
    public void hide(String user, DavPath path) {
        hidden.put(List.of(user, path), Boolean.TRUE);
    }

    @Override
    public void reveal(String user, DavPath path) {
        hidden.invalidate(List.of(user, path));
    }

    @Override
    public boolean isHidden(String user, DavPath path) {
        return Boolean.TRUE.equals(hidden.getIfPresent(List.of(user, path)));
    }

    /** Hidden files are few (a folder being emptied): a look over all of them costs less than keeping a second index. */
    @Override
    public Set<String> hiddenIn(String user, DavPath folder) {
        Set<String> names = new HashSet<>();
        hidden.asMap().forEach((key, isHidden) -> {
            if (isHidden && key.get(0).equals(user) && ((DavPath) key.get(1)).parent().equals(folder)) {
                names.add(((DavPath) key.get(1)).name());
            }
        });
        return names;
    }

    @Override
    public void keep(String user, DavPath path) {
        hidden.put(List.of(user, path), Boolean.FALSE);
    }

    @Override
    public boolean isKept(String user, DavPath path) {
        return Boolean.FALSE.equals(hidden.getIfPresent(List.of(user, path)));
    }
}
