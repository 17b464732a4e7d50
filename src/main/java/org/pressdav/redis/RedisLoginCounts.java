package org.pressdav.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.pressdav.dav.DavError;
import org.pressdav.login.LoginCounts;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * {@link LoginCounts} in Redis, shared by every instance of a site: behind N instances a guesser
 * still gets the tries of one. Each count is one string key holding when it last changed (the
 * throttle's time, the wall clock) and its value; a key older than {@code memory} reads as nothing,
 * and Redis's own expiry only collects it later. A pair changes by compare-and-set (a Lua script
 * that writes only if the key still holds what was read), so two instances' tries never both pass.
 * Credentials WordPress accepted are kept as the hash the WordPress cache keys them by (of the
 * login and an application password, which WordPress makes of 24 random characters), with when.
 * Round trips: a change is one read of the pair, both failure counts and the credentials' acceptance
 * (MGET) and one script (again on the rare conflict); a failure counted is one script; credentials
 * accepted one batch (SET and DEL), refused one DEL.
 * Redis not answering: a change is refused (503, saying why), so an unknown login is never let
 * through uncounted; forgetting and counting a failure after WordPress answered go on without it (logged).
 */
public final class RedisLoginCounts implements LoginCounts {
    /** Sets KEYS[1] to ARGV[2] (deletes it where empty) only if it still holds ARGV[1] ('' for none); 1 if set. */
    private static final String COMPARE_AND_SET = """
            local held = redis.call('GET', KEYS[1]) or ''
            if held ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            return 1
            """;
    /** Adds one to each key's count (starting afresh where it is older than ARGV[2] ns), stamped ARGV[1]. */
    private static final String COUNT_FAILURE = """
            for _, key in ipairs(KEYS) do
              local held = redis.call('GET', key)
              local n = 0
              if held then
                local at, count = string.match(held, '^(%-?%d+) (%d+)$')
                if at and tonumber(ARGV[1]) - tonumber(at) < tonumber(ARGV[2]) then n = tonumber(count) end
              end
              redis.call('SET', key, ARGV[1] .. ' ' .. (n + 1), 'PX', ARGV[3])
            end
            return 1
            """;

    private final RedisBackend redis;
    private final Duration memory;
    private final Duration knownFor;
    private final Ticker ticker;

    /**
     * Counts forgotten {@code memory} after their last change, accepted credentials {@code knownFor}
     * after their acceptance; {@code ticker}: the throttle's, which must read the wall clock, as every
     * instance compares the times kept here.
     */
    public RedisLoginCounts(RedisBackend redis, Duration memory, Duration knownFor, Ticker ticker) {
        this.redis = redis;
        this.memory = memory;
        this.knownFor = knownFor;
        this.ticker = ticker;
    }

    @Override
    public Tries change(String pair, String login, String network, String guess, BiFunction<Seen, Tries, Tries> change) {
        String pairKey = pairKey(pair);
        String acceptedKey = acceptedKey(guess);
        String loginKey = redis.key("login", "failures", "login", login);
        String addressKey = redis.key("login", "failures", "address", network);
        // Another instance changing the same pair in between makes this one look again; a hundred times means something is wrong.
        for (int look = 0; look < 100; look++) {
            Map<String, String> held = refusingLogins(() -> redis.redisson().getBuckets(StringCodec.INSTANCE).get(pairKey, loginKey, addressKey, acceptedKey));
            long now = ticker.read();
            String raw = held.getOrDefault(pairKey, "");
            Tries before = tries(raw, now);
            String accepted = held.get(acceptedKey);
            Seen seen = new Seen(count(held.get(loginKey), now), count(held.get(addressKey), now),
                    accepted != null && now - Long.parseLong(accepted) < knownFor.toNanos());
            Tries after = change.apply(seen, before);
            if (after.equals(before)) {
                return before;
            }
            String next = after.equals(Tries.NONE) ? "" : text(after, now);
            long set = refusingLogins(() -> redis.redisson().getScript(StringCodec.INSTANCE).<Long>eval(RScript.Mode.READ_WRITE, COMPARE_AND_SET,
                    RScript.ReturnType.LONG, List.of(pairKey), raw, next, Long.toString(expiryMillis())));
            if (set == 1) {
                return after;
            }
        }
        throw new DavError.Busy("Logins cannot be checked now: the count of this login's tries kept changing under pressdav; try again");
    }

    @Override
    public void accepted(String pair, String guess) {
        redis.read(() -> {
            RBatch batch = redis.redisson().createBatch();
            batch.getBucket(acceptedKey(guess), StringCodec.INSTANCE).setAsync(Long.toString(ticker.read()), knownFor.plusMinutes(1));
            batch.getBucket(pairKey(pair), StringCodec.INSTANCE).deleteAsync();
            return batch.execute();
        }, null);
    }

    @Override
    public void refused(String guess) {
        redis.read(() -> redis.redisson().getBucket(acceptedKey(guess), StringCodec.INSTANCE).delete(), false);
    }

    private String pairKey(String pair) {
        return redis.key("login", "pair", pair.replace('\n', ' '));
    }

    private String acceptedKey(String guess) {
        return redis.key("login", "accepted", guess);
    }

    @Override
    public void failed(String login, String network) {
        redis.read(() -> redis.redisson().getScript(StringCodec.INSTANCE).<Long>eval(RScript.Mode.READ_WRITE, COUNT_FAILURE,
                RScript.ReturnType.LONG, List.of(redis.key("login", "failures", "login", login), redis.key("login", "failures", "address", network)),
                Long.toString(ticker.read()), Long.toString(memory.toNanos()), Long.toString(expiryMillis())), 0L);
    }

    /** A call a login's try waits on: without Redis the try is refused, saying why. */
    private <T> T refusingLogins(Supplier<T> call) {
        try {
            return redis.write(call);
        } catch (DavError.Busy unreachable) {
            throw new DavError.Busy("Logins cannot be checked now: failed logins are counted in Redis, and " + unreachable.getMessage());
        }
    }

    /** Redis's own expiry collects a key a while after the throttle has forgotten it (times kept in values decide). */
    private long expiryMillis() {
        return memory.plusMinutes(1).toMillis();
    }

    /** "written failed last guess carriers guess carriers ..."; a key not written within the memory is {@link Tries#NONE}. */
    private Tries tries(String raw, long now) {
        if (raw.isEmpty()) {
            return Tries.NONE;
        }
        String[] parts = raw.split(" ");
        if (now - Long.parseLong(parts[0]) >= memory.toNanos()) {
            return Tries.NONE;
        }
        Map<String, Integer> checking = new HashMap<>();
        for (int i = 3; i + 1 < parts.length; i += 2) {
            checking.put(parts[i], Integer.parseInt(parts[i + 1]));
        }
        return new Tries(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), checking);
    }

    /** Guesses are hashes of credentials (no spaces in them). */
    private static String text(Tries tries, long now) {
        StringBuilder text = new StringBuilder().append(now).append(' ').append(tries.failed()).append(' ').append(tries.last());
        tries.checking().forEach((guess, carriers) -> text.append(' ').append(guess).append(' ').append(carriers));
        return text.toString();
    }

    /** "written count"; nothing where older than the memory. */
    private int count(String raw, long now) {
        if (raw == null) {
            return 0;
        }
        int space = raw.indexOf(' ');
        return now - Long.parseLong(raw.substring(0, space)) >= memory.toNanos() ? 0 : Integer.parseInt(raw.substring(space + 1));
    }
}
