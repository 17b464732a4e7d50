package org.pressdav.wordpress;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The uploads in chunks the companion plugin holds open, findable by what they upload: one login's
 * file of one name and size for one place (a drive path, or the attachment it replaces), in chunks
 * of one size. Several instances share them, so that the same file sent again for the same place,
 * to any of them, goes on from the chunks WordPress already holds (after an instance died in the
 * middle of relaying it, say) instead of starting over; each chunk WordPress holds is checked
 * against the file by its SHA-256 before it is kept. An instance alone keeps none: an upload it
 * opened ends with it ({@link #NONE}).
 */
public interface OpenUploads {
    OpenUploads NONE = new OpenUploads() {
        @Override
        public Optional<String> find(String upload) {
            return Optional.empty();
        }

        @Override
        public void opened(String upload, String id) {
        }

        @Override
        public void ended(String upload, String id) {
        }
    };

    /** The plugin's id of the open upload of this key, if one was opened and has not ended. */
    Optional<String> find(String upload);

    /** The upload of this key is open under the plugin's {@code id}, until it ends or the plugin's idle time has passed. */
    void opened(String upload, String id);

    /** The upload {@code id} of this key finished or was given up (a later upload of the key, opened elsewhere meanwhile, stays). */
    void ended(String upload, String id);

    /**
     * The key of an upload: a hash of who sends which file where, in chunks of which size, so that
     * nobody reading the store learns a login or a path.
     */
    static String key(Credentials who, String fileName, String drivePath, long replaces, long size, long chunkBytes) {
        String what = String.join("\n", String.valueOf(who.login()), fileName, String.valueOf(drivePath), Long.toString(replaces),
                Long.toString(size), Long.toString(chunkBytes));
        return Sha256.of(what.getBytes(StandardCharsets.UTF_8));
    }
}
