package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Folder;
import org.pressdav.dav.Node;

/** {@code media/} and every folder below it ({@code 2026/}, {@code 2026/11/}). */
public final class MediaFolder extends Folder {
    private final DavSession session;
    private final List<String> path;

    public MediaFolder(DavSession session, Instant seen) {
        this(session, List.of(), "media", seen);
    }

    private MediaFolder(DavSession session, List<String> path, String name, Instant seen) {
        super(name, seen, seen);
        this.session = session;
        this.path = path;
    }

    @Override
    public String getUniqueId() {
        return "media/" + String.join("/", path);
    }

    @Override
    public List<Node> getChildren() {
        Map<String, Node> children = new LinkedHashMap<>();
        for (Map.Entry<List<String>, org.pressdav.wordpress.Media> entry : MediaLibrary.byPath(session).entrySet()) {
            List<String> file = entry.getKey();
            if (file.size() <= path.size() || !file.subList(0, path.size()).equals(path)) {
                continue;
            }
            String name = file.get(path.size());
            if (file.size() == path.size() + 1) {
                children.put(name, new MediaFile(session, entry.getValue(), name));
            } else if (!children.containsKey(name)) {
                children.put(name, new MediaFolder(session, MediaLibrary.append(path, name), name, modified()));
            }
        }
        return new ArrayList<>(children.values());
    }
}
