package org.pressdav.dav.entity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import io.milton.resource.CollectionResource;
import io.milton.resource.DeletableResource;
import io.milton.resource.MoveableResource;
import java.nio.file.Path;
import org.pressdav.dav.DavError;
import org.pressdav.dav.DavSession;
import org.pressdav.dav.Names;
import org.pressdav.dav.node.ReplaceableFile;
import java.util.List;
import org.pressdav.dav.node.DavFile;
import org.pressdav.dav.node.FileNode;
import org.pressdav.wordpress.Media;
import org.pressdav.wordpress.MediaContent;

/**
 * A file of the media library, streamed from WordPress's web server (or read from its uploads folder
 * on a shared disk), never held whole. With the companion plugin it is renamed and moved (keeping its
 * id and URL) and its bytes are replaced in place.
 */
public final class MediaFile extends FileNode implements DeletableResource, MoveableResource, ReplaceableFile {
    private final DavSession session;
    private final Media media;
    private final MediaLibrary library;
    /** The folder it shows in, below {@code media/}. */
    private final List<String> folder;
    private long length = -1;

    MediaFile(DavSession session, Media media, String name, List<String> folder, MediaLibrary library) {
        super(name, media.modifiedGmt(), media.dateGmt());
        this.session = session;
        this.media = media;
        this.folder = folder;
        this.library = library;
    }

    @Override
    public synchronized long length() {
        if (length < 0) {
            Long known = media.mediaDetails() == null ? null : media.mediaDetails().filesize();
            length = known != null ? known : askLength();
        }
        return length;
    }

    /** Attachments older than WordPress 6.0 carry no size: ask the web server for one byte. */
    private long askLength() {
        try (MediaContent probe = session.wordpress().download(session.credentials(), media, "bytes=0-0")) {
            String range = probe.header("Content-Range");
            if (range != null && range.contains("/")) {
                return Long.parseLong(range.substring(range.indexOf('/') + 1).trim());
            }
            return probe.status() == 200 ? probe.contentLength() : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String objectKey() {
        return "media/" + media.id();
    }

    /** The uploader's own files, or anyone's for editors: what WordPress lets a user edit and delete. */
    @Override
    public boolean mayChange() {
        return session.user() != null && (media.author() == session.user().id() || session.can("edit_others_posts"));
    }

    @Override
    public String moveRefusal() {
        return library.asDrive() ? "A media file moves only within media/" : "Renaming or moving a media file " + MediaFolder.NEEDS_PLUGIN;
    }

    /** MOVE: the attachment at a new path of {@code media/}; its file, URL and id stay. */
    @Override
    public void moveTo(CollectionResource destination, String name) {
        if (!library.asDrive() || !(destination instanceof MediaFolder into)) {
            throw new DavError.Forbidden(moveRefusal());
        }
        String bad = Names.refusal(Names.nfc(name));
        if (bad != null) {
            throw new DavError.BadRequest(bad);
        }
        session.wordpress().moveMedia(session.credentials(), media.id(), into.pathOf(name));
    }

    @Override
    public String replaceRefusal() {
        if (!library.replaces()) {
            return "Replacing the bytes of " + getName() + " " + MediaFolder.NEEDS_PLUGIN;
        }
        return mayChange() ? null : "Sorry, you are not allowed to edit this item.";
    }

    /** New bytes, in place: the attachment keeps its id, URL, title, alt text and caption. */
    @Override
    public DavFile replaceWith(Path file, long length, String contentType) {
        String refused = replaceRefusal();
        if (refused != null) {
            throw new DavError.Forbidden(refused);
        }
        long chunk = library.chunkFor(length);
        if (chunk > 0) {
            session.wordpress().uploadInChunks(session.credentials(), getName(), file, null, media.id(), chunk);
        } else {
            session.wordpress().replaceMedia(session.credentials(), media.id(), contentType, file);
        }
        // As the library lists it now, so that the ETag answered is the one the next listing shows.
        MediaTree.Entry now = library.tree(session).child(folder, getName());
        return now == null || now.isFolder() ? null : new MediaFile(session, now.file(), getName(), folder, library);
    }

    /**
     * To WordPress's trash where the site keeps deleted media there (then in {@code trash/media/}), deleted for good
     * where it does not; either where WordPress allows it.
     */
    @Override
    public void delete() {
        if (library.keepsTrash()) {
            session.wordpress().trashMedia(session.credentials(), media.id());
        } else {
            session.wordpress().delete(session.credentials(), org.pressdav.wordpress.Endpoint.MEDIA, media.id());
        }
    }

    @Override
    public String etag() {
        Instant modified = media.modifiedGmt();
        return "\"media-" + media.id() + "-" + (modified == null ? 0 : modified.getEpochSecond()) + "-" + length() + "\"";
    }

    @Override
    public String contentType() {
        return media.mimeType() == null ? "application/octet-stream" : media.mimeType();
    }

    @Override
    public void write(OutputStream out, long offset, long count) throws IOException {
        if (count <= 0) {
            return;
        }
        boolean whole = offset == 0 && count == length();
        String range = whole ? null : "bytes=" + offset + "-" + (offset + count - 1);
        try (MediaContent content = session.wordpress().download(session.credentials(), media, range)) {
            InputStream in = content.body();
            if (!whole && content.status() == 200) {
                in.skipNBytes(offset); // the server ignored the range: skip to it
            } else if (content.status() != 200 && content.status() != 206) {
                throw new DavError.BadGateway("WordPress's web server answered " + content.status() + " for " + media.sourceUrl());
            }
            content.copyTo(out, count);
        }
    }
}
