package org.pressdav.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.store.HiddenFiles;

/**
 * {@link HiddenFiles} in Redis, shared by every instance: a file hidden through one is hidden
 * through all. One hash per user and folder, {@code hidden:<user>:<folder>}, field the file's
 * name, value {@code millis|H} (hidden) or {@code millis|K} (kept after a refused save), each for
 * {@code hideFor} after it was written ({@link TimedHash}, not touched by reads, as in memory).
 * {@link #hiddenIn} is one round trip: the folder's hash; what a read shows comes from this instance's copy of
 * that hash ({@link TimedHash#shown}), no round trip while it is kept.
 */
public final class RedisHiddenFiles implements HiddenFiles {
    private static final String HIDDEN = "H";
    private static final String KEPT = "K";

    private final RedisBackend backend;
    private final TimedHash files;
    private final Clock clock;

    public RedisHiddenFiles(RedisBackend backend, Duration hideFor, Clock clock) {
        this.backend = backend;
        this.files = new TimedHash(backend, hideFor, false);
        this.clock = clock;
    }

    private String folderOf(String user, DavPath folder) {
        return backend.key("hidden", user, folder.encoded());
    }

    @Override
    public void hide(String user, DavPath path) {
        files.write(folderOf(user, path.parent()), Map.of(path.name(), HIDDEN), clock.instant());
    }

    @Override
    public void reveal(String user, DavPath path) {
        files.remove(folderOf(user, path.parent()), path.name());
    }

    @Override
    public boolean isHidden(String user, DavPath path) {
        return files.read(folderOf(user, path.parent()), path.name(), clock.instant()).filter(HIDDEN::equals).isPresent();
    }

    @Override
    public Set<String> hiddenIn(String user, DavPath folder) {
        return hidden(files.readAll(folderOf(user, folder), clock.instant()));
    }

    @Override
    public boolean isHiddenForRead(String user, DavPath path) {
        return HIDDEN.equals(files.shown(folderOf(user, path.parent()), path.name()::equals, clock.instant()).get(path.name()));
    }

    @Override
    public Set<String> hiddenInForRead(String user, DavPath folder) {
        return hidden(files.shown(folderOf(user, folder), name -> true, clock.instant()));
    }

    private static Set<String> hidden(Map<String, String> states) {
        Set<String> names = new HashSet<>();
        states.forEach((name, state) -> {
            if (HIDDEN.equals(state)) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public void keep(String user, DavPath path) {
        files.write(folderOf(user, path.parent()), Map.of(path.name(), KEPT), clock.instant());
    }

    @Override
    public boolean isKept(String user, DavPath path) {
        return files.read(folderOf(user, path.parent()), path.name(), clock.instant()).filter(KEPT::equals).isPresent();
    }
}
