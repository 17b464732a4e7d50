package org.pressdav.dav.entity;

import io.milton.resource.CollectionResource;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.node.FileNode;
import org.pressdav.wordpress.Endpoint;
import org.pressdav.wordpress.Media;

/**
 * {@code trash/media/photo.jpg}: one trashed media file, its bytes readable as in {@code media/} (WordPress keeps the file
 * while the attachment is in the trash), read-only. A MOVE into any folder of {@code media/} restores it there with its id
 * and URL, under the name given; a DELETE deletes it for good. WordPress decides both for this user.
 */
final class TrashedMediaFile extends FileNode implements DeletableResource, MoveableResource {
    private final DavSession session;
    private final Media media;
    /** Its bytes, length, type and ETag, as the file in {@code media/} had them. */
    private final MediaFile content;

    TrashedMediaFile(DavSession session, Media media, String name, MediaLibrary library) {
        super(name, media.modifiedGmt(), media.dateGmt());
        this.session = session;
        this.media = media;
        this.content = new MediaFile(session, media, name, List.of(), library);
    }

    /** The attachment's own key, as in {@code media/}: a restore takes turns with every other write of it. */
    @Override
    public String objectKey() {
        return content.objectKey();
    }

    @Override
    public String changeRefusal() {
        return TrashedMedia.READ_ONLY;
    }

    @Override
    public String moveRefusal() {
        return TrashedMedia.READ_ONLY;
    }

    /** MOVE into a folder of {@code media/}: restored there, under the name given, where nothing else is. */
    @Override
    public void moveTo(CollectionResource destination, String name) {
        if (!(destination instanceof MediaFolder into)) {
            throw new DavError.Forbidden("A trashed media file is restored by moving it into a folder of " + MediaFolder.NAME + "/");
        }
        MediaFolder.requireGoodName(name);
        session.wordpress().untrashMedia(session.credentials(), media.id(), into.pathOf(name));
    }

    /** Deleted for good ({@code force=true}), where WordPress lets this user delete the file. */
    @Override
    public void delete() {
        session.wordpress().delete(session.credentials(), Endpoint.MEDIA, media.id());
    }

    @Override
    public long length() {
        return content.length();
    }

    @Override
    public String etag() {
        return content.etag();
    }

    @Override
    public String contentType() {
        return content.contentType();
    }

    @Override
    public void write(OutputStream out, long offset, long count) throws IOException {
        content.write(out, offset, count);
    }
}
