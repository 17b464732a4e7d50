package org.pressdav.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pressdav.dav.store.ScratchQuota;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * What users' scratch files take in a data directory several instances share, counted in Redis:
 * a counter per user and one for all, each reservation checked and added by one script (one round
 * trip), so that writes through different instances never pass a share together. A write reserves
 * ahead in steps of {@code DiskScratchFiles.RESERVE_STEP} (1 MiB, the share's last step smaller):
 * about one round trip per MiB written, plus one giving back what it did not use. A step reserved
 * ahead is room a parallel write cannot have meanwhile: near a full share, a write beside another
 * may be refused where one at a time both would have fitted (never the other way round).
 * Without Redis a reservation is refused with 503; the total reads as 0 (metrics only).
 */
public final class RedisScratchQuota implements ScratchQuota {
    /** ARGV: bytes needed, bytes wanted, the user's limit, the total's: the bytes reserved (needed up to wanted, as the room allows), or -1 (user) or -2 (total) refused. */
    private static final String RESERVE = """
            local needed = tonumber(ARGV[1])
            local userRoom = tonumber(ARGV[3]) - tonumber(redis.call('GET', KEYS[1]) or '0')
            if userRoom < needed then return -1 end
            local totalRoom = tonumber(ARGV[4]) - tonumber(redis.call('GET', KEYS[2]) or '0')
            if totalRoom < needed then return -2 end
            local n = math.min(tonumber(ARGV[2]), userRoom, totalRoom)
            redis.call('INCRBY', KEYS[1], n)
            redis.call('INCRBY', KEYS[2], n)
            return n
            """;
    private static final String RELEASE = """
            redis.call('DECRBY', KEYS[1], ARGV[1])
            redis.call('DECRBY', KEYS[2], ARGV[1])
            return 0
            """;
    /** Each user's counter (KEYS but the last) set to what the disk holds (ARGV), the total (last key) moved by the difference. */
    private static final String RECOUNT = """
            local total = KEYS[#KEYS]
            for i = 1, #KEYS - 1 do
              local before = tonumber(redis.call('GET', KEYS[i]) or '0')
              redis.call('SET', KEYS[i], ARGV[i])
              redis.call('INCRBY', total, tonumber(ARGV[i]) - before)
            end
            return 0
            """;

    private final RedisBackend redis;

    public RedisScratchQuota(RedisBackend redis) {
        this.redis = redis;
    }

    @Override
    public Refusal reserve(String user, long n, long userLimit, long totalLimit) {
        return reserveAhead(user, n, n, userLimit, totalLimit).refusal();
    }

    @Override
    public Reserved reserveAhead(String user, long needed, long wanted, long userLimit, long totalLimit) {
        long reserved = redis.write(() -> redis.redisson().getScript(StringCodec.INSTANCE).<Long>eval(RScript.Mode.READ_WRITE, RESERVE,
                RScript.ReturnType.LONG, List.of(used(user), totalKey()), Long.toString(needed), Long.toString(wanted), Long.toString(userLimit),
                Long.toString(totalLimit)));
        return reserved == -1 ? new Reserved(0, Refusal.USER) : reserved == -2 ? new Reserved(0, Refusal.TOTAL) : new Reserved(reserved, Refusal.NONE);
    }

    @Override
    public void release(String user, long n) {
        redis.run(() -> redis.redisson().getScript(StringCodec.INSTANCE).<Long>eval(RScript.Mode.READ_WRITE, RELEASE, RScript.ReturnType.LONG,
                List.of(used(user), totalKey()), Long.toString(n)));
    }

    @Override
    public long total() {
        String held = redis.read(() -> redis.redisson().<String>getBucket(totalKey(), StringCodec.INSTANCE).get(), null);
        return held == null ? 0 : Long.parseLong(held);
    }

    @Override
    public void recount(Map<String, Long> perUser) {
        if (perUser.isEmpty()) {
            return;
        }
        List<Object> keys = new ArrayList<>();
        List<String> bytes = new ArrayList<>();
        perUser.forEach((user, used) -> {
            keys.add(used(user));
            bytes.add(Long.toString(used));
        });
        keys.add(totalKey());
        redis.run(() -> redis.redisson().getScript(StringCodec.INSTANCE).<Long>eval(RScript.Mode.READ_WRITE, RECOUNT, RScript.ReturnType.LONG, keys,
                bytes.toArray()));
    }

    private String used(String user) {
        return redis.key("scratch", "used", user);
    }

    private String totalKey() {
        return redis.key("scratch", "total");
    }
}
