package org.pressdav.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pressdav.redis.RedisBackend;

/**
 * A {@link RedisServer} for one test class ({@code @RegisterExtension static}: started before
 * its tests, stopped by its PID after them; the class is skipped, saying why, where redis-server
 * is not installed) and the stores its tests make on it. Each store gets a namespace of its own,
 * so two stores of one test are as independent as two in-memory ones; a second client of a store
 * is another connection to the same namespace, as a second instance of the drive has. The
 * connections of a test are closed after it.
 */
public final class RedisClients implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final Duration LEASE = Duration.ofSeconds(5);

    private RedisServer server;
    private final List<RedisBackend> open = new ArrayList<>();
    private final Map<Object, RedisBackend> backends = new IdentityHashMap<>();
    private int namespaces;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    public RedisServer server() {
        return server;
    }

    /** A connection as instance {@code a}, to a namespace no other connection has used. */
    public synchronized RedisBackend fresh() {
        return connect("t" + ++namespaces + ":", "a");
    }

    /** A store on a connection of its own, to a namespace of its own. */
    public synchronized <S> S fresh(Function<RedisBackend, S> store) {
        RedisBackend backend = fresh();
        S made = store.apply(backend);
        backends.put(made, backend);
        return made;
    }

    /** The connection a store made by {@link #fresh(Function)} uses. */
    public synchronized RedisBackend backendOf(Object store) {
        return backends.get(store);
    }

    /** The same store through another connection, as instance {@code b}, to the same namespace as {@code first}'s. */
    public synchronized <S> S secondClientOf(S first, Function<RedisBackend, S> store) {
        return store.apply(secondClient(backendOf(first)));
    }

    /** Starts the server again from its append-only file, and waits (15 s at most, else the test fails) until {@code backend} finds it answering again. */
    public void restartFor(RedisBackend backend) {
        server.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String problem;
        while ((problem = backend.problem()) != null) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("redis-server restarted from its append-only file, still not answering after 15 s: " + problem);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the restarted redis-server", e);
            }
        }
    }

    /** Another connection to {@code first}'s namespace, as instance {@code b}: a second instance of the drive. */
    public synchronized RedisBackend secondClient(RedisBackend first) {
        return connect(first.key(), "b");
    }

    /** Another connection to {@code first}'s namespace under {@code first}'s instance name: an instance started again, or a second one misnamed. */
    public synchronized RedisBackend sameInstanceAs(RedisBackend first) {
        return connect(first.key(), first.instance());
    }

    private RedisBackend connect(String namespace, String instance) {
        RedisBackend backend = RedisBackend.connect(server.url(), namespace, instance, LEASE);
        open.add(backend);
        return backend;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        open.forEach(RedisBackend::close);
        open.clear();
        backends.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        afterEach(context);
        if (server != null) {
            server.close();
        }
    }
}
