package org.pressdav.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;

/**
 * This instance's copies of small Redis hashes that reads ask for again and again (a user's hidden
 * files in a folder, their dead properties and folder names, the locks), so that a warm GET asks
 * Redis nothing and a warm listing next to nothing; the one place that decides when a copy may be
 * used. A copy is the whole hash as one read (HGETALL) found it. Every change of a copied hash runs
 * through {@link RedisScript#change}, which tells all
 * instances in the same atomic run in Redis (pub/sub): each drops its copy when the news arrives,
 * the instance that made the change at once. So another instance's change shows here within the
 * news's way over (well under a millisecond on a LAN), the same bound as the WordPress cache's.
 *
 * <p>What keeps a copy from being stale for longer: a read that raced a change (its answer may
 * predate the change, its news may have come before the copy was kept) is not kept, by the
 * count of changes heard per stripe of keys, taken before the read; every copy is dropped when a
 * call to Redis fails and each time the subscription (re)starts (news may have been lost while it
 * was down), and nothing is kept while it is not subscribed; and no copy is older than
 * {@link #KEPT}, whatever was lost. Only reads use copies: what a write decides on is read from
 * Redis itself (the stores' authoritative methods).
 */
final class NearCache implements AutoCloseable {
    /** How long a copy is used at most, should the news of a change ever be lost without a failed call or a new subscription saying so. */
    static final Duration KEPT = Duration.ofSeconds(10);
    /** How much the copies weigh together at most, in characters (about two bytes each): a user's dead properties are at most 1 M. */
    private static final long MOST_CHARACTERS = 8_000_000;

    /** One hash as this instance read it; compared by identity, so that a read drops only the copy it made. */
    private static final class Copy {
        final Map<String, String> fields;

        Copy(Map<String, String> fields) {
            this.fields = fields;
        }

        int weight() {
            int weight = 64;
            for (Map.Entry<String, String> field : fields.entrySet()) {
                weight += field.getKey().length() + field.getValue().length() + 32;
            }
            return weight;
        }
    }

    private final Cache<String, Copy> copies = Caffeine.newBuilder().expireAfterWrite(KEPT).maximumWeight(MOST_CHARACTERS)
            .weigher((String key, Copy copy) -> key.length() + copy.weight()).build();
    /** Changes heard (here or from elsewhere), per stripe of keys: a read that saw its stripe move keeps no copy. */
    private final AtomicLongArray changes = new AtomicLongArray(64);
    private final AtomicLong newsHeard = new AtomicLong();
    /** This instance among those on the channel: its own news is not news to it. */
    private final String origin = UUID.randomUUID().toString();
    private final RTopic topic;
    private final int statusListener;
    private final int newsListener;
    /** Whether the subscription is up: news can be heard, so copies can be kept. */
    private volatile boolean subscribed;

    NearCache(RedissonClient redisson, String channel) {
        this.topic = redisson.getTopic(channel);
        this.statusListener = topic.addListener(new StatusListener() {
            @Override
            public void onSubscribe(String name) {
                // A new subscription (a reconnection too): what was said meanwhile was not heard.
                dropAll();
                subscribed = true;
            }

            @Override
            public void onUnsubscribe(String name) {
                subscribed = false;
                dropAll();
            }
        });
        this.newsListener = topic.addListener(String.class, (name, message) -> heard(message));
    }

    /**
     * The hash at {@code key} as copied here, else as {@code read} finds it now (null: Redis did not answer,
     * which keeps nothing), copied unless a change of it was heard while it was read.
     */
    Map<String, String> hash(String key, Supplier<Map<String, String>> read) {
        Copy copy = copies.getIfPresent(key);
        if (copy != null) {
            return copy.fields;
        }
        int stripe = stripe(key);
        long before = changes.get(stripe);
        Map<String, String> fields = read.get();
        if (fields == null) {
            return null;
        }
        Copy made = new Copy(Map.copyOf(fields));
        if (subscribed) {
            copies.put(key, made);
            // Checked after the copy is in: a change heard from now on drops it itself, one heard before is seen here.
            if (changes.get(stripe) != before) {
                copies.asMap().remove(key, made);
            }
        }
        return made.fields;
    }

    /** The channel and the message that tell every instance {@code key} changed, for a script to publish. */
    String channel() {
        return topic.getChannelNames().get(0);
    }

    String news(String key) {
        return origin + "\n" + key;
    }

    /** This instance changed {@code key} (or may have: the call failed): its copy goes at once. */
    void changed(String key) {
        changes.incrementAndGet(stripe(key));
        copies.invalidate(key);
    }

    /** Every copy goes: Redis did not answer, or the news of changes may have been lost. */
    void dropAll() {
        for (int i = 0; i < changes.length(); i++) {
            changes.incrementAndGet(i);
        }
        copies.invalidateAll();
    }

    /** How many changes made elsewhere this instance has heard of (tests await it). */
    long newsHeard() {
        return newsHeard.get();
    }

    private void heard(String message) {
        int newline = message.indexOf('\n');
        if (newline < 0 || message.substring(0, newline).equals(origin)) {
            return;
        }
        changed(message.substring(newline + 1));
        newsHeard.incrementAndGet();
    }

    private int stripe(String key) {
        return Math.floorMod(key.hashCode(), changes.length());
    }

    @Override
    public void close() {
        topic.removeListener(statusListener, newsListener);
    }
}
