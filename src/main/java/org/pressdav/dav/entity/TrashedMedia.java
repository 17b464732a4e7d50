package org.pressdav.dav.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.ReadOnlyFolder;
import org.pressdav.wordpress.Context;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.ListQuery;
import org.pressdav.wordpress.Media;

/**
 * {@code trash/media/}: the media files in WordPress's trash, on a site that keeps deleted media there ({@code MEDIA_TRASH}),
 * each as a file under the name it had in its folder of {@code media/} (two of one name: the newer attachment with its id,
 * as {@code media/} names a clash). Listed with one REST request ({@code status=trash}, {@code context=edit}: WordPress leaves
 * out what this user may not edit); listed to uploaders, reached by its name by anyone, so that WordPress answers who may not.
 */
final class TrashedMedia extends ReadOnlyFolder {
    static final String NAME = "media";
    static final String READ_ONLY = "The trash is read-only: MOVE a file out of trash/media/ into a folder of media/ to restore it, "
            + "or DELETE it to delete it for good";
    private static final String[] LISTED = {"id", "date_gmt", "modified_gmt", "slug", "author", "mime_type", "source_url", "media_details",
            "drive_path"};

    private final DavSession session;
    private final MediaLibrary library;

    TrashedMedia(DavSession session, MediaLibrary library, Instant seen) {
        super(NAME, seen, seen, READ_ONLY);
        this.session = session;
        this.library = library;
    }

    /** Listed in {@code trash/} to who may upload: no one else has media files to delete. */
    static boolean listedTo(DavSession session) {
        return session.can("upload_files");
    }

    @Override
    public String getUniqueId() {
        return TrashFolder.NAME + "/" + NAME;
    }

    @Override
    public List<TrashedMediaFile> getChildren() {
        ListQuery query = ListQuery.all().withFields(LISTED).withContext(Context.EDIT).with("status", "trash");
        List<TrashedMediaFile> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        // By id, not WordPress's order (newest first): the older of two files of one name keeps it plain.
        List<Media> trashed = session.wordpress().list(session.credentials(), Endpoint.MEDIA, query).items().stream()
                .sorted(Comparator.comparingLong(Media::id)).toList();
        for (Media media : trashed) {
            List<String> path = MediaLibrary.placeOf(media);
            String name = path.get(path.size() - 1);
            if (!names.add(name)) {
                name = MediaLibrary.withId(List.of(name), media.id()).get(0);
                names.add(name);
            }
            files.add(new TrashedMediaFile(session, media, name, library));
        }
        return files;
    }
}
