package org.pressdav.dav.entity;

import io.milton.resource.CollectionResource;
import io.milton.resource.MakeCollectionableResource;
import io.milton.resource.MoveableResource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.store.FirstSeen;
import org.pressdav.dav.node.AcceptsUploads;
import org.pressdav.dav.node.Folder;
import org.pressdav.dav.node.HoldsFiles;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.Node;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.WordPressException;

/**
 * {@code media/} and every folder below it ({@code 2026/}, {@code 2026/11/}). WordPress's core
 * REST API puts every upload in the current month's folder (by the site's clock), so that folder
 * always shows, and is the only one that takes new files without the companion plugin. With its
 * media folders ({@link MediaLibrary#asDrive()}) every folder takes files, folders are made,
 * renamed, moved and deleted anywhere below {@code media/}, and no file on disk ever moves.
 */
public final class MediaFolder extends Folder implements AcceptsUploads, MakeCollectionableResource, MoveableResource, HoldsFiles {
    /** Its name at the top of the drive. */
    public static final String NAME = "media";
    public static final String NEEDS_PLUGIN = "needs pressdav's companion plugin (wordpress-plugin/ in pressdav's sources)";

    private final DavSession session;
    private final List<String> path;
    private final Clock clock;
    private final MediaLibrary library;
    private final FirstSeen firstSeen;

    public MediaFolder(DavSession session, Instant seen, Clock clock, MediaLibrary library, FirstSeen firstSeen) {
        this(session, List.of(), NAME, new MediaTree.Dates(seen, seen), clock, library, firstSeen);
    }

    private MediaFolder(DavSession session, List<String> path, String name, MediaTree.Dates dates, Clock clock, MediaLibrary library,
            FirstSeen firstSeen) {
        super(name, dates.modified(), dates.created());
        this.session = session;
        this.path = path;
        this.clock = clock;
        this.library = library;
        this.firstSeen = firstSeen;
    }

    @Override
    public String getUniqueId() {
        return "media/" + MediaLibrary.join(path);
    }

