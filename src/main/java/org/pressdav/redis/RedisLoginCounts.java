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
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * {@link LoginCounts} in Redis, shared by every instance of a site: behind N instances a guesser
 * still gets the tries of one. Each count is one string key holding when it last changed (the
 * throttle's time, the wall clock) and its value; a key older than {@code memory} reads as nothing,
 * and Redis's own expiry only collects it later. A pair changes by compare-and-set (a Lua script
 * that writes only if the key still holds what was read), so two instances' tries never both pass.
 * Round trips: a change is one read of the pair and both failure counts (MGET) and one script
 * (again on the rare conflict); a failure counted is one script; a success one DEL.
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
    private final Ticker ticker;

    /** {@code ticker}: the throttle's, which must read the wall clock, as every instance compares the times kept here. */
    public RedisLoginCounts(RedisBackend redis, Duration memory, Ticker ticker) {
        this.redis = redis;
        this.memory = memory;
        this.ticker = ticker;
    }

    @Override
    public Tries change(String pair, String login, String network, BiFunction<Failures, Tries, Tries> change) {
        String pairKey = redis.key("login", "pair", pair.replace('\n', ' '));
        String loginKey = redis.key("login", "failures", "login", login);
        String addressKey = redis.key("login", "failures", "address", network);
        while (true) {
            Map<String, String> held = refusingLogins(() -> redis.redisson().getBuckets(StringCodec.INSTANCE).get(pairKey, loginKey, addressKey));
            long now = ticker.read();
            String raw = held.getOrDefault(pairKey, "");
            Tries before = tries(raw, now);
            Tries after = change.apply(new Failures(count(held.get(loginKey), now), count(held.get(addressKey), now)), before);
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
    }

    @Override
    public void forget(String pair) {
        redis.read(() -> redis.redisson().getBucket(redis.key("login", "pair", pair.replace('\n', ' ')), StringCodec.INSTANCE).delete(), false);
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
