package org.pressdav.dav.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pressdav.dav.DavPath;
import org.pressdav.dav.store.ScratchIndex.Entries;
import org.pressdav.dav.store.ScratchIndex.Entry;

/**
 * What each user keeps in a data directory several instances share, in {@link ScratchRecords}
 * every instance reads: a lookup reads the user's records whole (one call), a change reads them
 * holding the user's lock, runs on them as on {@link ScratchIndex}'s entries, and writes back what
 * changed. The records are made again from the disk when an instance opens the directory.
 */
final class SharedScratchIndex implements ScratchBook {
    private final ScratchRecords records;

    SharedScratchIndex(ScratchRecords records) {
        this.records = records;
    }

    @Override
    public Entries of(String user) {
        return entries(records.read(user));
    }

    @Override
    public <T> T change(String user, Change<T> change) throws IOException {
        return records.locked(user, () -> {
            Map<String, String> before = records.readForChange(user);
            Entries entries = entries(before);
            try {
                return change.apply(entries);
            } finally {
                keep(user, before, entries); // what changed on disk before a failure is kept, as in memory
            }
        });
    }

    @Override
    public Set<String> users() {
        return records.users();
    }

    /** The user's records become what the disk holds; the caller holds the user's lock. */
    void replace(String user, Entries fromDisk) {
        keep(user, records.readForChange(user), fromDisk);
    }

    private void keep(String user, Map<String, String> before, Entries entries) {
        Map<String, String> after = lines(entries);
        Map<String, String> put = new HashMap<>();
        after.forEach((path, line) -> {
            if (!line.equals(before.get(path))) {
                put.put(path, line);
            }
        });
        Set<String> removed = new HashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        if (!put.isEmpty() || !removed.isEmpty()) {
            records.write(user, put, removed);
        }
    }

    /** A file: {@code f <length> <modified>}; a folder: {@code d <modified>}. */
    static Map<String, String> lines(Entries entries) {
        Map<String, String> lines = new HashMap<>();
        for (Entry entry : entries.all()) {
            lines.put(entry.path().toString(), entry.folder() ? "d " + entry.modified() : "f " + entry.length() + " " + entry.modified());
        }
        return lines;
    }

    static Entries entries(Map<String, String> lines) {
        List<Entry> all = new ArrayList<>();
        lines.forEach((path, line) -> {
            String[] parts = line.split(" ");
            DavPath at = DavPath.parseDecoded(path);
            all.add(parts[0].equals("d") ? Entry.folder(at, Instant.parse(parts[1])) : Entry.file(at, Long.parseLong(parts[1]), Instant.parse(parts[2])));
        });
        return Entries.of(all);
    }
}
