package org.pressdav.redis;

import java.time.Duration;
import java.util.List;

/**
 * A process that takes one write turn and holds it until it is killed: what an instance that dies
 * in the middle of a write leaves behind. Arguments: Redis URL, key namespace, lease in ms, object key.
 */
public final class TurnHolder {
    private TurnHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        RedisBackend backend = RedisBackend.connect(args[0], args[1], "holder", Duration.ofMillis(Long.parseLong(args[2])));
        RedisSerialWrites writes = new RedisSerialWrites(backend, Duration.ofSeconds(10), keys -> { }, nanos -> { });
        writes.await(List.of(args[3]));
        System.out.println("held");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
