package org.pressdav.redis;

import java.time.Duration;
import java.util.Optional;
import org.pressdav.wordpress.OpenUploads;
import org.redisson.client.codec.StringCodec;

/**
 * {@link OpenUploads} in Redis: {@code uploads:<key>} holds the plugin's id of the upload, for as
 * long as the plugin keeps an upload nothing is sent to, so that an instance that receives the
 * same file again goes on with an upload another one opened and died relaying. A key that outlives
 * its upload costs one question to the plugin, which answers that it has none. Without Redis no
 * upload is found (each starts over), and one that cannot be kept is refused (503) before a chunk
 * is sent.
 */
public final class RedisOpenUploads implements OpenUploads {
    private final RedisBackend redis;
    private final Duration kept;

    public RedisOpenUploads(RedisBackend redis, Duration kept) {
        this.redis = redis;
        this.kept = kept;
    }

    @Override
    public Optional<String> find(String upload) {
        return redis.read(() -> Optional.ofNullable(redis.redisson().<String>getBucket(key(upload), StringCodec.INSTANCE).get()), Optional.empty());
    }

    @Override
    public void opened(String upload, String id) {
        redis.run(() -> redis.redisson().<String>getBucket(key(upload), StringCodec.INSTANCE).set(id, kept));
    }

    @Override
    public void ended(String upload, String id) {
        // Only if it is still this upload's: another instance may have begun the same upload anew meanwhile.
        redis.read(() -> redis.redisson().<String>getBucket(key(upload), StringCodec.INSTANCE).compareAndSet(id, null), false);
    }

    private String key(String upload) {
        return redis.key("uploads", upload);
    }
}
