package org.pressdav.wordpress;

import java.util.List;

/** What the companion plugin says of itself ({@code pressdav/v1/status}): its version, schema, features, the feed's head and the largest chunk it takes. */
public record Companion(String plugin, String version, int schema, List<String> features, long head, long maxChunk) {
    /** The route of the media folders made on the drive. */
    public static final String MEDIA_FOLDERS = SiteIndex.COMPANION_NAMESPACE + "/media-folders";

    public Companion {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public boolean offers(String feature) {
        return features.contains(feature);
    }

    /** Whether it keeps the media library as a drive: folders, drive paths, moves ({@code media-folders}). */
    public boolean keepsMediaFolders() {
        return offers("media-folders");
    }

    /** Whether it takes uploads in chunks of at most {@link #maxChunk()} bytes, for files PHP could not take in one request. */
    public boolean takesChunks() {
        return offers("chunked-uploads") && maxChunk > 0;
    }

    /** Whether it replaces a media file's bytes in place ({@code media-replace}). */
    public boolean replacesMedia() {
        return offers("media-replace");
    }

    /** Whether it restores a post from the trash as wp-admin does ({@code untrash}), which core REST cannot. */
    public boolean untrashes() {
        return offers("untrash");
    }

    /** Whether the site keeps deleted media in the trash ({@code MEDIA_TRASH}), which the plugin restores from ({@code media-trash}). */
    public boolean keepsMediaInTrash() {
        return offers("media-trash");
    }

    /** Whether it makes many reads in one request ({@code reads}): a hundred posts, or their revisions, a request. */
    public boolean readsInBatches() {
        return offers("reads");
    }

    /** Whether its index lists this collection (feature {@code index:<object type>}, for example {@code index:attachment}). */
    public boolean indexes(Endpoint<?> endpoint) {
        return offers("index:" + endpoint.objectType());
    }
}