    @Override
    public List<Node> getChildren() {
        List<Node> children = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, MediaTree.Entry> entry : library.tree(session).in(path)) {
            children.add(node(entry.getKey(), entry.getValue()));
            names.add(entry.getKey());
        }
        String month = monthBelow();
        if (month != null && !names.contains(month)) {
            children.add(folder(month, null));
        }
        return children;
    }

    /** A child by its name, from the library's tree: its siblings are not made. */
    @Override
    public Node child(String name) {
        String wanted = Names.nfc(name);
        MediaTree.Entry entry = library.tree(session).child(path, wanted);
        if (entry != null) {
            return node(wanted, entry);
        }
        return wanted.equals(monthBelow()) ? folder(wanted, null) : null;
    }

    private Node node(String name, MediaTree.Entry entry) {
        return entry.isFolder() ? folder(name, entry.dates()) : new MediaFile(session, entry.file(), name, path, library);
    }

    /** The name of the folder below this one on the way to this month's, which always shows; null if none is. */
    private String monthBelow() {
        List<String> month = currentMonth();
        return path.size() < month.size() && month.subList(0, path.size()).equals(path) ? month.get(path.size()) : null;
    }

    /** A folder below this one; one that holds no file (yet) is dated from when this server first saw it. */
    private MediaFolder folder(String name, MediaTree.Dates ofFiles) {
        List<String> at = MediaLibrary.append(path, name);
        Instant seen = firstSeen.of("media-folder", MediaLibrary.join(at));
        // Made no later than first seen here (after a restart, its files tell better); changed when its files last were.
        MediaTree.Dates dates = ofFiles == null ? new MediaTree.Dates(seen, seen)
                : new MediaTree.Dates(MediaTree.Dates.earliest(seen, ofFiles.created()), ofFiles.modified());
        return new MediaFolder(session, at, name, dates, clock, library, firstSeen);
    }

    /** {@code [yyyy, mm]} of now on the site's clock, where WordPress files uploads. */
    private List<String> currentMonth() {
        double offsetHours = session.wordpress().index(session.credentials()).gmtOffset();
        LocalDate today = clock.instant().plusSeconds((long) (offsetHours * 3600)).atZone(ZoneOffset.UTC).toLocalDate();
        return List.of(String.valueOf(today.getYear()), String.format("%02d", today.getMonthValue()));
    }

    /** A folder below {@code media/} is the uploaders' to lock and give properties; {@code media/} itself nobody's. */
    @Override
    public boolean mayChange() {
        return !path.isEmpty() && session.can("upload_files");
    }

    @Override
    public String changeRefusal() {
        return path.isEmpty() ? "media/ is a top folder of the drive" : "Sorry, you are not allowed to upload files.";
    }

    @Override
    public String uploadRefusal() {
        return session.can("upload_files") ? null : "Sorry, you are not allowed to upload files.";
    }

    @Override
    public String refusal(String name) {
        String refused = uploadRefusal();
        if (refused != null) {
            return refused;
        }
        if (library.asDrive()) {
            requireGoodName(name);
            return null;
        }
        List<String> month = currentMonth();
        if (!path.equals(month)) {
            return "Uploading into " + MediaLibrary.join(path) + "/ " + NEEDS_PLUGIN
                    + "; without it, WordPress files uploads in this month's folder, media/" + String.join("/", month) + "/";
        }
        return null;
    }

    /** A name Windows forbids, or that cannot be a name at all, is a bad request: nothing is made. */
    static void requireGoodName(String name) {
        String bad = Names.refusal(Names.nfc(name));
        if (bad != null) {
            throw new DavError.BadRequest(bad);
        }
    }

    @Override
    public Node upload(String name, String contentType, Path file, long length) {
        String refused = refusal(name);
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        String wanted = Names.nfc(name);
        String drivePath = library.asDrive() ? pathOf(wanted) : null;
        long chunk = library.chunkFor(length);
        Media media = chunk > 0
                ? session.wordpress().get(session.credentials(), org.pressdav.wordpress.Endpoint.MEDIA,
                        session.wordpress().uploadInChunks(session.credentials(), wanted, file, drivePath, 0, chunk), org.pressdav.wordpress.Context.VIEW)
                : session.wordpress().upload(session.credentials(), wanted, contentType, file, drivePath);
        List<String> at = MediaLibrary.pathOf(media);
        return new MediaFile(session, media, drivePath != null ? wanted : at.get(at.size() - 1), path, library);
    }

    /** MKCOL: an empty folder of the media library, with the plugin. */
    @Override
    public CollectionResource createCollection(String name) {
        if (!library.asDrive()) {
            throw new DavError.Forbidden("New folders in media/ " + NEEDS_PLUGIN);
        }
        if (!session.can("upload_files")) {
            throw new DavError.Forbidden("Sorry, you are not allowed to upload files.");
        }
        requireGoodName(name);
        String wanted = Names.nfc(name);
        try {
            session.wordpress().makeMediaFolder(session.credentials(), pathOf(wanted));
        } catch (WordPressException e) {
            if ("pressdav_exists".equals(e.code())) {
                // Another user's MKCOL of the same name got there first: for this one, as for any MKCOL of a name in use, 405.
                throw new DavError.NotAllowed(pathOf(wanted) + " already exists");
            }
            throw e;
        }
        return folder(wanted, null);
    }

    @Override
    public String moveRefusal() {
        if (path.isEmpty()) {
            return "media/ is a top folder of the drive";
        }
        return library.asDrive() ? "A media folder moves only within media/" : "Renaming or moving a media folder " + NEEDS_PLUGIN;
    }

    /** MOVE: the folder, with everything in it, at a new path of {@code media/}; no file on disk moves, so no URL breaks. */
    @Override
    public void moveTo(CollectionResource destination, String name) {
        if (path.isEmpty() || !library.asDrive() || !(destination instanceof MediaFolder into)) {
            throw new DavError.Forbidden(moveRefusal());
        }
        requireGoodName(name);
        session.wordpress().moveMediaFolder(session.credentials(), MediaLibrary.join(path),
                into.pathOf(name));
    }

    /** The folder's path below {@code media/} with a name added. */
    String pathOf(String name) {
        return MediaLibrary.join(MediaLibrary.append(path, Names.nfc(name)));
    }

    @Override
    public String deleteRefusal() {
        if (path.isEmpty()) {
            return "media/ is a top folder of the drive";
        }
        if (!library.asDrive()) {
            return "Deleting a media folder " + NEEDS_PLUGIN + "; the files in it can be deleted one by one";
        }
        return session.can("upload_files") ? null : "Sorry, you are not allowed to upload files.";
    }

    /** The folder, once empty: gone from the drive (a folder only its files made goes with them). */
    @Override
    public void deleteEmpty() {
        if (library.tree(session).isMade(path)) {
            session.wordpress().deleteMediaFolder(session.credentials(), MediaLibrary.join(path));
        }
    }
}
