package org.pressdav.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * A Lua script run in Redis: one round trip, atomic (nothing else runs in Redis meanwhile), the
 * way a store reads and changes its values at once across instances. Keys and arguments are
 * text; a script answers text, a list of texts, or a number.
 */
final class RedisScript {
    /**
     * How many values a script hands one Redis command at most: Lua's {@code unpack} stops near
     * 8,000, and a listing may have 10,000 children. So a listing's read costs one more command
     * inside Redis per 5,000 keys (2,500 for a write of field and value pairs), in its one round trip.
     */
    static final int CHUNK = 5000;

    /** {@code chunked(command, key, items)}: the command on the key with the items, {@link #CHUNK} at a time (an even number: pairs stay whole). */
    static final String CHUNKS = """
            local CHUNK = %d
            local function chunked(command, key, items)
              for first = 1, #items, CHUNK do
                redis.call(command, key, unpack(items, first, math.min(first + CHUNK - 1, #items)))
              end
            end
            """.formatted(CHUNK);

    private final String lua;
    /** The same run as a change of its key: the channel and the news are the last two arguments, taken off before it runs. */
    private final String telling;

    RedisScript(String lua) {
        this.lua = lua;
        this.telling = """
                local news = table.remove(ARGV)
                local channel = table.remove(ARGV)
                local answer = (function()
                %s
                end)()
                redis.call('PUBLISH', channel, news)
                return answer
                """.formatted(lua);
    }

    List<String> list(RedisBackend backend, String key, List<String> args) {
        return backend.redisson().getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.LIST, List.of(key), args.toArray());
    }

    long number(RedisBackend backend, String key, List<String> args) {
        return number(backend, lua, key, args.toArray());
    }

    /**
     * Runs the script as a change of {@code key}, a hash other instances may keep a copy of ({@link NearCache}):
     * in the same atomic run it tells them all, and this instance's copy is dropped once it ran (or may have).
     */
    long change(RedisBackend backend, String key, List<String> args) {
        NearCache copies = backend.nearCache();
        List<String> told = new ArrayList<>(args.size() + 2);
        told.addAll(args);
        told.add(copies.channel());
        told.add(copies.news(key));
        try {
            return number(backend, telling, key, told.toArray());
        } finally {
            copies.changed(key);
        }
    }

    private static long number(RedisBackend backend, String lua, String key, Object[] args) {
        Long answer = backend.redisson().getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, lua, RScript.ReturnType.LONG, List.of(key), args);
        return answer == null ? 0 : answer;
    }
}
