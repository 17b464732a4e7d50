package org.pressdav.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pressdav.redis.RedisBackend;

/**
 * A {@link RedisServer} for one test class and the connections its tests open to it: each store a
 * test makes gets a namespace of its own (so two stores of one test are as independent as two
 * in-memory ones), and a second connection to a namespace is another instance of the drive
 * sharing that store. {@link #closeClients()} after each test, {@link #close()} after the class.
 */
public final class RedisClients implements AutoCloseable {
    private static final Duration LEASE = Duration.ofSeconds(5);

    private final RedisServer server;
    private final List<RedisBackend> open = new ArrayList<>();
    private int namespaces;

    private RedisClients(RedisServer server) {
        this.server = server;
    }

    /** Starts the server; the calling test class is skipped, saying why, where redis-server is not installed. */
    public static RedisClients start() {
        return new RedisClients(RedisServer.start());
    }

    public RedisServer server() {
        return server;
    }

    /** A connection as instance {@code a}, to a namespace no other connection has used. */
    public synchronized RedisBackend fresh() {
        return connect("t" + ++namespaces + ":", "a");
    }

    /** Another connection, as instance {@code b}, to the same namespace as {@code first}: a second instance of the same drive. */
    public synchronized RedisBackend secondClientOf(RedisBackend first) {
        return connect(first.key(), "b");
    }

    private RedisBackend connect(String namespace, String instance) {
        RedisBackend backend = RedisBackend.connect(server.url(), namespace, instance, LEASE);
        open.add(backend);
        return backend;
    }

    public synchronized void closeClients() {
        open.forEach(RedisBackend::close);
        open.clear();
    }

    @Override
    public void close() {
        closeClients();
        server.close();
    }
}
